package io.c360.jobs.sharedlake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.JobRunner;
import io.c360.jobs.Lake;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import io.c360.jobs.recs.RecommendationJob;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recommendations of the shared generated lake's earlier as-of date (2025-11-30): the orders ingested up to
 * 2025-12-31 serve ab-report.
 */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationJobTest {

  private static final LocalDate AS_OF = SharedLake.EARLIER;
  private static final String WHERE = "as_of = DATE'" + AS_OF + "'";

  private TestLake test;
  private Lake lake;

  @BeforeAll
  void lake(@TempDir Path dir) {
    test = SharedLake.copy(dir);
    lake = test.open();
  }

  private Dataset<Row> candidates() {
    return lake.read(Tables.RECOMMENDATION_CANDIDATES).where(WHERE);
  }


  private CliRun c360(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--conf", test.confFile.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void topTenRankedCandidatesPerCustomerWrittenOncePerAsOf() {
    assertEquals(0, candidates().groupBy("customer_id", "rank").count().where("count > 1").count(),
        "one row per customer and rank");
    long customers = candidates().select("customer_id").distinct().count();
    long profiles = lake.read(Tables.CUSTOMER_360).where(WHERE).count();
    assertEquals(profiles, customers, "every customer gets candidates (popularity falls back to the city, then to "
        + "everyone)");
    Row shape = candidates().groupBy("customer_id").agg(
            org.apache.spark.sql.functions.count("sku").as("n"),
            org.apache.spark.sql.functions.countDistinct("sku").as("skus"),
            org.apache.spark.sql.functions.max("rank").as("max_rank"))
        .selectExpr("max(n)", "sum(CASE WHEN n <> skus OR n <> max_rank THEN 1 ELSE 0 END)").first();
    assertEquals(10L, shape.getLong(0), "top-n = 10");
    assertEquals(0L, shape.getLong(1), "distinct skus ranked 1..n");
    assertEquals(0, candidates().where("sources IS NULL OR reason IS NULL OR score <= 0").count());
    assertTrue(candidates().where("sources LIKE '%als%'").count() > 0);
    assertEquals(0, lake.read(Tables.BASKET_RULES).where(WHERE).where("support <= 0 OR support > 1 OR confidence < 0.1 "
        + "OR confidence > 1 OR lift <= 0 OR antecedent = '' OR consequent IS NULL").count());
  }

  @Test
  void consentAndArmsAreStoredWithTheCandidates() {
    Dataset<Row> profiles = lake.read(Tables.CUSTOMER_360).where(WHERE)
        .selectExpr("customer_id", "coalesce(marketing_consent, false) AS consent");
    assertEquals(0, candidates().join(profiles, "customer_id").where("contactable <> consent").count());
    assertTrue(candidates().where("contactable").count() > 0 && candidates().where("NOT contactable").count() > 0);
    Map<String, Long> arms = new java.util.HashMap<>();
    for (Row r : candidates().select("customer_id", "arm").distinct().groupBy("arm").count().collectAsList()) {
      arms.put(r.getString(0), r.getLong(1));
    }
    assertEquals(java.util.Set.of("control", "recommendations"), arms.keySet());
    assertEquals(1, candidates().select("experiment").distinct().count());
    assertEquals(0, candidates().groupBy("customer_id").agg(org.apache.spark.sql.functions.countDistinct("arm")
        .as("arms")).where("arms > 1").count(), "one arm per customer");
  }

  @Test
  void remindersLandOneCycleAfterTheLastPurchase() {
    Dataset<Row> reminders = lake.read(Tables.REPLENISHMENT_REMINDERS).where(WHERE);
    assertTrue(reminders.count() > 0, "the generator's replenishable favourites give reminders");
    assertEquals(0, reminders.where("next_date <> date_add(last_purchase, cycle_days) OR purchases < 3 "
        + "OR days_until_due > 14 OR days_until_due < -cycle_days "
        + "OR days_until_due <> datediff(next_date, as_of)").count());
    assertTrue(candidates().where("sources LIKE '%replenishment%'").count() > 0);
  }

  @Test
  void offlineMetricsAreStoredAgainstThePopularityBaseline() {
    Dataset<Row> metrics = lake.read(Tables.MODEL_METRICS).where(WHERE + " AND model LIKE 'recs_%'");
    for (String model : List.of("recs_blended", "recs_popularity_baseline", "recs_als", "recs_rules")) {
      for (String metric : List.of("precision_at_k", "recall_at_k", "map_at_k", "coverage")) {
        Row r = metrics.where("model = '" + model + "' AND metric = '" + metric + "'").first();
        double value = r.getAs("value");
        assertTrue(value >= 0 && value <= 1, model + " " + metric + " " + value);
      }
    }
    double blended = metrics.where("model = 'recs_blended' AND metric = 'precision_at_k'").first().getAs("value");
    assertTrue(blended > 0, "the blend finds some of the later purchases: " + blended);
    assertEquals(1.0, metrics.where("model = 'recs_als_grid' AND metric = 'chosen'").agg(
        org.apache.spark.sql.functions.sum("value")).first().getDouble(0), "one chosen grid point");
    assertEquals(1, metrics.where("model = 'recs_blended' AND metric = 'precision_lift_vs_baseline'").count());
    Dataset<Row> blend = metrics.where("model = 'recs_blend'");
    assertEquals(0, blend.where("value < 0 OR detail NOT LIKE 'chosen; k=10; validation: train to 2025-10-01,%'")
        .count(), blend.collectAsList().toString());
    double offset = blend.where("metric = 'rank_offset'").first().getAs("value");
    assertTrue(List.of(1.0, 2.0, 5.0, 10.0, 20.0, 60.0).contains(offset), "rank offset " + offset);
    Dataset<Row> weights = blend.where("metric LIKE 'weight_%'");
    assertEquals(List.of("weight_als", "weight_category", "weight_cold_start", "weight_new_arrivals",
        "weight_popularity", "weight_replenishment", "weight_repurchase", "weight_rules", "weight_similar"),
        weights.orderBy("metric").select("metric")
        .collectAsList().stream().map(r -> r.getString(0)).toList(), "the blend weights the validation period chose");
    assertEquals(1, weights.where("metric IN ('weight_als', 'weight_cold_start')").select("value").distinct().count(),
        "cold start carries the ALS weight");
    assertTrue(weights.where("value > 0").count() >= 2, "a blend of several sources");
    for (String check : List.of("ranker_check_precision_at_k", "fusion_check_precision_at_k")) {
      double precision = blend.where("metric = '" + check + "'").first().getAs("value");
      assertTrue(precision >= 0 && precision <= 1, check + " " + precision);
    }
    double learned = blend.where("metric = 'learned_ranker'").first().getAs("value");
    Row importance = blend.where("metric LIKE 'importance_%'").agg(org.apache.spark.sql.functions.sum("value"))
        .first();
    assertEquals(learned, importance.isNullAt(0) ? 0.0 : importance.getDouble(0), 1e-9,
        "the trees' importances (summing to 1) are stored when they rank");
  }

  @Test
  void theEvaluatedChoiceIsRegisteredAndReusedUntilItIsDue() {
    Dataset<Row> registry = lake.read(Tables.MODEL_REGISTRY).where("model = 'recs'");
    assertEquals(List.of("recs-" + AS_OF), registry.select("model_version").collectAsList().stream()
            .map(r -> r.getString(0)).toList(),
        "the run of " + SharedLake.AS_OF + " built with the choice of " + AS_OF + ": 31 days old, reevaluate-days 60");
    Row chosen = registry.where(WHERE).first();
    Map<String, Double> params = chosen.getJavaMap(chosen.fieldIndex("params"));
    assertEquals(4.0, params.get("als_rank"), "the only grid point");
    assertEquals(10.0, params.get("als_alpha"));
    Dataset<Row> blend = lake.read(Tables.MODEL_METRICS).where(WHERE + " AND model = 'recs_blend'");
    for (Row metric : blend.where("metric LIKE 'weight_%' OR metric IN ('rank_offset', 'learned_ranker')")
        .collectAsList()) {
      assertEquals(metric.<Double>getAs("value"), params.get(metric.<String>getAs("metric")), metric.toString());
    }
    boolean learned = params.get("learned_ranker") == 1.0;
    assertEquals(learned, !chosen.isNullAt(chosen.fieldIndex("artifact_path")));
    if (learned) {
      assertTrue(java.nio.file.Files.isDirectory(test.root.resolve(chosen.<String>getAs("artifact_path"))));
    }

    List<Row> before = candidates().orderBy("customer_id", "rank").collectAsList();
    CliRun again = c360("run", "recommendations", "--as-of", AS_OF.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("[recommendations] offline evaluation not due: building with recs-" + AS_OF
        + " (evaluated again after 60 days)"), again.err());
    assertTrue(!again.err().contains("offline, k=10"), "no evaluation: " + again.err());
    assertEquals(before, candidates().orderBy("customer_id", "rank").collectAsList(),
        "the registered choice (the ranker loaded from the lake) builds the same candidates as the evaluation's");
    assertEquals(1, registry.count(), "nothing registered anew");
  }

  @Test
  void theEvaluationAndTheAlsFitRunOnCustomerSamplesAndTheCandidatesCoverEveryCustomer(@TempDir Path dir) {
    // no blend tuning or learned ranker: what is checked here is the samples; the evaluation runs its test split only
    TestLake sampled = SharedLake.copy(dir, "c360.recommendations.evaluation-customers = 150\n"
        + "c360.recommendations.als.fit-customers = 150\n"
        + "c360.recommendations { blend.tune-weights = false, ranker.enabled = false }\n");
    Lake other = sampled.open();
    // the build evaluated once, as of EARLIER (its choice served AS_OF): this compares with that evaluation
    String where = "as_of = DATE'" + AS_OF + "'";
    long customers = other.read(Tables.CUSTOMER_360).where(where).count();
    long withCandidates = other.read(Tables.RECOMMENDATION_CANDIDATES).where(where).select("customer_id")
        .distinct().count();
    double fullEvaluation = blendedCustomers(other, where);
    long withAls = alsCustomers(other, where);

    new JobRunner(sampled.context(AS_OF)).run(new RecommendationJob());

    Row chosen = other.read(Tables.MODEL_REGISTRY).where("model = 'recs' AND " + where).first();
    Map<String, Double> params = chosen.getJavaMap(chosen.fieldIndex("params"));
    assertEquals(150.0 / customers, params.get("customer_sample_share"), 1e-9,
        "the settings changed, so the run evaluated again, on about 150 of the " + customers + " customers");
    double sampledEvaluation = blendedCustomers(other, where);
    assertTrue(sampledEvaluation > 0.25 * fullEvaluation && sampledEvaluation < 0.75 * fullEvaluation,
        sampledEvaluation + " of " + fullEvaluation + " test-period customers evaluated");
    assertEquals(0, other.read(Tables.MODEL_METRICS).where(where + " AND model LIKE 'recs_%'")
        .where("detail NOT LIKE '%; a %.%% sample of the " + customers + " customers (evaluation-customers 150)%'")
        .count(), "every metric says it was measured on the sample");
    assertEquals(withCandidates, other.read(Tables.RECOMMENDATION_CANDIDATES).where(where).select("customer_id")
        .distinct().count(), "the candidates are built for every customer, as before");
    long folded = alsCustomers(other, where);
    assertTrue(folded > 0.8 * withAls && folded < 1.2 * withAls, folded + " customers with ALS candidates when "
        + "ALS fits on about 150 customers and folds in the others, " + withAls + " when it fits on all");
  }

  private static long alsCustomers(Lake lake, String where) {
    return lake.read(Tables.RECOMMENDATION_CANDIDATES).where(where + " AND array_contains(split(sources, ','), 'als')")
        .select("customer_id").distinct().count();
  }

  private static double blendedCustomers(Lake lake, String where) {
    return lake.read(Tables.MODEL_METRICS).where(where + " AND model = 'recs_blended' AND metric = 'customers'")
        .first().getAs("value");
  }

  @Test
  void noRawPersonalDataInTheRecommendationTables() {
    for (TableDef table : List.of(Tables.RECOMMENDATION_CANDIDATES, Tables.REPLENISHMENT_REMINDERS,
        Tables.BASKET_RULES)) {
      assertEquals(Map.of(), PersonalDataScan.hits(lake.read(table)), table.name());
    }
  }

  @Test
  void abReportComparesConversionPerArmFromLaterOrders() throws Exception {
    CliRun run = c360("ab-report", "--experiment", "recs-1", "--as-of", AS_OF.toString(), "--days", "31", "--json");
    assertEquals(0, run.code(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("control", json.get("control").asText());
    assertEquals("2025-12-31", json.get("window_end").asText());
    JsonNode arms = json.get("arms");
    assertEquals(2, arms.size());
    assertEquals("control", arms.get(0).get("arm").asText());
    long customers = arms.get(0).get("customers").asLong() + arms.get(1).get("customers").asLong();
    assertEquals(candidates().select("customer_id").distinct().count(), customers);
    for (JsonNode arm : arms) {
      assertTrue(arm.get("conversions").asLong() > 0 && arm.get("conversions").asLong() < arm.get("customers")
          .asLong(), arm.toString());
      assertTrue(arm.get("ci_low").asDouble() <= arm.get("rate").asDouble()
          && arm.get("rate").asDouble() <= arm.get("ci_high").asDouble());
    }
    double p = arms.get(1).get("p_value").asDouble();
    assertTrue(p >= 0 && p <= 1, "p-value " + p);
    CliRun text = c360("ab-report", "--experiment", "recs-1");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("experiment recs-1, candidates of " + SharedLake.AS_OF), "the latest by default: "
        + text.out());
    CliRun unknown = c360("ab-report", "--experiment", "nope");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("no recommendation candidates of experiment 'nope'"), unknown.err());
  }
}
