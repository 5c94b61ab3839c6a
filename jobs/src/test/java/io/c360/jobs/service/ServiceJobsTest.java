package io.c360.jobs.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Tables;
import io.c360.core.marketing.Attribution;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.JobRunner;
import io.c360.jobs.Lake;
import io.c360.jobs.Pipeline;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tickets, funnels and attribution on the shared generated lake, and its alerts job re-run with one crafted rule
 * that must fire.
 */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceJobsTest {

  private static final LocalDate AS_OF = SharedLake.AS_OF;

  private TestLake test;
  private Lake lake;

  @BeforeAll
  void lake(@TempDir Path dir) {
    test = SharedLake.copy(dir, "c360.alerts.rules = [\n"
        + "  { name = crafted_breach, metric = customers, kind = above, threshold = 1, level = error }\n"
        + "  { name = quiet, metric = dq_errors, kind = above, threshold = 0, level = error }\n"
        + "]\n");
    new JobRunner(test.context(AS_OF)).run(Pipeline.job("alerts").orElseThrow());
    lake = test.open();
  }

  private Dataset<Row> today(io.c360.core.catalog.TableDef table) {
    return lake.read(table).where(org.apache.spark.sql.functions.col("as_of").equalTo(Date.valueOf(AS_OF)));
  }

  @Test
  void everyTicketGetsACategoryAndTheClassifierIsEvaluated(SparkSession spark) {
    long tickets = spark.sql("SELECT count(DISTINCT ticket_id) FROM " + lake.name(Tables.bronze(
        io.c360.core.catalog.Source.TICKETS)) + " WHERE created_ts < DATE'2026-01-01'").first().getLong(0);
    Dataset<Row> insights = today(Tables.TICKET_INSIGHTS);
    assertEquals(tickets, insights.count());
    assertEquals(0, insights.where("final_category IS NULL").count());
    assertTrue(insights.where("category_source = 'predicted'").count() > 0);
    assertEquals(insights.where("category IS NULL").count(), insights.where("category_source = 'predicted'").count());
    List<Row> f1 = today(Tables.MODEL_METRICS).where("model = 'ticket_classifier' AND metric = 'macro_f1'")
        .collectAsList();
    assertEquals(1, f1.size());
    double macroF1 = f1.get(0).getAs("value");
    assertTrue(macroF1 > 0.5 && macroF1 <= 1.0, "macro F1 " + macroF1);
    Row kpis = today(Tables.SERVICE_KPIS).first();
    assertEquals(insights.where("status = 'open'").count(), (long) kpis.getAs("open_tickets"));
    assertTrue(insights.where("customer_id IS NOT NULL").count() > insights.count() / 2, "most tickets attach");
  }

  @Test
  void openTicketsAreQueuedByPriority() {
    Dataset<Row> open = today(Tables.TICKET_INSIGHTS).where("status = 'open'");
    List<Row> queue = today(Tables.TICKET_QUEUE).orderBy("queue_rank").collectAsList();
    assertEquals(open.count(), queue.size());
    assertTrue(queue.size() > 0, "some tickets are open");
    assertEquals(1L, (long) queue.get(0).getAs("queue_rank"));
    double top = open.agg(org.apache.spark.sql.functions.max("priority_score")).first().getDouble(0);
    assertEquals(top, (double) queue.get(0).getAs("priority_score"), 1e-12);
    for (int i = 1; i < queue.size(); i++) {
      assertTrue((double) queue.get(i - 1).getAs("priority_score") >= (double) queue.get(i).getAs("priority_score"));
    }
  }

  @Test
  void funnelStepOneEqualsAPlainSqlCountOverTheEvents(SparkSession spark) {
    String events = lake.name(Tables.bronze(io.c360.core.catalog.Source.EVENTS));
    Map<String, Long> expected = new TreeMap<>();
    for (Row r : spark.sql("SELECT to_date(event_ts) AS day, count(DISTINCT device_id) FROM " + events
        + " WHERE event_type = 'view' AND to_date(event_ts) > DATE'2025-10-02' AND to_date(event_ts) <= DATE'2025-12-31'"
        + " GROUP BY to_date(event_ts)").collectAsList()) {
      expected.put(r.getDate(0).toString(), r.getLong(1));
    }
    Map<String, Long> actual = new TreeMap<>();
    for (Row r : today(Tables.FUNNEL_DAILY).where("step_no = 1").groupBy("day").sum("devices").collectAsList()) {
      actual.put(r.getDate(0).toString(), r.getLong(1));
    }
    assertTrue(expected.size() > 30, "days with views " + expected.size());
    assertEquals(expected, actual);
  }

  @Test
  void everyAttributionModelCreditsTheSameConversions() {
    Dataset<Row> totals = today(Tables.CHANNEL_ATTRIBUTION).where("campaign IS NULL").groupBy("model")
        .sum("conversions");
    List<Row> rows = totals.collectAsList();
    assertEquals(Attribution.RULE_MODELS.size() + 1, rows.size());
    double first = rows.get(0).getDouble(1);
    assertTrue(first > 0, "conversions " + first);
    for (Row r : rows) {
      assertEquals(first, r.getDouble(1), 1e-6, r.getString(0));
    }
  }

  @Test
  void aCraftedBreachFiresAndTheAlertsCommandExitsWithFour() {
    List<Row> alerts = today(Tables.ALERTS).collectAsList();
    assertEquals(List.of("crafted_breach"), alerts.stream().map(r -> r.<String>getAs("rule")).toList());
    long customers = today(Tables.KPI_DAILY).first().getAs("customers");
    assertEquals((double) customers, (double) alerts.get(0).getAs("observed"), 1e-9);
    CliRun run = CliRun.of("alerts", "--as-of", AS_OF.toString(), "--conf", test.confFile.toString());
    assertEquals(4, run.code());
    assertTrue(run.out().startsWith("2025-12-31 ERROR crafted_breach: customers is "), run.out());
  }
}
