package io.c360.jobs.recs;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.RecsConfig;
import io.c360.core.ingest.Snapshots;
import io.c360.core.metrics.ModelMetric;
import io.c360.core.metrics.ModelScope;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.CustomerKeys;
import io.c360.core.profile.CustomerSample;
import io.c360.core.recs.AbArms;
import io.c360.core.recs.AlsRecommender;
import io.c360.core.recs.Interactions;
import io.c360.core.recs.RankingMetrics;
import io.c360.core.recs.Recommendations;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.identity.IdentityJob;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * recommendations: evaluates the recommenders offline on a time split (model_metrics, models recs_*; the ALS grid
 * point and the blend are chosen on a validation period before the test period and registered in model_registry,
 * model recs), unless a registered choice younger than reevaluate-days exists; then builds the candidates on the
 * whole history up to the as-of date with the chosen grid point and blend and writes
 * recommendation_candidates (with consent flag and A/B arm), replenishment_reminders and basket_rules for the date,
 * each replacing that date's rows.
 */
@JobName("recommendations")
public final class RecommendationJob implements Job {

  public static final String MODEL_VERSION = "recs-v1";

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    LocalDate asOf = context.asOf();
    RecsConfig config = context.config().recommendations();
    TableDef itemsTable = Tables.bronze(Source.ORDER_ITEMS);
    if (!lake.exists(itemsTable)) {
      return JobResult.skipped("no order_items: recommendations need the skus of the orders");
    }
    Dataset<Row> profiles = lake.readAsOf(Tables.CUSTOMER_360, asOf, name(), "customer_360");
    Dataset<Row> identityMap = IdentityJob.customers(lake, asOf, name());
    CustomerKeys keys = new CustomerKeys(identityMap, null);
    AsOfWindow window = new AsOfWindow(asOf);
    Dataset<Row> orders = keys.allOrders(lake.read(Tables.bronze(Source.ORDERS)).where(window.seen(col("order_ts"))));
    Dataset<Row> allLines = Interactions.lines(orders, lake.read(itemsTable)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> lines = allLines.where(col(Columns.CUSTOMER_ID).isNotNull());
    Dataset<Row> anonymous = allLines.where(col(Columns.CUSTOMER_ID).isNull());
    Dataset<Row> events = null;
    if (lake.exists(Tables.bronze(Source.EVENTS))) {
      events = keys.devices(lake.read(Tables.bronze(Source.EVENTS)).where(window.seen(col("event_ts"))))
          .select(col(Columns.CUSTOMER_ID), col("event_type"), col("sku"), to_date(col("event_ts")).as("day"))
          .where(col("sku").isNotNull()).persist(StorageLevel.MEMORY_AND_DISK());
    }
    try {
      if (lines.limit(1).isEmpty()) {
        return JobResult.skipped("no order lines of known customers up to " + asOf);
      }
      Dataset<Row> products = lake.exists(Tables.bronze(Source.PRODUCTS))
          ? Snapshots.latest(lake.read(Tables.bronze(Source.PRODUCTS)), Source.PRODUCTS)
              .select("sku", "name", "category", "list_price") : null;
      if (products != null && products.where(col("list_price").isNotNull()).isEmpty()) {
        context.progress().line(name(), "the products carry no prices: similar and upgrade products (price bands) "
            + "are left out");
      }
      Dataset<Row> segments = lake.exists(Tables.CUSTOMER_SEGMENTS)
          ? lake.read(Tables.CUSTOMER_SEGMENTS).where(col(Columns.AS_OF).equalTo(Date.valueOf(asOf)))
              .select(col(Columns.CUSTOMER_ID), col("five_tier").as("segment")) : null;
      Dataset<Row> customers = profiles.select(Columns.CUSTOMER_ID, "city");
      customers = segments == null ? customers.withColumn("segment", lit(null).cast("string"))
          : customers.join(segments, new String[] {Columns.CUSTOMER_ID}, "left");
      Recommendations.Inputs inputs = new Recommendations.Inputs(lines, events, products, customers, anonymous);
      Recommendations recs = new Recommendations(config);

      RecsRegistry registry = new RecsRegistry(lake);
      List<String> sources = List.copyOf(recs.weights().keySet());
      Optional<RecsRegistry.Registered> registered = registry.choose(config, asOf, sources);
      AlsRecommender.Params params;
      Recommendations.Blending blending;
      if (registered.isPresent()) {
        params = registered.get().als();
        blending = registered.get().blending();
        context.progress().line(name(), "offline evaluation not due: building with " + registered.get().version()
            + " (evaluated again after " + config.reevaluateDays() + " days)");
      } else {
        List<ModelMetric> metrics = new ArrayList<>();
        long all = customers.count();
        double share = CustomerSample.share(config.evaluationCustomers(), all);
        String sample = share < 1 ? String.format(Locale.ROOT, "a %.1f%% sample of the %,d customers "
            + "(evaluation-customers %,d)", 100 * share, all, config.evaluationCustomers()) : null;
        // The sample's rows are kept once: the evaluation reads them at several cuts, each a scan of the history.
        Recommendations.Inputs evaluated = share < 1 ? inputs.sample(CustomerSample.of(share)).persisted() : inputs;
        Recommendations.Evaluation evaluation;
        try {
          evaluation = evaluate(context, recs, evaluated, sample, metrics);
        } finally {
          if (evaluated != inputs) {
            evaluated.unpersist();
          }
        }
        params = evaluation != null ? evaluation.best() : AlsRecommender.grid(config.als()).get(0);
        blending = evaluation != null ? evaluation.blending() : recs.configured();
        if (evaluation != null) {
          context.metrics().save(ModelScope.of("recs_%", asOf), metrics);
          registry.register(config, asOf, evaluation, sources, share);
        }
      }
      Dataset<Row> consent = profiles.select(col(Columns.CUSTOMER_ID),
          coalesce(col("marketing_consent"), lit(false)).as("contactable"));

      Recommendations.Built built = recs.build(inputs, asOf);
      Recommendations.Built all = Recommendations.withAls(built, recs.als(recs.ratings(inputs, asOf), params, null));
      Dataset<Row> candidates = recs.blend(all, blending, config.topN()).join(consent, Columns.CUSTOMER_ID)
          .withColumn("experiment", lit(config.experiment().name()))
          .withColumn("arm", AbArms.assign(config.experiment().name(), config.experiment().arms(),
              col(Columns.CUSTOMER_ID)))
          .withColumn(Columns.AS_OF, lit(Date.valueOf(asOf)));
      lake.replaceAsOf(Tables.RECOMMENDATION_CANDIDATES, asOf, candidates);
      lake.replaceAsOf(Tables.REPLENISHMENT_REMINDERS, asOf, built.reminders().join(consent, Columns.CUSTOMER_ID)
          .withColumn(Columns.AS_OF, lit(Date.valueOf(asOf))));
      lake.replaceAsOf(Tables.BASKET_RULES, asOf, built.rules().rules()
          .withColumn("antecedent", array_join(col("antecedent"), ","))
          .withColumn(Columns.AS_OF, lit(Date.valueOf(asOf))));

      long written = lake.writtenRows(Tables.RECOMMENDATION_CANDIDATES, asOf);
      long customersWithCandidates = lake.read(Tables.RECOMMENDATION_CANDIDATES)
          .where(col(Columns.AS_OF).equalTo(Date.valueOf(asOf))).select(Columns.CUSTOMER_ID).distinct().count();
      String summary = String.format(Locale.ROOT, "%,d candidates for %,d customers (ALS %s), %,d replenishment "
          + "reminders, %,d basket rules", written, customersWithCandidates, params,
          lake.writtenRows(Tables.REPLENISHMENT_REMINDERS, asOf), lake.writtenRows(Tables.BASKET_RULES, asOf));
      context.progress().line(name(), summary);
      return new JobResult(customersWithCandidates, written, summary);
    } finally {
      allLines.unpersist();
      if (events != null) {
        events.unpersist();
      }
    }
  }

