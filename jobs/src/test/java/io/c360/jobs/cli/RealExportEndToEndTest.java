package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.Lake;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole real export, as a user runs it: `c360 init` on superstore.csv (10,194 order lines, src/test/resources/real),
 * then `c360 pipeline` with the written conf and no --as-of, with small model settings.
 */
@ExtendWith(SparkTest.class)
class RealExportEndToEndTest {

  private static final Date AS_OF = Date.valueOf("2022-12-30");

  @Test
  void superstoreRunsFromInitToEveryTable(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("export").resolve("superstore.csv");
    Files.createDirectories(file.getParent());
    try (InputStream in = getClass().getResourceAsStream("/real/superstore.csv")) {
      Files.copy(in, file);
    }
    Path conf = dir.resolve("superstore.conf");
    CliRun init = CliRun.of("init", "--input", file.toString(), "--out", conf.toString());
    assertEquals(0, init.code(), init.err());
    // the shared lake's small models, and no blend tuning or learned ranker: this test checks the run, not the models
    TestLake test = new TestLake(dir, Files.readString(conf) + SharedLake.CONF
        + "c360.recommendations { blend.tune-weights = false, ranker.enabled = false }\n");

    CliRun run = CliRun.of("pipeline", "--conf", test.confFile.toString());
    assertEquals(0, run.code(), run.err());
    assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    assertTrue(run.out().contains(test.database + ".bronze_orders"), "the tables written:\n" + run.out());
    assertTrue(run.err().startsWith("[pipeline] as-of 2022-12-30: the day of the latest order in the sources"),
        run.err());
    List<String> lines = run.err().lines().toList();
    assertEquals("[pipeline] skipped: tickets (no tickets source); funnels (no events source); attribution (no "
        + "campaign_touches source)", lines.get(lines.size() - 1));
    assertTrue(run.err().contains("[ingest] orders: 2 order ids carry several customers, kept as 8 orders"),
        run.err());
    assertTrue(run.err().contains("orders in the 365 days to 2022-12-30; 0.0% of them, 0.0% of the revenue belong to "
        + "no customer"), run.err());

    Lake lake = test.open();
    assertEquals(5117L, lake.read(Tables.bronze(Source.ORDERS)).count(), "5,111 order ids, two split in four");
    Row c360 = lake.read(Tables.CUSTOMER_360).where(col("as_of").equalTo(AS_OF))
        .agg(org.apache.spark.sql.functions.count("*"), sum(col("revenue"))).first();
    assertEquals(804L, c360.getLong(0));
    assertEquals(2326534.35, c360.getDecimal(1).doubleValue(), 2326534.35 * 0.005, "the sum of Sales");
    assertEquals(0L, lake.read(Tables.CUSTOMER_360).where(col("name_initial").isNotNull()
        .and(org.apache.spark.sql.functions.length(col("name_initial")).gt(2))).count(), "only initials");
    assertEquals(804L, lake.read(Tables.CUSTOMER_PII).where(col("as_of").equalTo(AS_OF)
        .and(col("names").notEqual(""))).count(), "names in the vault");

    Map<String, Long> tiers = new TreeMap<>();
    lake.read(Tables.CUSTOMER_SEGMENTS).where(col("as_of").equalTo(AS_OF)).groupBy("five_tier").count()
        .collectAsList().forEach(r -> tiers.put(r.getString(0), r.getLong(1)));
    assertEquals(804L, tiers.values().stream().mapToLong(Long::longValue).sum());
    assertTrue(tiers.keySet().containsAll(List.of("lost", "sleeping", "potential")), tiers.toString());
    assertEquals(804L, lake.read(Tables.CLV_SCORES).where(col("as_of").equalTo(AS_OF).and(col("clv").isNotNull()))
        .count());
    assertTrue(lake.read(Tables.RECOMMENDATION_CANDIDATES).where(col("as_of").equalTo(AS_OF)).count() > 0);
    assertTrue(lake.read(Tables.CHURN_SCORES).where(col("as_of").equalTo(AS_OF)).count() > 0);

    Map<String, String> status = new TreeMap<>();
    lake.read(Tables.JOB_RUNS).collectAsList().forEach(r -> status.put(r.getAs("job"), r.getAs("status")));
    assertEquals("skipped", status.get("tickets"));
    assertEquals("succeeded", status.get("clv"));
    Row kpi = lake.read(Tables.KPI_DAILY).where(col("as_of").equalTo(AS_OF)).first();
    assertEquals(0.0, (double) kpi.getAs("unidentified_order_share"), 1e-12, "every line has a customer id");
  }
}
