package io.c360.jobs.sharedlake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Tables;
import io.c360.core.segment.FiveTiers;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.Lake;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segments, tags, migration and KPIs on the shared generated lake (two as-of dates a month apart); the export command
 * runs in-process against it. That a re-run replaces a date's rows is IdempotencyTest's (every job run again, every
 * gold table's checksum).
 */
@ExtendWith({SparkTest.class, SharedLake.Unchanged.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentJobTest {

  private static final LocalDate EARLIER = SharedLake.EARLIER;
  private static final LocalDate AS_OF = SharedLake.AS_OF;

  private Path dir;
  private TestLake test;
  private Lake lake;
  private String db;


  @BeforeAll
  void lake(@TempDir Path tempDir) {
    dir = tempDir;
    test = SharedLake.readOnly();
    lake = test.open();
    db = test.database;
  }

  private CliRun c360(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--conf", test.confFile.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  private Dataset<Row> segments(LocalDate date) {
    return lake.read(Tables.CUSTOMER_SEGMENTS).where("as_of = DATE'" + date + "'");
  }

  @Test
  void oneSegmentRowPerProfileAndEveryBuyerInOneOfTheFiveTiers() {
    for (LocalDate date : List.of(EARLIER, AS_OF)) {
      long profiles = lake.read(Tables.CUSTOMER_360).where("as_of = DATE'" + date + "'").count();
      assertEquals(profiles, segments(date).count(), "one row per customer_360 row on " + date);
      assertEquals(profiles, segments(date).select("customer_id").distinct().count());
    }
    Dataset<Row> latest = segments(AS_OF);
    long buyers = latest.where("recency_days IS NOT NULL").count();
    assertTrue(buyers > 250, "most people ordered: " + buyers);
    assertEquals(buyers, latest.where("five_tier IS NOT NULL AND rfm_segment IS NOT NULL "
        + "AND lifecycle_stage IS NOT NULL AND value_quadrant IS NOT NULL").count());
    Map<String, Long> tiers = new HashMap<>();
    for (Row r : latest.where("five_tier IS NOT NULL").groupBy("five_tier").count().collectAsList()) {
      tiers.put(r.getString(0), r.getLong(1));
    }
    assertTrue(FiveTiers.NAMES.containsAll(tiers.keySet()), tiers.toString());
    for (String tier : List.of("potential", "sleeping", "lost")) {
      assertTrue(tiers.getOrDefault(tier, 0L) > 0, tier + " is empty: " + tiers);
    }
    Row kpi = lake.read(Tables.KPI_DAILY).where("as_of = DATE'" + AS_OF + "'").first();
    assertEquals(buyers, (long) kpi.getAs("buyers"));
    assertEquals(buyers, tiers.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(2, lake.read(Tables.KPI_DAILY).count(), "one kpi row per as-of date");
  }

  @Test
  void rfmEqualsAPlainSqlQueryOverTheCleanedOrders(SparkSession spark) {
    String account = "(o.account_id IS NOT NULL AND trim(o.account_id) <> '')";
    Dataset<Row> expected = spark.sql("WITH o AS (SELECT m.customer_id, to_date(o.order_ts) AS d, "
        + "coalesce(lower(trim(o.status)), 'paid') AS s, o.total_amount FROM " + db + ".bronze_orders o JOIN " + db
        + ".identity_map m ON m.as_of = DATE'" + AS_OF + "' "
        + "AND m.entity_type = CASE WHEN " + account + " THEN 'account' ELSE 'guest_order' END "
        + "AND m.source_key = CASE WHEN " + account + " THEN trim(o.account_id) ELSE o.order_id END "
        + "WHERE o.order_ts < TIMESTAMP'2026-01-01 00:00:00') "
        + "SELECT customer_id, datediff(DATE'" + AS_OF + "', max(CASE WHEN s <> 'cancelled' THEN d END)) AS r, "
        + "count(CASE WHEN s <> 'cancelled' AND d > DATE'" + AS_OF + "' - 365 THEN 1 END) AS f, "
        + "coalesce(sum(CASE WHEN s NOT IN ('cancelled', 'returned') AND d > DATE'" + AS_OF + "' - 365 "
        + "THEN total_amount END), 0) AS m FROM o GROUP BY customer_id HAVING r IS NOT NULL");
    Dataset<Row> actual = segments(AS_OF).where("recency_days IS NOT NULL")
        .selectExpr("customer_id", "recency_days AS r", "frequency AS f", "monetary AS m");
    assertTrue(expected.count() > 250);
    assertEquals(expected.count(), actual.count());
    assertEquals(0, expected.except(actual).count(), "rows of the query missing from customer_segments");
    assertEquals(0, actual.except(expected).count(), "rows of customer_segments the query does not give");
  }

  @Test
  void migrationRowsSumToTheEarlierSegmentSizes() {
    Dataset<Row> migration = lake.read(Tables.SEGMENT_MIGRATION).where("as_of = DATE'" + AS_OF + "'");
    assertEquals(1, migration.select("from_as_of").distinct().count());
    assertEquals(java.sql.Date.valueOf(EARLIER), migration.first().getAs("from_as_of"));
    Dataset<Row> sums = migration.where("from_segment <> '(none)'").groupBy("segmentation", "from_segment")
        .agg(org.apache.spark.sql.functions.sum("customers").as("n"));
    Dataset<Row> sizes = lake.read(Tables.SEGMENT_HISTORY).where("as_of = DATE'" + EARLIER + "'")
        .groupBy("segmentation", "segment").count()
        .selectExpr("segmentation", "segment AS from_segment", "count AS n");
    assertTrue(sizes.count() >= 15, "four segmentations with several segments each");
    assertEquals(0, sums.except(sizes).count());
    assertEquals(0, sizes.except(sums).count());
    assertTrue(migration.where("from_segment <> to_segment AND from_segment <> '(none)' AND to_segment <> '(none)'")
        .count() > 0, "some customers move in a month");
    assertEquals(0, lake.read(Tables.SEGMENT_MIGRATION).where("as_of = DATE'" + EARLIER + "'").count(),
        "no earlier date for the first one");
  }

  @Test
  void tagsAreLongFormatWithVersionedRules() {
    Dataset<Row> tags = lake.read(Tables.CUSTOMER_TAGS).where("as_of = DATE'" + AS_OF + "'");
    assertEquals(tags.count(), tags.select("customer_id", "tag").distinct().count(), "one row per customer and tag");
    List<String> present = tags.select("tag").distinct().collectAsList().stream().map(r -> r.getString(0)).toList();
    assertTrue(present.size() >= 6, "most tags occur among 300 people: " + present);
    assertEquals(0, tags.where("rule_version IS NULL OR length(rule_version) <> 8").count());
    Dataset<Row> promoters = lake.read(Tables.CUSTOMER_360).where("as_of = DATE'" + AS_OF
        + "' AND nps_class = 'promoter'").select("customer_id");
    assertEquals(0, promoters.except(tags.where("tag = 'promoter'").select("customer_id")).count());
    assertEquals(promoters.count(), tags.where("tag = 'promoter'").count());
  }

  @Test
  void kpisHaveOneRowPerAsOfDate() {
    assertEquals(2, lake.read(Tables.KPI_DAILY).count());
  }

  @Test
  void exportEqualsTheSqlQueryAndKeepsPersonalDataMasked() throws Exception {
    Path file = dir.resolve("lost.csv");
    CliRun export = c360("export-segment", "--segment", "five_tier:lost", "--format", "csv", "--out", file.toString(),
        "--columns", "customer_id,recency_days,phone_last4,channel_mix", "--single-file", "--as-of", AS_OF.toString());
    assertEquals(0, export.code(), export.err());
    CliRun sql = c360("sql", "SELECT customer_id, recency_days, phone_last4, channel_mix FROM " + db + ".customer_360 "
        + "JOIN " + db + ".customer_segments USING (as_of, customer_id) WHERE as_of = DATE'" + AS_OF
        + "' AND five_tier = 'lost'", "--format", "csv");
    assertEquals(0, sql.code(), sql.err());
    List<String> exported = Files.readAllLines(file);
    List<String> queried = List.of(sql.out().split("\n"));
    assertEquals(queried.get(0), exported.get(0), "same header");
    assertEquals(queried.subList(1, queried.size()).stream().sorted().toList(),
        exported.subList(1, exported.size()).stream().sorted().toList());
    assertTrue(exported.size() > 2, "some lost customers");
    assertEquals((exported.size() - 1) + " rows written to " + file, export.out().strip());
    assertTrue(exported.stream().anyMatch(l -> l.contains("\"{\"\"")), "channel_mix as a JSON string");

    Path all = dir.resolve("all-parquet");
    CliRun full = c360("export-segment", "--where", "recency_days > 90 AND orders >= 2", "--format", "parquet",
        "--out", all.toString());
    assertEquals(0, full.code(), full.err());
    Dataset<Row> written = SparkTest.spark().read().parquet(all.toString());
    assertEquals(segments(AS_OF).where("recency_days > 90").join(lake.read(Tables.CUSTOMER_360)
        .where("as_of = DATE'" + AS_OF + "' AND orders >= 2"), "customer_id").count(), written.count());
    assertEquals(Map.of(), PersonalDataScan.hits(written), "masked by default");
    assertTrue(!Arrays.asList(written.columns()).contains("phones"));

    Path pii = dir.resolve("pii.json");
    CliRun admin = c360("export-segment", "--segment", "high_value_high_potential", "--format", "json", "--out",
        pii.toString(), "--single-file", "--include-pii", "--role", "admin");
    assertEquals(0, admin.code(), admin.err());
    Dataset<Row> raw = SparkTest.spark().read().json(pii.toString());
    assertTrue(PersonalDataScan.hits(raw.select("phones", "emails")).size() > 0, "admin gets the raw contacts");
  }

  @Test
  void exportRefusesWhatItCannotDoSafely() {
    Path out = dir.resolve("refused");
    CliRun unknown = c360("export-segment", "--segment", "vip", "--out", out.toString());
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("unknown segment 'vip'; segments: five_tier:high_value, five_tier:potential"),
        unknown.err());
    CliRun ambiguous = c360("export-segment", "--segment", "lost", "--out", out.toString());
    assertEquals(2, ambiguous.code());
    assertTrue(ambiguous.err().contains("ambiguous segment 'lost'"), ambiguous.err());
    CliRun subquery = c360("export-segment", "--where", "customer_id IN (SELECT customer_id FROM " + db
        + ".customer_pii)", "--out", out.toString());
    assertEquals(2, subquery.code());
    assertTrue(subquery.err().contains("may not contain a subquery"), subquery.err());
    CliRun column = c360("export-segment", "--where", "phones IS NOT NULL", "--out", out.toString());
    assertEquals(2, column.code());
    assertTrue(column.err().contains("unknown column 'phones'"), column.err());
    CliRun statement = c360("export-segment", "--where", "true; DROP TABLE " + db + ".customer_360", "--out",
        out.toString());
    assertEquals(2, statement.code(), statement.err());
    CliRun notBoolean = c360("export-segment", "--where", "recency_days + 1", "--out", out.toString());
    assertEquals(2, notBoolean.code());
    CliRun reflect = c360("export-segment", "--where", "reflect('java.lang.System', 'exit', '0') IS NULL", "--out",
        out.toString());
    assertEquals(2, reflect.code());
    CliRun piiAsAnalyst = c360("export-segment", "--segment", "rfm:champions", "--include-pii", "--out",
        out.toString());
    assertEquals(2, piiAsAnalyst.code());
    assertTrue(piiAsAnalyst.err().contains("--include-pii needs --role admin"), piiAsAnalyst.err());
    assertTrue(!Files.exists(out), "nothing written");

    Path existing = dir.resolve("existing.csv");
    assertEquals(0, c360("export-segment", "--segment", "rfm:champions", "--out", existing.toString(),
        "--single-file").code());
    CliRun again = c360("export-segment", "--segment", "rfm:champions", "--out", existing.toString(), "--single-file");
    assertEquals(2, again.code());
    assertTrue(again.err().contains("exists; add --overwrite"), again.err());
    CliRun overwrite = c360("export-segment", "--segment", "rfm:champions", "--out", existing.toString(),
        "--single-file", "--overwrite");
    assertEquals(0, overwrite.code(), overwrite.err());
  }
}