  /**
   * The offline evaluation's metrics into {@code metrics}; the evaluation (with its choices), or null when skipped.
   * {@code sample} says which customer sample the inputs hold, null for all.
   */
  private Recommendations.Evaluation evaluate(JobContext context, Recommendations recs, Recommendations.Inputs inputs,
                                              String sample, List<ModelMetric> metrics) {
    RecsConfig config = context.config().recommendations();
    LocalDate trainEnd = context.asOf().minusDays(config.evalDays());
    if (Interactions.between(inputs.lines(), null, trainEnd).limit(1).isEmpty()
        || Interactions.between(inputs.lines(), trainEnd, context.asOf()).limit(1).isEmpty()) {
      context.progress().line(name(), "offline evaluation skipped: no purchases before and after " + trainEnd);
      return null;
    }
    Recommendations.Evaluation evaluation = recs.evaluate(inputs, context.asOf());
    String of = sample == null ? "" : "; " + sample;
    String split = String.format(Locale.ROOT, "k=%d; train to %s, test %s..%s%s", config.k(), trainEnd,
        trainEnd.plusDays(1), context.asOf(), of);
    LocalDate fitEnd = trainEnd.minusDays(config.evalDays());
    String validation = String.format(Locale.ROOT, "k=%d; validation: train to %s, test %s..%s%s", config.k(),
        fitEnd, fitEnd.plusDays(1), trainEnd, of);
    for (Map.Entry<AlsRecommender.Params, RankingMetrics.Scores> e : evaluation.grid().entrySet()) {
      String detail = e.getKey() + "; " + validation;
      if (e.getValue() != null) {
        metrics.add(metric(context, "recs_als_grid", "precision_at_k", e.getValue().precision(), detail));
        metrics.add(metric(context, "recs_als_grid", "map_at_k", e.getValue().map(), detail));
      }
      metrics.add(metric(context, "recs_als_grid", "chosen", e.getKey().equals(evaluation.best()) ? 1 : 0, detail));
    }
    String weighting = (config.blend().tuneWeights() ? "chosen; " : "configured; ") + validation;
    for (Map.Entry<String, Double> e : evaluation.blending().weights().entrySet()) {
      metrics.add(metric(context, "recs_blend", "weight_" + e.getKey(), e.getValue(), weighting));
    }
    metrics.add(metric(context, "recs_blend", "rank_offset", evaluation.blending().rankOffset(), weighting));
    String check = weighting + "; the fifth of its customers held out of the ranker's training";
    for (Map.Entry<String, RankingMetrics.Scores> e : evaluation.check().entrySet()) {
      metrics.add(metric(context, "recs_blend", e.getKey() + "_check_precision_at_k", e.getValue().precision(),
          check));
    }
    if (!evaluation.check().isEmpty()) {
      boolean learned = evaluation.blending().ranker() != null;
      metrics.add(metric(context, "recs_blend", "learned_ranker", learned ? 1 : 0, check));
      if (learned) {
        for (Map.Entry<String, Double> e : evaluation.blending().ranker().importances().entrySet()) {
          metrics.add(metric(context, "recs_blend", "importance_" + e.getKey(), e.getValue(), check));
        }
      }
    }
    for (Map.Entry<String, RankingMetrics.Scores> e : evaluation.bySource().entrySet()) {
      String model = "recs_" + e.getKey();
      RankingMetrics.Scores s = e.getValue();
      metrics.add(metric(context, model, "precision_at_k", s.precision(), split));
      metrics.add(metric(context, model, "recall_at_k", s.recall(), split));
      metrics.add(metric(context, model, "map_at_k", s.map(), split));
      metrics.add(metric(context, model, "coverage", s.coverage(), split));
      metrics.add(metric(context, model, "customers", s.customers(), split));
    }
    RankingMetrics.Scores blended = evaluation.bySource().get(Recommendations.BLENDED);
    RankingMetrics.Scores baseline = evaluation.bySource().get(Recommendations.BASELINE);
    double lift = baseline.precision() == 0 ? Double.NaN : blended.precision() / baseline.precision();
    metrics.add(metric(context, "recs_blended", "precision_lift_vs_baseline", lift, split));
    double als = evaluation.bySource().get(Recommendations.ALS).precision();
    context.progress().line(name(), String.format(Locale.ROOT, "offline, %s: precision@%d blended %.4f, popularity "
            + "baseline %.4f (x%.2f), ALS %.4f (%s); recall %.4f, MAP %.4f, coverage %.3f; %,d customers; blend "
            + "weights %s, rank offset %d%s",
        split, config.k(), blended.precision(), baseline.precision(), lift, als, evaluation.best(), blended.recall(),
        blended.map(), blended.coverage(), blended.customers(), evaluation.blending().weights(),
        evaluation.blending().rankOffset(), ranking(evaluation)));
    return evaluation;
  }

  /** How the blend ranked: the learned ranker or the fusion, with their check scores; empty without the ranker. */
  private static String ranking(Recommendations.Evaluation evaluation) {
    if (evaluation.check().isEmpty()) {
      return "";
    }
    return String.format(Locale.ROOT, "; %s (precision@k on held-out validation customers: ranker %.4f, fusion "
            + "%.4f; fusion on the test period %.4f)",
        evaluation.blending().ranker() != null ? "learned ranker used" : "weighted fusion used",
        evaluation.check().get(Recommendations.RANKER).precision(),
        evaluation.check().get(Recommendations.FUSION).precision(),
        evaluation.bySource().get(Recommendations.FUSION).precision());
  }

  private static ModelMetric metric(JobContext context, String model, String metric, double value,
                                    String detail) {
    return new ModelMetric(model, MODEL_VERSION, context.asOf(), metric, value, detail);
  }

}
