package io.c360.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.churn.ChurnDataset;
import io.c360.core.churn.ChurnEvaluation;
import io.c360.core.churn.ChurnExplanations;
import io.c360.core.churn.ChurnLabels;
import io.c360.core.churn.ChurnModel;
import io.c360.core.churn.ChurnSettings;
import io.c360.core.churn.ChurnTrainer;
import io.c360.core.config.ChurnModelConfig;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.Customer360;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.identity.IdentityJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * churn (work in progress, not in the pipeline yet): builds training rows at the rolling T0s of c360.churn
 * ({@link ChurnDataset}), trains XGBoost on every T0 but the latest, evaluates out of time on the latest T0
 * (model_metrics), registers the model (model_registry), then scores the customers active at the as-of date from
 * that date's customer_360 and writes churn_scores and the top-k SHAP reasons to churn_reasons.
 */
public final class ChurnJob implements Job {

  public static final String MODEL = "churn";
  /** Risk bands until they are configurable: high from this probability, medium from {@link #MEDIUM_RISK}. */
  static final double HIGH_RISK = 0.7;
  static final double MEDIUM_RISK = 0.4;

  @Override
  public String name() {
    return "churn";
  }

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    LocalDate asOf = context.asOf();
    ChurnModelConfig config = context.config().churn();
    ChurnSettings settings = config.model();
    Dataset<Row> identityMap = IdentityJob.customers(lake, asOf, name());
    Customer360.Inputs inputs = new Customer360.Inputs(identityMap, bronze(lake, Source.ORDERS),
        bronze(lake, Source.ORDER_ITEMS), bronze(lake, Source.PRODUCTS), bronze(lake, Source.MEMBERS),
        bronze(lake, Source.TICKETS), bronze(lake, Source.REVIEWS), bronze(lake, Source.SURVEYS),
        bronze(lake, Source.EVENTS));
    Dataset<Row> orders = inputs.orders().where(new AsOfWindow(asOf).seen(col("order_ts")));
    Dataset<Row> purchases = ChurnDataset.purchases(identityMap, orders).localCheckpoint();

    List<LocalDate> t0s = ChurnDataset.trainingDates(asOf, config);
    LocalDate evaluationT0 = t0s.get(t0s.size() - 1);
    Dataset<Row> rows = ChurnDataset.rows(new Customer360(context.config().identity()), inputs, purchases, t0s,
        settings).localCheckpoint();
    ChurnTrainer.Split split = ChurnLabels.splitByT0(rows, evaluationT0, settings.horizonDays());
    String version = MODEL + "-" + asOf;
    ChurnModel model;
    try {
      model = ChurnTrainer.train(split.train(), split.test(), ChurnDataset.LABEL, ChurnDataset.modelFeatures(),
          settings);
    } catch (IllegalArgumentException e) {
      String message = "skipped, too little history to train as of " + asOf + " (T0s " + t0s + "): "
          + e.getMessage();
      context.progress().line(name(), message);
      return new JobResult(0, 0, message);
    }
    ChurnEvaluation.Report report = ChurnEvaluation.evaluate(model.score(split.test()), ChurnDataset.LABEL,
        ChurnModel.PROBABILITY);
    context.progress().line(name(), String.format(Locale.ROOT, "%s: %d rounds (best %d); out of time at T0 %s: "
            + "AUC %.3f, PR AUC %.3f, top-decile lift %.2f on %,d customers", version, model.roundsTrained(),
        model.bestIteration(), evaluationT0, report.auc(), report.prAuc(), report.topDecileLift(), report.rows()));
    String artifact = save(lake, model, version);
    writeRegistry(context, model, settings, t0s, version, artifact, split.train().count());
    writeMetrics(context, report, version, evaluationT0);

