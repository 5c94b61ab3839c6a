package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.TestLake;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real command line in-process against a small lake, built once for the class. */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliTest {

  private static final String HEADER =
      "order_id,account_id,phone,email,order_ts,channel,city,status,total_amount,discount_amount,currency";

  private Path dir;

  private TestLake lake;

  private CliRun c360(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--conf";
    all[args.length + 1] = lake.confFile.toString();
    return CliRun.of(all);
  }

  @BeforeAll
  void pipeline(@TempDir Path tempDir) {
    dir = tempDir;
    lake = new TestLake(dir, "c360.quality.checks = [ { source = orders, kind = quarantine_ratio, threshold = 0.5,"
        + " level = error } ]\n" + "c360.security.admins = [\"" + System.getProperty("user.name") + "\"]\n");
    lake.source("orders", "orders.csv", HEADER,
        "o1,A1,+86 138-0013-8000,Li@X.cn,2025-12-30 10:00:00,app,\"Shang \"\"hai\"\"\",paid,12.50,0,CNY",
        "o2,A2,,,2025-12-29 10:00:00,web,Beijing,paid,20,0,CNY",
        "o3,A2,,,2025-12-29 10:00:00,web,Beijing,paid,-20,0,CNY");
    // the jobs these tests read, one `c360 run` each (RealExportEndToEndTest runs the whole `pipeline`)
    CliRun ingest = c360("run", "ingest", "--as-of", "2025-12-31");
    assertEquals(0, ingest.code(), ingest.err());
    assertTrue(ingest.err().contains("[ingest] orders (1 quarantined): 3 rows in, 2 rows out"), ingest.err());
    CliRun gate = c360("run", "gate", "--as-of", "2025-12-31");
    assertEquals(0, gate.code(), gate.err());
    assertTrue(gate.err().contains("[gate] pass error   bronze_orders quarantine_ratio observed 0.3333"), gate.err());
    assertEquals(0, c360("run", "identity", "--as-of", "2025-12-31").code());
    CliRun clv = c360("run", "clv", "--as-of", "2025-12-31");
    assertEquals(0, clv.code(), clv.err());
    assertTrue(clv.err().contains("[clv] skipped: too little history to fit as of 2025-12-31: no repeat buyer"),
        clv.err());
    CliRun recs = c360("run", "recommendations", "--as-of", "2025-12-31");
    assertEquals(0, recs.code(), recs.err());
    assertTrue(recs.err().contains("[recommendations] skipped: no order_items: recommendations need the skus of the "
        + "orders"), recs.err());
  }

  @Test
  void sqlPrintsCsvWithRfc4180Quoting() {
    CliRun run = c360("sql", "SELECT order_id, city, total_amount FROM " + lake.database
        + ".bronze_orders ORDER BY order_id", "--format", "csv");
    assertEquals(0, run.code(), run.err());
    assertEquals("order_id,city,total_amount\no1,\"Shang \"\"hai\"\"\",12.50\no2,Beijing,20.00\n", run.out());
  }

  @Test
  void sqlPrintsJsonLinesAndTables() {
    CliRun json = c360("sql", "SELECT order_id, total_amount FROM " + lake.database + ".bronze_orders ORDER BY 1",
        "--format", "json");
    assertEquals("{\"order_id\":\"o1\",\"total_amount\":12.50}\n{\"order_id\":\"o2\",\"total_amount\":20.00}\n",
        json.out());
    CliRun table = c360("sql", "SELECT count(*) AS n FROM " + lake.database + ".bronze_orders");
    assertEquals("n\n-\n2\n(1 row)\n", table.out());
  }

  @Test
  void dropIsRefusedWithExitTwoAndTheTableStillAnswers() {
    CliRun drop = c360("sql", "DROP TABLE " + lake.database + ".bronze_orders");
    assertEquals(ExitCodes.USAGE, drop.code());
    assertTrue(drop.err().startsWith("c360: read-only SQL: only queries"), drop.err());
    assertEquals("", drop.out());
    CliRun insert = c360("sql", "INSERT INTO " + lake.database + ".bronze_orders SELECT * FROM " + lake.database
        + ".bronze_orders");
    assertEquals(ExitCodes.USAGE, insert.code());
    CliRun count = c360("sql", "SELECT count(*) FROM " + lake.database + ".bronze_orders", "--format", "csv");
    assertEquals(0, count.code());
    assertEquals("count(1)\n2\n", count.out());
  }

  @Test
  void tablesListsNameLayerRowsAndComment() {
    CliRun run = c360("tables", "--format", "csv");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("table,layer,rows,comment\n"), run.out());
    assertTrue(run.out().contains(lake.database + ".bronze_orders,bronze,2,\"Orders as delivered by the order system,"),
        run.out());
    assertTrue(run.out().contains(lake.database + ".quarantine,bronze,1,"), run.out());
    assertTrue(run.out().contains(lake.database + ".job_runs,ops,"), run.out());
  }

  @Test
  void personalDataNeedsTheAdminRole() {
    CliRun vault = c360("sql", "SELECT * FROM " + lake.database + ".customer_pii");
    assertEquals(ExitCodes.USAGE, vault.code());
    assertTrue(vault.err().startsWith("c360: access denied: spark_catalog." + lake.database + ".customer_pii"),
        vault.err());
    CliRun phone = c360("sql", "SELECT phone FROM " + lake.database + ".bronze_orders");
    assertEquals(ExitCodes.USAGE, phone.code());
    assertTrue(phone.err().contains("column bronze_orders.phone holds personal data"), phone.err());
    CliRun admin = c360("sql", "SELECT phones, emails FROM " + lake.database + ".customer_pii WHERE phones <> ''",
        "--role", "admin", "--format", "csv");
    assertEquals(0, admin.code(), admin.err());
    assertEquals("phones,emails\n+8613800138000,li@x.cn\n", admin.out());
  }

  @Test
  void theAdminRoleMustBeGranted() {
    TestLake.write(dir.resolve("nobody.conf"), "c360.lake.path = \"" + lake.root + "\"\n"
        + "c360.lake.database = " + lake.database + "\n");
    CliRun run = CliRun.of("sql", "SELECT 1", "--role", "admin", "--conf", dir.resolve("nobody.conf").toString());
    assertEquals(ExitCodes.USAGE, run.code());
    assertTrue(run.err().startsWith("c360: role admin is not granted to user"), run.err());
  }

  @Test
  void usageErrorsExitTwoWithOneLine() {
    CliRun badDate = c360("pipeline", "--as-of", "2025-13-01");
    assertEquals(ExitCodes.USAGE, badDate.code());
    assertTrue(badDate.err().contains("Invalid value for option '--as-of'"), badDate.err());
    CliRun badSql = c360("sql", "SELEC 1");
    assertEquals(ExitCodes.USAGE, badSql.code());
    CliRun unknownTable = c360("sql", "SELECT * FROM nowhere");
    assertEquals(ExitCodes.USAGE, unknownTable.code());
    assertTrue(unknownTable.err().contains("nowhere"), unknownTable.err());
    CliRun badJob = c360("run", "nonsense");
    assertEquals(ExitCodes.USAGE, badJob.code());
    assertTrue(badJob.err().contains("unknown job 'nonsense'; jobs: ingest, gate, identity, customer_360, segments, "
        + "clv, churn, recommendations, tickets, funnels, attribution, alerts"), badJob.err());
    CliRun noTruth = c360("evaluate", "--as-of", "2025-12-31");
    assertEquals(ExitCodes.USAGE, noTruth.code());
    assertEquals(1, noTruth.err().lines().count(), noTruth.err());
    assertTrue(noTruth.err().contains("has no _truth/ folder: only sources written by c360 generate carry the truth"),
        noTruth.err());
    CliRun runHelp = CliRun.of("help", "run");
    assertEquals(0, runHelp.code());
    assertTrue(runHelp.out().contains("Job to run: ingest, gate, identity, customer_360,"), runHelp.out());
    TestLake.write(dir.resolve("typo.conf"), "c360.lake.pth = x\n");
    CliRun typo = CliRun.of("tables", "--conf", dir.resolve("typo.conf").toString());
    assertEquals(ExitCodes.USAGE, typo.code());
    assertTrue(typo.err().startsWith("c360: unknown configuration key 'c360.lake.pth'"), typo.err());
  }

  @Test
  void aFailedGateExitsThree() {
    TestLake.write(dir.resolve("strict.conf"), "c360.lake.path = \"" + lake.root + "\"\n"
        + "c360.lake.database = " + lake.database + "\n"
        + "c360.quality.checks = [ { source = orders, kind = quarantine_ratio, threshold = 0.0, level = error } ]\n");
    CliRun run = CliRun.of("run", "gate", "--as-of", "2025-12-31", "--conf", dir.resolve("strict.conf").toString());
    assertEquals(ExitCodes.QUALITY_GATE, run.code(), run.err());
    assertTrue(run.err().contains("quality gate failed"), run.err());
    CliRun runs = c360("sql", "SELECT status FROM " + lake.database
        + ".job_runs WHERE job = 'gate' ORDER BY started_at DESC LIMIT 1", "--format", "csv");
    assertEquals("status\ngate_failed\n", runs.out());
  }
}
