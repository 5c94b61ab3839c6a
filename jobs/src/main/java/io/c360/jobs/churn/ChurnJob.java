package io.c360.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.churn.ChurnDataset;
import io.c360.core.churn.ChurnEvaluation;
import io.c360.core.churn.ChurnExplanations;
import io.c360.core.churn.ChurnLabels;
import io.c360.core.churn.ChurnModel;
import io.c360.core.churn.ChurnSettings;
import io.c360.core.churn.ChurnTrainer;
import io.c360.core.churn.Psi;
import io.c360.core.churn.RetentionActions;
import io.c360.core.config.ChurnModelConfig;
import io.c360.core.config.ClvModelConfig;
import io.c360.core.metrics.ModelMetric;
import io.c360.core.metrics.ModelScope;
import io.c360.core.metrics.RegisteredModel;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.Customer360;
import io.c360.core.profile.CustomerSample;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.JobSkipped;
import io.c360.jobs.Lake;
import io.c360.jobs.identity.IdentityJob;
import io.c360.jobs.profile.Customer360Job;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;

/**
 * churn: trains the churn model when one is due ({@link ChurnRegistry#choose}) on rolling T0s
 * ({@link ChurnDataset#timeSplit}: train, early-stopping validation, out-of-time evaluation), registers it with its
 * metrics, global importance and training snapshot; then scores every customer active at the as-of date from that
 * date's customer_360, with exact TreeSHAP reasons, risk bands, retention actions and a drift check.
 */
@JobName("churn")
public final class ChurnJob implements Job {

  /** Largest accepted |sum of SHAP values - margin| of a scored customer. */
  public static final double ADDITIVITY_TOLERANCE = 1e-4;
  private static final String SCORE = ChurnModel.PROBABILITY;
  private static final String ADDITIVITY = "shap_additivity_max_error";
  private static final String PSI_SCORE = "psi_score";

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    LocalDate asOf = context.asOf();
    ChurnModelConfig config = context.config().churn();
    Dataset<Row> identityMap = IdentityJob.customers(lake, asOf, name());
    Customer360.Inputs inputs = Customer360Job.inputs(lake, identityMap);
    if (inputs.orders() == null) {
      return JobResult.skipped("the orders source was never ingested");
    }
    Dataset<Row> orders = inputs.orders().where(new AsOfWindow(asOf).seen(col("order_ts")));
    Dataset<Row> purchases = ChurnDataset.purchases(identityMap, orders).localCheckpoint();
    Dataset<Row> outcomes = ChurnDataset.orderOutcomes(identityMap, orders);
    ChurnRegistry registry = new ChurnRegistry(lake);
    List<ModelMetric> metrics = new ArrayList<>();

