package io.c360.jobs.recs;


import io.c360.core.config.RecsConfig;
import io.c360.core.metrics.ModelScope;
import io.c360.core.metrics.RegisteredModel;
import io.c360.core.recs.AlsRecommender;
import io.c360.core.recs.BlendRanker;
import io.c360.core.recs.Recommendations;
import io.c360.jobs.Lake;
import io.c360.jobs.LakeModelStore;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the offline evaluation of the recommendations chose: the ALS grid point, the blend weights and rank offset
 * and, when it won, the learned ranker (saved under {@code _models/recs/<version>}). Registered in model_registry
 * (model recs, version {@code recs-<as-of date>}) by the run that evaluated; later runs build with the newest choice
 * until it is reevaluate-days older than their as-of date.
 */
final class RecsRegistry {

  static final String MODEL = "recs";
  private static final String WEIGHT = "weight_";

  private final Lake lake;

  RecsRegistry(Lake lake) {
    this.lake = lake;
  }

  /** A registered choice: the ALS grid point and the blending, with the learned ranker loaded when it has one. */
  record Registered(String version, LocalDate asOf, AlsRecommender.Params als, Recommendations.Blending blending) {
  }

  /**
   * The choice to build with, or empty to evaluate: the newest registered on or before the as-of date while it is
   * younger than reevaluate-days and made with the same settings for the sources this code blends ({@code sources},
   * in order): a changed setting (other than reevaluate-days) makes the next run evaluate, and so does a choice
   * whose saved ranker is gone (a lake copied without its {@code _models} folder).
   */
  Optional<Registered> choose(RecsConfig config, LocalDate asOf, List<String> sources) {
    if (config.reevaluateDays() == 0) {
      return Optional.empty();
    }
    Optional<RegisteredModel> newest = new LakeModelStore(lake).versions(MODEL).stream()
        .filter(m -> !m.asOf().isAfter(asOf) && m.asOf().isAfter(asOf.minusDays(config.reevaluateDays())))
        .reduce((a, b) -> b);
    return newest.filter(m -> m.detail().equals(detail(config, sources)))
        .filter(m -> m.artifactPath() == null || Files.isDirectory(lake.root().resolve(m.artifactPath())))
        .map(m -> registered(m, sources));
  }

  private Registered registered(RegisteredModel model, List<String> sources) {
    Map<String, Double> params = model.params();
    Map<String, Double> weights = new LinkedHashMap<>();
    sources.forEach(s -> weights.put(s, params.get(WEIGHT + s)));
    BlendRanker ranker = model.artifactPath() == null ? null
        : BlendRanker.load(lake.root().resolve(model.artifactPath()).toString(), sources);
    AlsRecommender.Params als = new AlsRecommender.Params(params.get("als_rank").intValue(),
        params.get("als_reg_param"), params.get("als_alpha"));
    return new Registered(model.version(), model.asOf(), als,
        new Recommendations.Blending(weights, params.get("rank_offset").intValue(), ranker));
  }

  /**
   * Registers the evaluation's choice for {@code asOf} (made on {@code share} of the customers), replacing that
   * date's: saves the learned ranker under the lake first (a run killed in between leaves no registry row, and the
   * next run evaluates again).
   */
  String register(RecsConfig config, LocalDate asOf, Recommendations.Evaluation evaluation,
                  List<String> sources, double share) {
    String version = MODEL + "-" + asOf;
    Recommendations.Blending blending = evaluation.blending();
    String artifact = blending.ranker() == null ? null : lake.saveModel(MODEL, version, blending.ranker()::save);
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("als_rank", (double) evaluation.best().rank());
    params.put("als_reg_param", evaluation.best().regParam());
    params.put("als_alpha", evaluation.best().alpha());
    params.put("rank_offset", (double) blending.rankOffset());
    blending.weights().forEach((source, weight) -> params.put(WEIGHT + source, weight));
    params.put("learned_ranker", blending.ranker() == null ? 0.0 : 1.0);
    params.put("customer_sample_share", share);
    long customers = evaluation.bySource().get(Recommendations.BLENDED).customers();
    new LakeModelStore(lake).register(ModelScope.of(MODEL, asOf), List.of(RegisteredModel.trained(MODEL, version,
        asOf, params, customers, artifact, List.of(), detail(config, sources))));
    return version;
  }

  /** What a choice was made for: the sources, in order, and a hash of the settings but reevaluate-days. */
  static String detail(RecsConfig config, List<String> sources) {
    String settings = config.toString().replaceFirst("reevaluateDays=\\d+, ", "");
    return "sources " + String.join(", ", sources) + "; settings " + Integer.toHexString(settings.hashCode());
  }
}
