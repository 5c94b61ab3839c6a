package io.c360.jobs.sharedlake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.Lake;
import io.c360.jobs.Pipeline;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared generated lake (1% dirty rows, every job): nothing is lost, dirt is quarantined, identity is accurate,
 * every job wrote its tables and no analyst-facing table holds raw personal data.
 */
@ExtendWith({SparkTest.class, SharedLake.Unchanged.class})
class EndToEndTest {

  private static final String TODAY = "as_of = DATE'" + SharedLake.AS_OF + "'";

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

  /** Rows the generator wrote per source, from its manifest. */
  private static Map<String, Long> generatedRows(Path sources) throws Exception {
    Map<String, Long> rows = new HashMap<>();
    new ObjectMapper().readTree(sources.resolve("_truth/manifest.json").toFile()).get("rows")
        .fields().forEachRemaining(e -> rows.put(e.getKey(), e.getValue().asLong()));
    return rows;
  }

  @Test
  void everyGeneratedRowIsInBronzeOrQuarantine() throws Exception {
    TestLake test = SharedLake.readOnly();
    Lake lake = test.open();
    Map<String, Long> generated = generatedRows(test.sources);
    Dataset<Row> identityMap = lake.read(Tables.IDENTITY_MAP).where(TODAY);

    Map<String, Long> quarantined = new HashMap<>();
    for (Row row : lake.read(Tables.QUARANTINE).groupBy("source").count().collectAsList()) {
      quarantined.put(row.getString(0), row.getLong(1));
    }
    Map<String, Long> injected = injectedErrors(test.sources);
    Map<String, Long> bronzeRows = new HashMap<>();
    Arrays.stream(Source.values()).map(source -> lake.read(Tables.bronze(source)).agg(count(lit(1)).as("n"))
            .select(lit(source.id()).as("source"), col("n")))
        .reduce(Dataset::union).orElseThrow().collectAsList()
        .forEach(row -> bronzeRows.put(row.getString(0), row.getLong(1)));
    for (Source source : Source.values()) {
      long input = generated.get(source.id());
      long bronze = bronzeRows.get(source.id());
      long rejected = quarantined.getOrDefault(source.id(), 0L);
      assertEquals(input, bronze + rejected, source.id() + ": input = bronze + quarantine");
      assertEquals(injected.getOrDefault(source.id(), 0L), rejected, source.id() + ": exactly the dirty rows");
    }
    assertTrue(injected.values().stream().mapToLong(Long::longValue).sum()
        > 0.005 * generated.values().stream().mapToLong(Long::longValue).sum());
    Map<String, List<String>> statuses = new TreeMap<>();
    lake.read(Tables.JOB_RUNS).where(TODAY).select("job", "status").distinct().collectAsList()
        .forEach(r -> statuses.computeIfAbsent(r.getString(0), j -> new ArrayList<>()).add(r.getString(1)));
    for (String job : Pipeline.names()) {
      assertEquals(List.of("succeeded"), statuses.get(job), job);
    }

    Map<String, Double> identity = new HashMap<>();
    Dataset<Row> truth = lake.read(Tables.MODEL_METRICS).where(TODAY + " AND model LIKE '%_vs_truth'");
    for (Row row : truth.where("model = 'identity_vs_truth' AND detail LIKE 'records%'").collectAsList()) {
      identity.put(row.getAs("metric"), row.getAs("value"));
    }
    assertTrue(identity.get("precision") >= 0.99, "precision " + identity);
    assertTrue(identity.get("recall") >= 0.85, "recall " + identity);
    assertEquals(6, truth.where("model = 'identity_vs_truth' AND detail LIKE 'entities%'").count(),
        "precision, recall, F1 and the counts of the entities too");
    double tickets = truth.where("model = 'ticket_classifier_vs_truth' AND metric = 'accuracy'").first()
        .getAs("value");
    assertTrue(tickets > 0.5 && tickets <= 1, "the predicted categories of the tickets without one: " + tickets);
    assertEquals(2, truth.where("model = 'attribution_vs_truth' AND metric IN ('same_order', 'spearman_rho')")
        .count(), "attribution against the true uplift order");
    assertEquals(0, identityMap.groupBy("entity_type", "source_key").count()
        .where("count > 1").count(), "one customer per entity");
    long customers = identityMap.select("customer_id").distinct().count();
    assertEquals(customers, lake.read(Tables.CUSTOMER_PII).where(TODAY).count(), "one vault row per customer");

    Dataset<Row> profiles = lake.read(Tables.CUSTOMER_360).where(TODAY);
    assertEquals(customers, profiles.count(), "one customer_360 row per customer");
    assertEquals(customers, profiles.select("customer_id").distinct().count());
    assertTrue(profiles.where("orders > 0").count() > 250, "most people ordered");
    long earlier = lake.read(Tables.CUSTOMER_360).where("as_of = DATE'" + SharedLake.EARLIER + "'").count();
    assertEquals(customers + earlier, lake.read(Tables.CUSTOMER_360).count(), "the two as-of dates' profiles");

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
