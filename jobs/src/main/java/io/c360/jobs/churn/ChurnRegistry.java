package io.c360.jobs.churn;


import io.c360.core.churn.ChurnDataset;
import io.c360.core.churn.ChurnModel;
import io.c360.core.config.ChurnModelConfig;
import io.c360.core.metrics.RegisteredModel;
import io.c360.jobs.InputException;
import io.c360.jobs.Lake;
import io.c360.jobs.LakeModelStore;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The churn models of a lake: saved under {@code _models/churn/<version>} and registered in model_registry (model
 * churn, version {@code churn-<as-of date>}). Decides whether a run trains or scores with a registered model.
 */
final class ChurnRegistry {

  static final String MODEL = "churn";
  /** Where the feature list starts in the detail of a row registered before the features column. */
  static final String FEATURES = "; features ";

  private final Lake lake;

  ChurnRegistry(Lake lake) {
    this.lake = lake;
  }

  /** A registered model and the features it was trained on (model order). */
  record Registered(String version, LocalDate asOf, String artifact, int roundsTrained, int bestIteration,
                    double logOddsOffset, List<String> features) {

    /** Whether this code's feature list is the model's: a model of an older feature list cannot score. */
    boolean current() {
      return features.equals(ChurnDataset.featureNames());
    }

    ChurnModel load() {
      return ChurnModel.load(artifact, ChurnDataset.featureNames(), roundsTrained, bestIteration, logOddsOffset);
    }
  }

  static String version(LocalDate asOf) {
    return MODEL + "-" + asOf;
  }

  /**
   * The model to score with, or empty to train one: the pinned version (an input error when it is not
   * registered), else the newest registered on or before the as-of date while it is younger than retrain-days.
   */
  Optional<Registered> choose(ChurnModelConfig config, LocalDate asOf) {
    List<Registered> registered = registered();
    if (config.pinned()) {
      Registered pinned = registered.stream().filter(r -> r.version().equals(config.modelVersion())).findFirst()
          .orElseThrow(() -> new InputException("c360.churn.model-version '" + config.modelVersion() + "' is not "
              + "registered; registered churn models: " + (registered.isEmpty() ? "none"
              : String.join(", ", registered.stream().map(Registered::version).toList()))));
      if (!pinned.current()) {
        throw new InputException("c360.churn.model-version '" + config.modelVersion() + "' was trained on other "
            + "features than this version of c360 computes (" + String.join(", ", pinned.features()) + "); pin a "
            + "model trained by this version or set model-version = latest to train one");
      }
      return Optional.of(pinned);
    }
    if (config.retrainDays() == 0) {
      return Optional.empty();
    }
    return registered.stream().filter(Registered::current).filter(r -> !r.asOf().isAfter(asOf))
        .filter(r -> ChronoUnit.DAYS.between(r.asOf(), asOf) < config.retrainDays())
        .reduce((a, b) -> b.asOf().isAfter(a.asOf()) ? b : a);
  }

  /** Every registered churn model (a handful of rows), oldest first. */
  List<Registered> registered() {
    return new LakeModelStore(lake).versions(MODEL).stream().map(this::registered).toList();
  }

  /** A registered version; its artifact path is relative to the lake root (older rows hold absolute paths). */
  private Registered registered(RegisteredModel model) {
    Map<String, Double> params = model.params();
    String artifact = lake.root().resolve(model.artifactPath()).toString();
    List<String> features = model.features().isEmpty() ? features(model.detail()) : model.features();
    return new Registered(model.version(), model.asOf(), artifact,
        params.getOrDefault("rounds_trained", 0.0).intValue(), params.getOrDefault("best_iteration", -1.0).intValue(),
        params.getOrDefault("log_odds_offset", 0.0), features);
  }

  /**
   * The feature list of the detail of a row registered before model_registry had a features column ("...; features
   * a, b, c"), empty when it has none.
   */
  static List<String> features(String detail) {
    int at = detail == null ? -1 : detail.lastIndexOf(FEATURES);
    return at < 0 ? List.of() : List.of(detail.substring(at + FEATURES.length()).split(", "));
  }

  /** Saves the model's trees under the lake; returns the path the registry row keeps (see Lake.saveModel). */
  String save(ChurnModel model, String version) {
    return lake.saveModel(MODEL, version, path -> model.classifier().write().overwrite().save(path));
  }
}