    Optional<ChurnRegistry.Registered> registered = registry.choose(config, asOf);
    ChurnModel model;
    String version;
    if (registered.isPresent()) {
      model = registered.get().load();
      version = registered.get().version();
      context.progress().line(name(), "scoring with registered model " + version
          + (config.pinned() ? " (pinned)" : " (retrain due after " + config.retrainDays() + " days)"));
    } else {
      version = ChurnRegistry.version(asOf);
      model = train(context, inputs, purchases, registry, version, metrics);
    }
    return score(context, model, version, purchases, outcomes, metrics, registered.isEmpty());
  }

  /** Trains, evaluates and registers a model; {@link JobSkipped} when the history cannot train one. */
  private ChurnModel train(JobContext context, Customer360.Inputs inputs, Dataset<Row> purchases,
                                     ChurnRegistry registry, String version, List<ModelMetric> metrics) {
    LocalDate asOf = context.asOf();
    ChurnModelConfig config = context.config().churn();
    ChurnSettings settings = config.model();
    ChurnDataset.TimeSplit split = ChurnDataset.timeSplit(asOf, config);
    List<LocalDate> fitT0s = new ArrayList<>(split.train());
    fitT0s.add(split.validation());
    Row classes = ChurnLabels.label(purchases, fitT0s, settings.horizonDays(), settings.lookbackDays())
        .agg(sum(col(ChurnDataset.LABEL)), count(lit(1))).first();
    if (classes.isNullAt(0) || classes.getLong(0) == 0 || classes.getLong(0) == classes.getLong(1)) {
      throw new JobSkipped("too little history to train as of " + asOf + ": the training T0s " + split.train()
          + " and validation T0 " + split.validation() + " need customers who churned and who stayed");
    }
    Customer360 profile = new Customer360(context.config().identity());
    long customers = inputs.identityMap().select(ChurnDataset.CUSTOMER).distinct().count();
    double share = CustomerSample.share(config.trainingCustomers(), customers);
    Column sample = share < 1 ? CustomerSample.of(share) : lit(true);
    Customer360.Inputs read = share < 1 ? ChurnDataset.forSample(inputs, sample) : inputs;
    // every T0 reads the same sources: keep them in memory (spilling to disk) while the T0s are built
    List<Dataset<Row>> cached = new ArrayList<>();
    Customer360.Inputs sources = new Customer360.Inputs(cache(read.identityMap(), cached),
        cache(read.orders(), cached), cache(read.orderItems(), cached), cache(read.products(), cached),
        cache(read.members(), cached), cache(read.tickets(), cached), cache(read.reviews(), cached),
        cache(read.surveys(), cached), cache(read.events(), cached));
    ClvModelConfig clv = context.config().clv();
    // one T0 at a time: the union of every T0's plan ran a 6 GB driver out of memory at 12 T0s and 20k customers
    Dataset<Row> train = ChurnDataset.rows(profile, sources, purchases, split.train(), settings, clv,
        rows -> rows.where(sample).localCheckpoint());
    Dataset<Row> validation = ChurnDataset.rows(profile, sources, purchases, split.validation(), settings, clv)
        .where(sample).localCheckpoint();
    Dataset<Row> evaluation = ChurnDataset.rows(profile, sources, purchases, split.evaluation(), settings, clv)
        .where(sample).localCheckpoint();
    cached.forEach(Dataset::unpersist);
    ChurnModel model;
    try {
      model = ChurnTrainer.train(train, validation, ChurnDataset.LABEL, ChurnDataset.modelFeatures(), settings);
    } catch (IllegalArgumentException e) {
      throw new JobSkipped("too little history to train as of " + asOf + " (training T0s " + split.train() + "): "
          + e.getMessage(), e);
    }
    Dataset<Row> evaluated = model.score(evaluation).localCheckpoint();
    ChurnEvaluation.Report report;
    try {
      report = ChurnEvaluation.evaluate(evaluated, ChurnDataset.LABEL, SCORE);
    } catch (IllegalArgumentException e) {
      throw new JobSkipped("cannot evaluate at T0 " + split.evaluation() + ": " + e.getMessage(), e);
    }
    context.progress().line(name(), String.format(Locale.ROOT, "%s: %d rounds (best %d) on %d training T0s, "
            + "validated at %s; out of time at %s: AUC %.3f, PR AUC %.3f, top-decile lift %.2f on %,d customers; "
            + "%s", version, model.roundsTrained(), model.bestIteration(), split.train().size(), split.validation(),
        split.evaluation(), report.auc(), report.prAuc(), report.topDecileLift(), report.rows(), share < 1
            ? String.format(Locale.ROOT, "rows of a %.1f%% sample of the %,d customers (training-customers %,d)",
                100 * share, customers, config.trainingCustomers())
            : String.format(Locale.ROOT, "rows of all %,d customers", customers)));
    String artifact = registry.save(model, version);
    register(context, model, version, artifact, split, train.count(), share, report);
    evaluationMetrics(context, report, version, split.evaluation(), metrics);

    List<ChurnExplanations.Importance> importance = ChurnExplanations.importance(evaluated, model.featureNames());
    List<Row> importanceRows = new ArrayList<>();
    for (int i = 0; i < importance.size(); i++) {
      ChurnExplanations.Importance imp = importance.get(i);
      importanceRows.add(RowFactory.create(version, i + 1, imp.feature(), ChurnDataset.label(imp.feature()),
          imp.meanAbsShap()));
    }
    write(context, Tables.CHURN_IMPORTANCE, importanceRows, "model_version = '" + version + "'");

    List<String> snapshotColumns = new ArrayList<>(model.featureNames());
    snapshotColumns.add(SCORE);
    List<Row> baseline = Psi.baseline(model.probabilities(train), snapshotColumns).stream()
        .map(b -> RowFactory.create(version, b.column(), b.bucket(), b.upperBound(), b.missing(), b.share()))
        .toList();
    write(context, Tables.CHURN_BASELINE, baseline, "model_version = '" + version + "'");
    return model;
  }

  private JobResult score(JobContext context, ChurnModel model, String version, Dataset<Row> purchases,
                          Dataset<Row> outcomes, List<ModelMetric> metrics, boolean trained) {
    Lake lake = context.lake();
    LocalDate asOf = context.asOf();
    ChurnModelConfig config = context.config().churn();
    Date day = Date.valueOf(asOf);
    Dataset<Row> customer360 = lake.readAsOf(Tables.CUSTOMER_360, asOf, name(), "customer_360");
    Dataset<Row> scored = model.score(ChurnDataset.scoringRows(customer360, purchases, outcomes, asOf, config.model(),
            context.config().clv())
        .join(customer360.select(ChurnDataset.CUSTOMER, "interval_mean_days")
            .withColumnRenamed("interval_mean_days", "_usual_gap"), ChurnDataset.CUSTOMER))
        .localCheckpoint();
    double additivity = ChurnExplanations.maxAdditivityError(scored);
    metrics.add(new ModelMetric(ChurnRegistry.MODEL, version, asOf, ADDITIVITY, additivity,
        "max |sum of SHAP values + bias - margin| over the scored customers"));
    if (additivity > ADDITIVITY_TOLERANCE) {
      throw new IllegalStateException(String.format(Locale.ROOT, "churn: SHAP values of %s miss the margin by "
          + "up to %.2e (tolerance %.0e); nothing was published", version, additivity, ADDITIVITY_TOLERANCE));
    }

    Dataset<Row> scores = scored.select(lit(day).as(Columns.AS_OF), col(ChurnDataset.CUSTOMER), col(SCORE),
        RetentionActions.riskBand(scored, config.riskBands()).as(RetentionActions.RISK_BAND),
        lit(version).as("model_version")).localCheckpoint();
    lake.replaceAsOf(Tables.CHURN_SCORES, asOf, scores);
    Dataset<Row> reasons = ChurnExplanations.topReasons(scored, ChurnDataset.CUSTOMER, model.featureNames(),
            config.model().topK(), "_usual_gap")
        .select(lit(day).as(Columns.AS_OF), col(ChurnDataset.CUSTOMER), col(ChurnExplanations.RANK),
            col(ChurnExplanations.FEATURE), ChurnDataset.number(col(ChurnExplanations.VALUE)).as("value"),
            col(ChurnExplanations.CONTRIBUTION), col(ChurnExplanations.DIRECTION),
            ChurnDataset.sentence(col(ChurnExplanations.FEATURE), col(ChurnExplanations.VALUE),
                col(ChurnExplanations.DIRECTION), col("_usual_gap")).as("sentence"));
    lake.replaceAsOf(Tables.CHURN_REASONS, asOf, reasons);

    Dataset<Row> clv = lake.exists(Tables.CLV_SCORES)
        ? lake.read(Tables.CLV_SCORES).where(col(Columns.AS_OF).equalTo(day)) : null;
    if (clv != null && clv.where(col("clv").isNotNull()).isEmpty()) {
      if (!clv.isEmpty()) {
        context.progress().line(name(), "no CLV in money (the orders carry no amounts): value_at_risk is empty and "
            + "retention actions are ordered by churn probability");
      }
      clv = null;
    }
    Dataset<Row> actions = RetentionActions.actions(
        lake.read(Tables.CHURN_SCORES).where(col(Columns.AS_OF).equalTo(day)),
        lake.read(Tables.CHURN_REASONS).where(col(Columns.AS_OF).equalTo(day)), clv, config.actions());
    lake.replaceAsOf(Tables.RETENTION_ACTIONS, asOf, actions.select(lit(day).as(Columns.AS_OF), col("*")));

    drift(context, version, scored, metrics);
    // a run that scores with a registered model keeps the evaluation metrics of the run that trained it
    ModelScope scope = ModelScope.of(ChurnRegistry.MODEL, asOf);
    context.metrics().save(trained ? scope : scope.only(ADDITIVITY, PSI_SCORE), metrics);

    // the scores as written (materialised above); the actions' count from their commit
    Row counts = scores.selectExpr("count(*)", "count_if(risk_band = 'high')").first();
    long customers = counts.getLong(0);
    long actionRows = lake.writtenRows(Tables.RETENTION_ACTIONS, asOf);
    String summary = String.format(Locale.ROOT, "%,d customers scored with %s (%,d high risk, %,d retention "
        + "actions); SHAP sums within %.1e of the margin", customers, version, counts.getLong(1), actionRows,
        additivity);
    context.progress().line(name(), summary);
    return new JobResult(customers, customers, summary);
  }

  /** PSI of every feature and of the score against the model's training snapshot, when it has one. */
  private void drift(JobContext context, String version, Dataset<Row> scored, List<ModelMetric> metrics) {
    Lake lake = context.lake();
    double warning = context.config().churn().driftWarning();
    if (!lake.exists(Tables.CHURN_BASELINE)) {
      return;
    }
    List<Psi.Bucket> baseline = lake.read(Tables.CHURN_BASELINE).where(col("model_version").equalTo(version))
        .orderBy("feature", "bucket").collectAsList().stream()
        .map(r -> new Psi.Bucket(r.getString(1), r.getInt(2), r.isNullAt(3) ? null : r.getDouble(3), r.getBoolean(4),
            r.getDouble(5))).toList();
    if (baseline.isEmpty()) {
      context.progress().line(name(), "no training snapshot for " + version + ": drift not checked");
      return;
    }
    Map<String, Double> psi = Psi.compare(baseline, scored);
    Date day = Date.valueOf(context.asOf());
    List<Row> rows = new ArrayList<>();
    List<String> drifted = new ArrayList<>();
    psi.forEach((feature, value) -> {
      boolean drift = value > warning;
      rows.add(RowFactory.create(day, version, feature, value, drift ? "drift" : "ok"));
      if (drift) {
        drifted.add(String.format(Locale.ROOT, "%s %.2f", feature, value));
      }
    });
    metrics.add(new ModelMetric(ChurnRegistry.MODEL, version, context.asOf(), PSI_SCORE, psi.get(SCORE),
        "population stability of the score against the training rows"));
    context.lake().replaceAsOf(Tables.CHURN_DRIFT, context.asOf(),
        context.spark().createDataFrame(rows, Tables.CHURN_DRIFT.schema()));
    if (!drifted.isEmpty()) {
      context.progress().line(name(), "WARNING: drift above PSI " + warning + " against the training rows of "
          + version + ": " + String.join(", ", drifted));
    }
  }

  private static void register(JobContext context, ChurnModel model, String version, String artifact,
                               ChurnDataset.TimeSplit split, long trainingRows, double share,
                               ChurnEvaluation.Report report) {
    ChurnSettings settings = context.config().churn().model();
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("horizon_days", (double) settings.horizonDays());
    params.put("lookback_days", (double) settings.lookbackDays());
    params.put("seed", (double) settings.seed());
    params.put("max_rounds", (double) settings.rounds());
    params.put("max_depth", (double) settings.maxDepth());
    params.put("eta", settings.eta());
    params.put("early_stopping_rounds", (double) settings.earlyStoppingRounds());
    params.put("rounds_trained", (double) model.roundsTrained());
    params.put("best_iteration", (double) model.bestIteration());
    params.put("log_odds_offset", model.logOddsOffset());
    params.put("customer_sample_share", share);
    report.metrics().forEach((metric, value) -> params.put("eval_" + metric, value));
    String detail = "training T0s " + split.train().get(0) + ".." + split.train().get(split.train().size() - 1)
        + " (" + split.train().size() + "), validation T0 " + split.validation() + ", evaluation T0 "
        + split.evaluation();
    context.models().register(ModelScope.of(ChurnRegistry.MODEL, context.asOf()), List.of(new RegisteredModel(
        ChurnRegistry.MODEL, version, context.asOf(), Instant.now(), params, null, model.roundsTrained(), true,
        trainingRows, artifact, model.featureNames(), detail)));
  }

  private static void evaluationMetrics(JobContext context, ChurnEvaluation.Report report, String version,
                                        LocalDate t0, List<ModelMetric> rows) {
    ModelMetric.Key key = new ModelMetric.Key(ChurnRegistry.MODEL, version, context.asOf());
    String split = "out of time, T0 " + t0;
    report.metrics().forEach((metric, value) -> rows.add(key.of(metric, value, split)));
    for (ChurnEvaluation.Decile d : report.deciles()) {
      String detail = split + ", decile " + d.decile();
      rows.add(key.of("lift", d.lift(), detail));
      rows.add(key.of("cumulative_gain", d.cumulativeGain(), detail));
      rows.add(key.of("mean_predicted", d.meanPredicted(), detail));
      rows.add(key.of("observed_rate", d.observedRate(), detail));
    }
  }


  private static Dataset<Row> cache(Dataset<Row> rows, List<Dataset<Row>> cached) {
    if (rows == null) {
      return null;
    }
    Dataset<Row> kept = rows.persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(kept);
    return kept;
  }

  private static void write(JobContext context, TableDef table, List<Row> rows, String predicate) {
    context.lake().replaceWhere(table, context.spark().createDataFrame(rows, table.schema()), predicate);
  }
}