    Dataset<Row> customer360 = lake.readAsOf(Tables.CUSTOMER_360, asOf, name(), "customer_360");
    Dataset<Row> scored = model.score(ChurnDataset.scoringRows(customer360, purchases, asOf, settings))
        .localCheckpoint();
    Date day = Date.valueOf(asOf);
    lake.replaceWhere(Tables.CHURN_SCORES, scored.select(lit(day).as("as_of"), col(ChurnDataset.CUSTOMER),
            col(ChurnModel.PROBABILITY), riskBand().as("risk_band"), lit(version).as("model_version")),
        "as_of = '" + asOf + "'");
    Dataset<Row> reasons = ChurnExplanations.topReasons(scored, ChurnDataset.CUSTOMER, model.featureNames(),
        settings.topK());
    lake.replaceWhere(Tables.CHURN_REASONS, reasons.select(lit(day).as("as_of"), col(ChurnDataset.CUSTOMER),
            col(ChurnExplanations.RANK), col(ChurnExplanations.FEATURE), col(ChurnExplanations.VALUE),
            col(ChurnExplanations.CONTRIBUTION), col(ChurnExplanations.DIRECTION),
            ChurnDataset.sentence(col(ChurnExplanations.FEATURE), col(ChurnExplanations.VALUE),
                col(ChurnExplanations.DIRECTION)).as("sentence")),
        "as_of = '" + asOf + "'");
    long customers = lake.read(Tables.CHURN_SCORES).where(col("as_of").equalTo(day)).count();
    String summary = String.format(Locale.ROOT, "%,d customers scored with %s", customers, version);
    context.progress().line(name(), summary);
    return new JobResult(customers, customers, summary);
  }

  private static Column riskBand() {
    Column p = col(ChurnModel.PROBABILITY);
    return when(p.geq(HIGH_RISK), lit("high")).when(p.geq(MEDIUM_RISK), lit("medium")).otherwise(lit("low"));
  }

  private static String save(Lake lake, ChurnModel model, String version) {
    String path = lake.root().resolve("_models").resolve(MODEL).resolve(version).toString();
    try {
      model.classifier().write().overwrite().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException("churn: cannot save the model to " + path, e);
    }
    return path;
  }

  private void writeRegistry(JobContext context, ChurnModel model, ChurnSettings settings, List<LocalDate> t0s,
                             String version, String artifact, long trainingRows) {
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("horizon_days", (double) settings.horizonDays());
    params.put("lookback_days", (double) settings.lookbackDays());
    params.put("seed", (double) settings.seed());
    params.put("rounds", (double) settings.rounds());
    params.put("max_depth", (double) settings.maxDepth());
    params.put("eta", settings.eta());
    params.put("early_stopping_rounds", (double) settings.earlyStoppingRounds());
    params.put("best_iteration", (double) model.bestIteration());
    String detail = "T0s " + t0s + "; features " + model.featureNames();
    Row row = RowFactory.create(MODEL, version, Date.valueOf(context.asOf()), Timestamp.from(Instant.now()), params,
        null, model.roundsTrained(), true, trainingRows, artifact, detail);
    context.lake().replaceWhere(Tables.MODEL_REGISTRY, context.spark().createDataFrame(List.of(row),
        Tables.MODEL_REGISTRY.schema()), "model = '" + MODEL + "' AND as_of = '" + context.asOf() + "'");
  }

  private void writeMetrics(JobContext context, ChurnEvaluation.Report report, String version, LocalDate t0) {
    Date day = Date.valueOf(context.asOf());
    String split = "out of time, T0 " + t0;
    List<Row> rows = new ArrayList<>();
    report.metrics().forEach((metric, value) -> rows.add(RowFactory.create(MODEL, version, day, metric, value,
        split)));
    for (ChurnEvaluation.Decile d : report.deciles()) {
      String detail = split + ", decile " + d.decile();
      rows.add(RowFactory.create(MODEL, version, day, "lift", d.lift(), detail));
      rows.add(RowFactory.create(MODEL, version, day, "cumulative_gain", d.cumulativeGain(), detail));
      rows.add(RowFactory.create(MODEL, version, day, "mean_predicted", d.meanPredicted(), detail));
      rows.add(RowFactory.create(MODEL, version, day, "observed_rate", d.observedRate(), detail));
    }
    context.lake().replaceWhere(Tables.MODEL_METRICS, context.spark().createDataFrame(rows,
        Tables.MODEL_METRICS.schema()), "model = '" + MODEL + "' AND as_of = '" + context.asOf() + "'");
  }

  private static Dataset<Row> bronze(Lake lake, Source source) {
    TableDef table = Tables.bronze(source);
    return lake.exists(table) ? lake.read(table) : null;
  }
}
