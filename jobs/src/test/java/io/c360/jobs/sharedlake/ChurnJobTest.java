package io.c360.jobs.sharedlake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Tables;
import io.c360.core.churn.ChurnDataset;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.Customer360;
import io.c360.core.profile.CustomerSample;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.InputException;
import io.c360.jobs.JobContext;
import io.c360.jobs.Lake;
import io.c360.jobs.Progress;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import io.c360.jobs.churn.ChurnJob;
import io.c360.jobs.identity.IdentityJob;
import io.c360.jobs.profile.Customer360Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The churn job on the shared generated lake (trained in its build): train, score, explain, act, drift. */
@ExtendWith({SparkTest.class, SharedLake.Unchanged.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnJobTest {

  private static final LocalDate AS_OF = SharedLake.AS_OF;

  @TempDir
  static Path dir;
  private TestLake test;
  private Lake lake;

  @BeforeAll
  void pipeline() {
    test = SharedLake.readOnly();
    lake = test.open();
  }

  private Dataset<Row> today(io.c360.core.catalog.TableDef table) {
    return lake.read(table).where("as_of = '" + AS_OF + "'");
  }

  @Test
  void everyActiveCustomerIsScoredAndExplainedExactly() {
    Row scores = today(Tables.CHURN_SCORES).selectExpr("count(*)", "count(DISTINCT customer_id)",
        "min(churn_probability)", "max(churn_probability)", "count(DISTINCT model_version)",
        "count_if(risk_band = 'high')", "count_if(risk_band = 'medium')").first();
    long customers = scores.getLong(0);
    assertTrue(customers > 40, "active customers are scored: " + scores);
    assertEquals(customers, scores.getLong(1), "one score per customer");
    assertTrue(scores.getDouble(2) >= 0 && scores.getDouble(3) <= 1, scores.toString());
    assertEquals(1L, scores.getLong(4));
    assertEquals(0.2, scores.getLong(5) / (double) customers, 0.02, "top 20% are high risk");
    assertEquals(0.3, scores.getLong(6) / (double) customers, 0.02, "the next 30% medium");

    assertEquals(3 * customers, today(Tables.CHURN_REASONS).count(), "top-3 reasons per scored customer");
    assertEquals(0, today(Tables.CHURN_REASONS).where("sentence IS NULL OR NOT (sentence LIKE '%which raises the "
        + "churn risk' OR sentence LIKE '%which lowers the churn risk')").count());
    Row recency = today(Tables.CHURN_REASONS).where("feature = 'days_since_last_order' AND direction = 'raises'")
        .orderBy("customer_id").first();
    assertTrue(recency.<String>getAs("sentence").startsWith("no order for " + recency.getAs("value") + " days"),
        recency.toString());
    double additivity = metric("shap_additivity_max_error");
    assertTrue(additivity <= ChurnJob.ADDITIVITY_TOLERANCE, "SHAP values sum to the margin: " + additivity);
  }

  @Test
  void theModelIsEvaluatedOutOfTimeAndRegisteredWithItsFeatures() {
    double auc = metric("auc");
    assertTrue(auc > 0.5 && auc <= 1, "AUC " + auc);
    assertEquals(10, lake.read(Tables.MODEL_METRICS).where("model = 'churn' AND metric = 'lift'").count());
    Row registry = lake.read(Tables.MODEL_REGISTRY).where("model = 'churn'").first();
    assertEquals("churn-" + AS_OF, registry.getAs("model_version"));
    assertEquals("training T0s 2025-07-04..2025-08-03 (2), validation T0 2025-09-02, evaluation T0 2025-11-01",
        registry.getAs("detail"));
    assertEquals(ChurnDataset.featureNames(), registry.getList(registry.fieldIndex("features")),
        "the features, in model order");
    assertEquals("_models/churn/churn-" + AS_OF, registry.getAs("artifact_path"), "relative to the lake root");
    assertTrue(Files.isDirectory(test.root.resolve(registry.<String>getAs("artifact_path"))));
    java.util.Map<String, Double> params = registry.getJavaMap(registry.fieldIndex("params"));
    assertEquals(auc, params.get("eval_auc"), 0.0);

    List<Row> importance = lake.read(Tables.CHURN_IMPORTANCE).orderBy("rank").collectAsList();
    assertEquals(ChurnDataset.featureNames().size(), importance.size());
    for (int i = 1; i < importance.size(); i++) {
      assertTrue(importance.get(i - 1).getDouble(4) >= importance.get(i).getDouble(4));
    }
  }

  @Test
  void highRiskCustomersGetAnActionInOrderOfValueAtRisk() {
    long high = today(Tables.CHURN_SCORES).where("risk_band = 'high'").count();
    List<Row> actions = today(Tables.RETENTION_ACTIONS).orderBy("priority").collectAsList();
    assertEquals(high, actions.size());
    for (int i = 0; i < actions.size(); i++) {
      assertEquals(i + 1, (int) actions.get(i).getAs("priority"));
    }
    for (int i = 1; i < actions.size(); i++) {
      Double before = actions.get(i - 1).getAs("value_at_risk");
      Double now = actions.get(i).getAs("value_at_risk");
      assertTrue(now == null || before != null && before >= now, "ordered by value at risk at " + i);
    }
    Row first = actions.get(0);
    Row clv = today(Tables.CLV_SCORES).where("customer_id = '" + first.getAs("customer_id") + "'").first();
    assertEquals(clv.<Double>getAs("clv") * first.<Double>getAs("churn_probability"),
        first.<Double>getAs("value_at_risk"), 1e-9);
    Row reason = today(Tables.CHURN_REASONS).where("customer_id = '" + first.getAs("customer_id")
        + "' AND direction = 'raises'").orderBy("rank").first();
    assertEquals(reason.<String>getAs("sentence"), first.getAs("reason"));
  }

  @Test
  void driftIsCheckedForEveryFeatureAndTheScore() {
    List<Row> drift = today(Tables.CHURN_DRIFT).collectAsList();
    assertEquals(ChurnDataset.featureNames().size() + 1, drift.size());
    assertTrue(drift.stream().allMatch(r -> r.getDouble(3) >= 0 && List.of("ok", "drift").contains(r.getString(4))));
    assertEquals(metric("psi_score"), drift.stream().filter(r -> r.getString(2).equals("churn_probability"))
        .findFirst().orElseThrow().getDouble(3), 0.0);
  }

  @Test
  void aCustomerSampleKeepsItsCustomersRowsAsTheyAre() {
    Dataset<Row> identityMap = IdentityJob.customers(lake, AS_OF, "test");
    Customer360.Inputs inputs = Customer360Job.inputs(lake, identityMap);
    Dataset<Row> purchases = ChurnDataset.purchases(identityMap, inputs.orders()
        .where(new AsOfWindow(AS_OF).seen(functions.col("order_ts"))));
    Customer360 profile = new Customer360(test.config.identity());
    LocalDate t0 = LocalDate.parse("2025-09-02");
    Dataset<Row> all = ChurnDataset.rows(profile, inputs, purchases, t0, test.config.churn().model(),
        test.config.clv()).localCheckpoint();
    Column half = CustomerSample.of(0.5);
    // the events and order lines are cut to the sample's; the values of the customers kept must not change
    Dataset<Row> sampled = ChurnDataset.rows(profile, ChurnDataset.forSample(inputs, half), purchases, t0,
        test.config.churn().model(), test.config.clv()).where(half).localCheckpoint();
    Customer360.Inputs cut = ChurnDataset.forSample(inputs, half);
    long events = inputs.events().count();
    long lines = inputs.orderItems().count();
    assertTrue(cut.events().count() < 0.7 * events && cut.orderItems().count() < 0.7 * lines,
        "the events and order lines are cut to the sample's");
    long rows = all.count();
    long kept = sampled.count();
    assertTrue(kept > 0.3 * rows && kept < 0.7 * rows, kept + " of " + rows + " rows kept");
    assertEquals(kept, all.where(half).count());
    assertEquals(0, sampled.exceptAll(all.where(half)).count());
  }

  @Test
  void aPinnedVersionThatIsNotRegisteredIsAnInputError() {
    // (a re-run scoring with the registered model: IdempotencyTest)
    assertEquals(1, lake.read(Tables.MODEL_REGISTRY).where("model = 'churn'").count());
    TestLake pinned = new TestLake(dir.resolve("pinned"), SharedLake.CONF + "c360.churn.model-version = churn-2020-01-01\n");
    JobContext context = new JobContext(SparkTest.spark(), lake, pinned.config, AS_OF, "pinned", test.sources,
        Progress.silent());
    InputException e = assertThrows(InputException.class, () -> new ChurnJob().run(context));
    assertEquals("c360.churn.model-version 'churn-2020-01-01' is not registered; registered churn models: churn-"
        + AS_OF, e.getMessage());
  }

  @Test
  void explainPrintsAHighRiskCustomersReasonsInWords() throws Exception {
    Row top = today(Tables.RETENTION_ACTIONS).where("priority = 1").first();
    String id = top.getAs("customer_id");
    List<Row> reasons = today(Tables.CHURN_REASONS).where("customer_id = '" + id + "'").orderBy("rank")
        .collectAsList();
    String text = cli("explain", id, "--conf", test.confFile.toString());
    assertTrue(text.startsWith("customer " + id + " as of " + AS_OF), text);
    assertTrue(text.contains("high risk (model churn-" + AS_OF + ")"), text);
    for (Row reason : reasons) {
      assertTrue(text.contains("    " + reason.getAs("rank") + ". " + reason.getAs("sentence")), text);
    }
    assertTrue(text.contains("  action:   " + top.getAs("action") + " (priority 1)"), text);

    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli("explain", id, "--json", "--conf",
        test.confFile.toString()));
    assertEquals(id, json.get("customer_id").asText());
    assertEquals(top.<Double>getAs("churn_probability"), json.get("churn").get("probability").asDouble(), 0.0);
    assertEquals(3, json.get("churn").get("reasons").size());
    assertEquals(reasons.get(0).<String>getAs("sentence"),
        json.get("churn").get("reasons").get(0).get("sentence").asText());
    assertTrue(json.get("segments").has("five_tier"), json.toString());
    assertTrue(json.get("clv").get("clv").isNumber(), json.toString());
  }

  @Test
  void explainingAnUnknownCustomerIsAnInputError() {
    CliRun run = CliRun.of("explain", "nobody", "--conf", test.confFile.toString());
    assertEquals(2, run.code());
    assertTrue(run.err().contains("customer 'nobody' is not in c360.customer_360"), run.err());
  }

  /** Runs the CLI in this JVM and returns its stdout; fails on a non-zero exit. */
  private static String cli(String... args) {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.code(), run.out() + run.err());
    return run.out();
  }

  private double metric(String name) {
    return lake.read(Tables.MODEL_METRICS).where("model = 'churn' AND metric = '" + name + "'").first()
        .getAs("value");
  }
}
