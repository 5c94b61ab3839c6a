package io.c360.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.generate.GenerateSummary;
import io.c360.jobs.generate.GeneratorOptions;
import io.c360.jobs.generate.SampleGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Generated sources with 1% dirty rows through the whole pipeline: nothing is lost, dirt is quarantined. */
@ExtendWith(SparkTest.class)
class EndToEndTest {

  @TempDir
  Path dir;

  /** Injected dirty rows per source, without the kinds that are not errors (emoji). */
  private static Map<String, Long> injectedErrors(Path sources) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    List<String> lines = Files.readAllLines(sources.resolve("_truth/dirty.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      if (!cells[2].equals("emoji_text")) {
        counts.merge(cells[0], 1L, Long::sum);
      }
    }
    return counts;
  }

  @Test
  void everyGeneratedRowIsInBronzeOrQuarantine() throws Exception {
    // 300 people share the generator's three counter phones with few orders each: a low limit keeps them apart.
    TestLake test = new TestLake(dir, "c360.identity.max-guest-orders-per-phone = 3\n"
        + "c360.churn { training-dates = 5, rounds = 30 }\n"
        + "c360.recommendations.als { ranks = [4], alphas = [10.0], max-iter = 3 }\n");
    GeneratorOptions base = GeneratorOptions.defaults(300, 11, test.sources);
    GenerateSummary summary = SampleGenerator.generate(new GeneratorOptions(base.customers(), base.seed(),
        base.out(), 0.01, base.start(), base.end(), null, base.holdoutDays()));
    JobContext context = test.context(LocalDate.parse("2025-12-31"));
    Pipeline.run(context);

    Lake lake = context.lake();
    Map<String, Long> quarantined = new HashMap<>();
    for (Row row : lake.read(Tables.QUARANTINE).groupBy("source").count().collectAsList()) {
      quarantined.put(row.getString(0), row.getLong(1));
    }
    Map<String, Long> injected = injectedErrors(test.sources);
    for (Source source : Source.values()) {
      long input = summary.rowsPerSource().get(source.id());
      long bronze = lake.read(Tables.bronze(source)).count();
      long rejected = quarantined.getOrDefault(source.id(), 0L);
      assertEquals(input, bronze + rejected, source.id() + ": input = bronze + quarantine");
      assertEquals(injected.getOrDefault(source.id(), 0L), rejected, source.id() + ": exactly the dirty rows");
    }
    assertTrue(injected.values().stream().mapToLong(Long::longValue).sum() > 0.005 * summary.totalRows());
    assertEquals("succeeded", lake.read(Tables.JOB_RUNS).where("job = 'gate'").first().getAs("status"));

    Map<String, Double> identity = new HashMap<>();
    for (Row row : lake.read(Tables.MODEL_METRICS).where("model = 'identity' AND detail LIKE 'records%'")
        .collectAsList()) {
      identity.put(row.getAs("metric"), row.getAs("value"));
    }
    assertTrue(identity.get("precision") >= 0.99, "precision " + identity);
    assertTrue(identity.get("recall") >= 0.85, "recall " + identity);
    assertEquals(0, lake.read(Tables.IDENTITY_MAP).groupBy("entity_type", "source_key").count()
        .where("count > 1").count(), "one customer per entity");
    long customers = lake.read(Tables.IDENTITY_MAP).select("customer_id").distinct().count();
    assertEquals(customers, lake.read(Tables.CUSTOMER_PII).count(), "one vault row per customer");

    assertEquals(customers, lake.read(Tables.CUSTOMER_360).count(), "one customer_360 row per customer");
    assertEquals(customers, lake.read(Tables.CUSTOMER_360).select("customer_id").distinct().count());
    assertTrue(lake.read(Tables.CUSTOMER_360).where("orders > 0").count() > 250, "most people ordered");
    new JobRunner(context).run(Pipeline.job("customer_360").orElseThrow());
    assertEquals(customers, lake.read(Tables.CUSTOMER_360).count(), "a re-run replaces the as-of date's rows");

    Row clv = lake.read(Tables.CLV_SCORES).selectExpr("count(*)", "min(p_alive)", "max(p_alive)", "min(clv)",
        "count(DISTINCT clv_decile)", "count(DISTINCT customer_id)").first();
    assertTrue(clv.getLong(0) > 250, "customers with a paid order are scored: " + clv);
    assertEquals(clv.getLong(0), clv.getLong(5), "one clv row per customer");
    assertTrue(clv.getDouble(1) >= 0 && clv.getDouble(2) <= 1, "p_alive is a probability: " + clv);
    assertTrue(clv.getDouble(3) >= 0, "clv is not negative: " + clv);
    assertEquals(10L, clv.getLong(4), "ten clv deciles");
    Row registry = lake.read(Tables.MODEL_REGISTRY).where("model = 'clv_bgnbd'").first();
    assertEquals(clv.getLong(0), registry.<Long>getAs("training_rows"));
    assertEquals(4, registry.getJavaMap(registry.fieldIndex("params")).size(), "r, alpha, a, b");
    assertTrue(lake.read(Tables.MODEL_METRICS).where("model = 'clv_bgnbd' AND metric = 'holdout_actual'")
        .first().<Double>getAs("value") > 0, "the holdout comparison is stored");

    long scored = lake.read(Tables.CHURN_SCORES).count();
    assertTrue(scored > 0, "the churn job ran after clv");
    assertEquals(3 * scored, lake.read(Tables.CHURN_REASONS).count(), "three reasons per churn score");

    for (TableDef table : lake.existingTables()) {
      if (PersonalDataScan.analystFacing(table)) {
        assertEquals(Map.of(), PersonalDataScan.hits(lake.read(table)), table.name() + " holds raw phones or emails");
      }
    }
    assertTrue(PersonalDataScan.hits(lake.read(Tables.bronze(Source.ORDERS))).keySet().containsAll(
        List.of("phone", "email")), "the scan finds the raw phones and emails of bronze_orders");
    assertTrue(PersonalDataScan.hits(lake.read(Tables.CUSTOMER_PII)).keySet().containsAll(
        List.of("phones", "emails")), "the scan finds the vault's phones and emails");
  }
}
