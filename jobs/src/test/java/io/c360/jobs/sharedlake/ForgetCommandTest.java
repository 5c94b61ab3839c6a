package io.c360.jobs.sharedlake;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.catalog.Layer;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.identity.Identifiers;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobRunner;
import io.c360.jobs.Lake;
import io.c360.jobs.Pipeline;
import io.c360.jobs.Progress;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import io.c360.jobs.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Change Data Feed on the gold tables and {@code c360 forget} on a copy of the shared generated lake: the change
 * feed of a new as-of date's write and of a re-run, admin-only erasure, no trace of the customer in any table's
 * current version nor, after the printed VACUUM, in any file, and a re-ingest of the same files that leaves them out.
 */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ForgetCommandTest {

  private static final LocalDate AS_OF = SharedLake.AS_OF;

  private TestLake test;
  private Lake lake;
  private SparkSession spark;

  @BeforeAll
  void pipeline(@TempDir Path dir) {
    test = SharedLake.copy(dir);
    lake = test.open();
    spark = lake.spark();
  }

  private CliRun c360(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--conf", test.confFile.toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  private long version(TableDef table) {
    return lake.delta(table).history(1).first().getLong(0);
  }

  @Test
  @Order(1)
  void tableChangesReturnTheRowsOfASecondAsOfDate() {
    for (TableDef table : lake.existingTables()) {
      String cdf = lake.properties(table).get(TableDef.CHANGE_DATA_FEED);
      assertEquals(table.layer() == Layer.GOLD ? "true" : null, cdf, table.name());
    }
    // the shared lake's last customer_360 commit is the build's write of its second as-of date
    long written = lake.read(Tables.CUSTOMER_360).where(col("as_of").equalTo(java.sql.Date.valueOf(AS_OF))).count();
    long second = version(Tables.CUSTOMER_360);
    List<Row> changes = spark.sql("SELECT _change_type, as_of, count(*) AS n, count(DISTINCT customer_id) AS ids "
        + "FROM table_changes('" + lake.name(Tables.CUSTOMER_360) + "', " + second + ", " + second + ") "
        + "GROUP BY _change_type, as_of").collectAsList();
    assertEquals(1, changes.size(), changes.toString());
    assertEquals("insert", changes.get(0).getString(0));
    assertEquals(java.sql.Date.valueOf(AS_OF), changes.get(0).getDate(1));
    assertEquals(written, changes.get(0).getLong(2));
    assertEquals(written, changes.get(0).getLong(3));
    assertTrue(written > 250, "customers as of " + AS_OF + ": " + written);

    long rerun = version(Tables.CUSTOMER_360);
    new JobRunner(test.context(AS_OF)).run(Pipeline.job("customer_360").orElseThrow());
    CliRun feed = c360("sql", "SELECT _change_type, count(*) AS n FROM table_changes('"
        + lake.name(Tables.CUSTOMER_360) + "', " + (rerun + 1) + ") GROUP BY 1 ORDER BY 1", "--format", "csv");
    assertEquals(0, feed.code(), feed.err());
    assertEquals("_change_type,n\ndelete," + written + "\ninsert," + written + "\n", feed.out(),
        "a re-run replaces the date's rows: deletes and inserts, readable with c360 sql");

    spark.sql("ALTER TABLE " + lake.name(Tables.ALERTS) + " UNSET TBLPROPERTIES ('" + TableDef.CHANGE_DATA_FEED + "')");
    assertEquals(null, lake.properties(Tables.ALERTS).get(TableDef.CHANGE_DATA_FEED));
    test.open().ensure(Tables.ALERTS);
    assertEquals("true", lake.properties(Tables.ALERTS).get(TableDef.CHANGE_DATA_FEED), "set again when missing");
  }

  @Test
  @Order(2)
  void onlyAnAdminMayForgetAndOnlyAKnownCustomer() throws IOException {
    String someone = lake.read(Tables.IDENTITY_MAP).select("customer_id").orderBy("customer_id").first().getString(0);
    CliRun analyst = c360("forget", someone);
    assertEquals(ExitCodes.USAGE, analyst.code());
    assertEquals("c360: forget erases personal data and needs --role admin (granted in c360.security.admins or env "
        + "C360_ADMINS)\n", analyst.err());

    Path notGranted = test.confFile.resolveSibling("not-granted.conf");
    Files.writeString(notGranted, Files.readString(test.confFile).replaceAll("c360.security.admins = .*\n", ""));
    CliRun refused = CliRun.of("forget", someone, "--role", "admin", "--conf", notGranted.toString());
    assertEquals(ExitCodes.USAGE, refused.code());
    assertTrue(refused.err().startsWith("c360: role admin is not granted to user"), refused.err());

    CliRun unknown = c360("forget", "no-such-customer", "--role", "admin");
    assertEquals(ExitCodes.USAGE, unknown.code());
    assertEquals("c360: forget: unknown customer id 'no-such-customer' (not in " + lake.name(Tables.IDENTITY_MAP)
        + ")\n", unknown.err());
    assertEquals(1, lake.read(Tables.IDENTITY_MAP).where(col("customer_id").equalTo(someone)).limit(1).count(),
        "nothing was erased");
  }

  /**
   * A customer with orders, a membership, tickets, scores and recommendations, with phones and emails of theirs
   * only.
   */
  private String customerInManyTables() {
    List<Row> candidates = spark.sql("SELECT c.customer_id FROM " + lake.name(Tables.CUSTOMER_360) + " c JOIN "
        + lake.name(Tables.CHURN_SCORES) + " s USING (as_of, customer_id) "
        + "WHERE c.as_of = DATE'" + AS_OF + "' AND c.member_records > 0 AND c.tickets > 0 AND c.orders >= 3 "
        + "AND c.customer_id IN (SELECT customer_id FROM " + lake.name(Tables.RECOMMENDATION_CANDIDATES) + ") "
        + "ORDER BY c.orders DESC, c.customer_id").collectAsList();
    Map<String, Set<String>> owners = new HashMap<>();
    for (Row pii : lake.read(Tables.CUSTOMER_PII).select("customer_id", "phones", "emails").collectAsList()) {
      for (int i = 1; i <= 2; i++) {
        for (String value : pii.getString(i).split("; ")) {
          owners.computeIfAbsent(value, v -> new TreeSet<>()).add(pii.getString(0));
        }
      }
    }
    return candidates.stream().map(r -> r.getString(0))
        .filter(id -> owners.values().stream().noneMatch(o -> o.contains(id) && o.size() > 1))
        .findFirst().orElseThrow();
  }

  /** The person's raw identifiers: phones, emails, member ids, account ids, devices and guest orders. */
  private Map<String, Set<String>> identifiers(String customerId) {
    Map<String, Set<String>> ids = new HashMap<>();
    Row pii = lake.read(Tables.CUSTOMER_PII).where(col("customer_id").equalTo(customerId)).first();
    for (String column : List.of("phones", "emails", "member_ids", "account_ids")) {
      ids.put(column, Arrays.stream(pii.<String>getAs(column).split("; ")).filter(s -> !s.isEmpty())
          .collect(Collectors.toCollection(TreeSet::new)));
    }
    for (String type : List.of("device", "guest_order")) {
      ids.put(type + "s", new TreeSet<>(lake.read(Tables.IDENTITY_MAP).where(col("customer_id").equalTo(customerId)
          .and(col("entity_type").equalTo(type))).select("source_key").distinct().collectAsList().stream()
          .map(r -> r.getString(0)).toList()));
    }
    return ids;
  }

  /** Whether a row (bronze, or of any file of a bronze table) carries one of the raw identifiers. */
  private static Column carrying(Dataset<Row> rows, Map<String, Set<String>> ids) {
    List<String> columns = Arrays.asList(rows.columns());
    Column hit = org.apache.spark.sql.functions.lit(false);
    if (columns.contains("phone")) {
      hit = hit.or(Identifiers.phoneE164(col("phone"), "86").isin(ids.get("phones").toArray()));
    }
    if (columns.contains("email")) {
      hit = hit.or(Identifiers.email(col("email"), true).isin(ids.get("emails").toArray()))
          .or(lower(trim(col("email"))).isin(ids.get("emails").toArray()));
    }
    if (columns.contains("member_id")) {
      hit = hit.or(trim(col("member_id")).isin(ids.get("member_ids").toArray()));
    }
    if (columns.contains("account_id")) {
      hit = hit.or(trim(col("account_id")).isin(ids.get("account_ids").toArray()));
    }
    if (columns.contains("device_id")) {
      hit = hit.or(col("device_id").isin(ids.get("devices").toArray()));
    }
    if (columns.contains("raw_record")) {
      Column compact = regexp_replace(col("raw_record"), "[\\s\\-()]", "");
      for (String phone : ids.get("phones")) {
        hit = hit.or(compact.contains(phone.substring(phone.length() - 11)));
      }
      for (String email : ids.get("emails")) {
        hit = hit.or(lower(col("raw_record")).contains(email));
      }
      for (String key : ids.get("member_ids")) {
        hit = hit.or(col("raw_record").contains("\"" + key + "\""));
      }
    }
    return org.apache.spark.sql.functions.coalesce(hit, org.apache.spark.sql.functions.lit(false));
  }

  /**
   * Rows holding the customer: one of the customer ids in customer_id or other_customer_id, or in a bronze table
   * (personal) one of the raw identifiers.
   */
  private static Dataset<Row> holding(Dataset<Row> rows, boolean personal, Set<String> customerIds,
                                      Map<String, Set<String>> ids) {
    List<String> columns = Arrays.asList(rows.columns());
    Column hit = personal ? carrying(rows, ids) : org.apache.spark.sql.functions.lit(false);
    for (String column : List.of("customer_id", "other_customer_id")) {
      if (columns.contains(column)) {
        hit = hit.or(org.apache.spark.sql.functions.coalesce(col(column).isin(customerIds.toArray()),
            org.apache.spark.sql.functions.lit(false)));
      }
    }
    return rows.where(hit);
  }

  /** The names of the tables whose rows hold the customer, in one query (a union of one probe per table). */
  private static List<String> named(Map<TableDef, Dataset<Row>> tables, Set<String> customerIds,
                                    Map<String, Set<String>> ids) {
    Map<String, Dataset<Row>> probes = new LinkedHashMap<>();
    tables.forEach((table, rows) -> probes.put(table.name(), holding(rows, personal(table), customerIds, ids)));
    return TestLake.nonEmpty(probes);
  }

  private static boolean personal(TableDef table) {
    return table.layer() == Layer.BRONZE;
  }

  /** Tables (current version) holding one of the customer ids, or a raw identifier for bronze. */
  private List<String> tablesHolding(Set<String> customerIds, Map<String, Set<String>> ids) {
    Map<TableDef, Dataset<Row>> tables = new LinkedHashMap<>();
    lake.existingTables().forEach(t -> tables.put(t, lake.read(t)));
    return named(tables, customerIds, ids);
  }

  /**
   * Tables with rows holding the customer in any data or change-data file of their folder (every version): one
   * read of every file, data and change data alike (their columns differ: merged).
   */
  private List<String> inAnyFile(List<TableDef> tables, Set<String> customerIds, Map<String, Set<String>> ids)
      throws IOException {
    Map<TableDef, Dataset<Row>> files = new LinkedHashMap<>();
    for (TableDef table : tables) {
      List<String> paths;
      try (Stream<Path> walk = Files.walk(lake.path(table))) {
        paths = walk.map(Path::toString).filter(p -> p.endsWith(".parquet") && !p.contains("_delta_log")).toList();
      }
      if (!paths.isEmpty()) {
        files.put(table, spark.read().option("mergeSchema", "true").parquet(paths.toArray(String[]::new)));
      }
    }
    return named(files, customerIds, ids);
  }

  private static long dropped(String log, String source) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[ingest\\] " + source
        + ": dropped ([0-9,]+) rows of forgotten customers").matcher(log);
    return m.find() ? Long.parseLong(m.group(1).replace(",", "")) : 0;
  }

  @Test
  @Order(3)
  void forgetErasesTheCustomerEverywhereAndAReIngestDoesNotBringThemBack() throws IOException {
    String customerId = customerInManyTables();
    Map<String, Set<String>> ids = identifiers(customerId);
    List<String> before = tablesHolding(Set.of(customerId), ids);
    assertTrue(before.size() >= 15, "the customer is in many tables: " + before);
    long orders = lake.read(Tables.bronze(Source.ORDERS)).where(trim(col("account_id"))
        .isin(ids.get("account_ids").toArray()).or(col("order_id").isin(ids.get("guest_orders").toArray()))).count();
    Dataset<Row> rows = lake.read(Tables.CUSTOMER_360).where(col("customer_id").equalTo(customerId));
    long profiles = rows.count();
    assertTrue(profiles >= 2, "profiles on several as-of dates: " + profiles);
    assertEquals(profiles, rows.select("as_of").distinct().count(), "one customer_360 row per as-of date");
    long versionBefore = version(Tables.CUSTOMER_360);

    CliRun run = c360("forget", customerId, "--role", "admin", "--json");
    assertEquals(0, run.code(), run.err());
    JsonNode result = new ObjectMapper().readTree(run.out());
    Set<String> customerIds = new TreeSet<>();
    result.get("customer_ids").forEach(n -> customerIds.add(n.asText()));
    assertTrue(customerIds.contains(customerId), run.out());
    JsonNode deleted = result.get("deleted");
    assertEquals(orders, deleted.get(lake.name(Tables.bronze(Source.ORDERS))).asLong(), run.out());
    assertEquals(profiles, deleted.get(lake.name(Tables.CUSTOMER_360)).asLong(), run.out());
    assertEquals(ids.get("member_ids").size(), deleted.get(lake.name(Tables.bronze(Source.MEMBERS))).asLong());
    assertTrue(deleted.get(lake.name(Tables.IDENTITY_MAP)).asLong() > 0, run.out());
    assertEquals(ids.get("phones").size(), result.get("identifiers").get("phone").asInt(), run.out());
    assertEquals(ids.get("emails").size(), result.get("identifiers").get("email").asInt(), run.out());
    assertEquals(List.of(), tablesHolding(customerIds, ids), "no current version holds the customer");

    List<Row> feed = spark.sql("SELECT _change_type, count(*) FROM table_changes('" + lake.name(Tables.CUSTOMER_360)
        + "', " + (versionBefore + 1) + ") GROUP BY 1").collectAsList();
    assertEquals(List.of(org.apache.spark.sql.RowFactory.create("delete", profiles)), feed,
        "consumers of the change feed see the erasure");

    assertEquals(List.of(Tables.CUSTOMER_360.name()), inAnyFile(List.of(Tables.CUSTOMER_360), customerIds, ids),
        "old versions hold the rows until VACUUM");
    JsonNode statements = result.get("vacuum_statements");
    assertEquals("SET spark.databricks.delta.retentionDurationCheck.enabled = false;", statements.get(0).asText());
    assertTrue(statements.size() > deleted.size(), "every searched table is vacuumed: " + statements);
    for (JsonNode statement : statements) {
      spark.sql(statement.asText().replaceAll(";$", ""));
    }
    spark.conf().set("spark.databricks.delta.retentionDurationCheck.enabled", "true");
    spark.conf().unset("spark.sql.sources.parallelPartitionDiscovery.parallelism");
    assertEquals(List.of(), inAnyFile(lake.existingTables(), customerIds, ids),
        "tables still holding the customer in a file");

    lake.delta(Tables.INGEST_BATCHES).delete();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    JobContext again = new JobContext(spark, lake, test.config, AS_OF, "reingest", test.sources,
        new Progress(new PrintStream(log, true, StandardCharsets.UTF_8), false));
    new JobRunner(again).run(Pipeline.job("ingest").orElseThrow());
    new JobRunner(again).run(Pipeline.job("identity").orElseThrow());
    String lines = log.toString(StandardCharsets.UTF_8);
    assertTrue(dropped(lines, "orders") >= orders, "their bronze and quarantined orders: " + lines);
    assertEquals(ids.get("member_ids").size(), dropped(lines, "members"), lines);
    assertTrue(lines.contains("[identity] bronze_orders: dropped 0 rows of forgotten customers"), lines);
    assertEquals(List.of(), tablesHolding(customerIds, ids), "re-ingest and identity leave the customer out");
    assertEquals(0, lake.read(Tables.IDENTITY_MAP).where(col("as_of").equalTo(java.sql.Date.valueOf(AS_OF))
        .and(col("source_key").isin(ids.get("member_ids").toArray()))).count());

    CliRun twice = c360("forget", customerId, "--role", "admin");
    assertEquals(ExitCodes.USAGE, twice.code());
    assertEquals("c360: forget: customer '" + customerId + "' was already forgotten ("
        + lake.name(Tables.FORGOTTEN) + ")\n", twice.err());
  }
}
