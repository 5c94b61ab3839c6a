package io.c360.notebooks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The report on a lake that holds only kpi_daily and customer_segments, a few rows each. */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private final String database = "report_" + ProcessHandle.current().pid();
  private Report.Written written;
  private String html;

  @BeforeAll
  void lake(SparkSession spark, @TempDir Path out) throws Exception {
    spark.sql("CREATE DATABASE IF NOT EXISTS " + database);
    save(spark, Tables.KPI_DAILY, """
        SELECT * FROM VALUES (DATE'2025-11-30', 100L, 80L, 60L, 0.5D, 0.62D, 40.0D),
          (DATE'2025-12-31', 110L, 90L, 70L, 0.55D, 0.6D, 42.5D)
        AS t(as_of, customers, buyers, active_customers, repeat_purchase_rate, churn_rate, nps)""");
    save(spark, Tables.CUSTOMER_SEGMENTS, """
        SELECT * FROM VALUES (DATE'2025-12-31', 'c1', 'lost', 1, 1, 10.0, 400),
          (DATE'2025-12-31', 'c2', 'lost', 1, 2, 30.0, 300), (DATE'2025-12-31', 'c3', 'high_value', 5, 5, 900.0, 3),
          (DATE'2025-12-31', 'c4', NULL, NULL, NULL, NULL, NULL), (DATE'2025-11-30', 'c1', 'sleeping', 2, 1, 10.0, 100)
        AS t(as_of, customer_id, five_tier, r_score, f_score, monetary, recency_days)""");
    assertEquals(AS_OF, Report.latestAsOf(spark, database).orElseThrow());
    written = Report.write(spark, database, Path.of("/data/lake"), AS_OF, out);
    html = Files.readString(written.html());
  }

  /** Rows of the production schema: the given columns, every other column null. */
  private void save(SparkSession spark, TableDef table, String values) {
    Dataset<Row> rows = spark.sql(values);
    List<String> given = Arrays.asList(rows.columns());
    Column[] columns = table.columns().stream().map(c -> (given.contains(c.name()) ? col(c.name()) : lit(null))
        .cast(c.type().sparkType()).as(c.name())).toArray(Column[]::new);
    rows.select(columns).write().format("delta").mode("overwrite").saveAsTable(table.qualified(database));
  }

  @Test
  void missingTablesAreNamedWithTheJobThatWritesThem() {
    assertEquals(List.of("segment_migration", "clv_deciles", "clv_distribution", "churn_evaluation", "churn_lift",
        "churn_calibration", "churn_importance", "recs_precision", "dq_trend", "dq_failures"), written.missing());
    assertTrue(html.contains("Not available: c360.clv_scores is not in the lake (run the clv job: c360 run clv)."),
        html);
    assertTrue(html.contains("Not available: c360.dq_results is not in the lake (run the gate job"), html);
  }

  @Test
  void segmentSizesAndKpiTilesShowTheLakesNumbers() {
    assertTrue(html.contains("<tr><th>0</th><td>lost</td><td class=\"num\">2</td><td class=\"num\">20.00</td>"
        + "<td class=\"num\">350</td></tr>"), html);
    assertTrue(html.contains("<td>high_value</td><td class=\"num\">1</td>"), html);
    assertTrue(html.contains("data-kpi=\"customers\"><div class=\"label\">Customers</div><div class=\"value\">110"
        + "</div><div class=\"delta\">&#9650; 10 since 2025-11-30</div>"), html);
    assertTrue(html.contains("data-kpi=\"churn_rate\"><div class=\"label\">Churn rate</div><div class=\"value\">0.6"
        + "</div><div class=\"delta\">&#9660; -0.02 since 2025-11-30</div>"), html);
    assertTrue(html.contains("data-kpi=\"retention_rate\"><div class=\"label\">Retention</div><div class=\"value\">"
        + "n/a</div><div class=\"delta\"></div>"), "a KPI without a value: " + html);
  }

  @Test
  void everyNotebookIsValidNbformatAndMissingQueriesHaveNoOutputs() throws Exception {
    assertEquals(6, written.notebooks().size());
    ObjectMapper json = new ObjectMapper();
    for (Path file : written.notebooks()) {
      JsonNode notebook = json.readTree(file.toFile());
      assertEquals(List.of(), NotebookSchema.errors(notebook), file.toString());
    }
    JsonNode clv = json.readTree(written.notebooks().get(2).toFile());
    JsonNode sql = clv.get("cells").get(4);
    assertEquals("clv-clv_deciles-sql", sql.get("id").asText());
    assertTrue(sql.get("execution_count").isNull());
    assertEquals(0, sql.get("outputs").size());
    JsonNode setup = clv.get("cells").get(2);
    assertTrue(setup.get("source").toString().contains("LAKE = \\\"/data/lake\\\""), setup.toString());
  }
}
