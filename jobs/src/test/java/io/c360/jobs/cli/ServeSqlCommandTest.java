package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * {@code c360 serve-sql} in-process on the shared generated lake, queried through the Hive JDBC driver: tables by
 * name, values as in Spark, the read-only guard and the personal-data vault.
 */
@ExtendWith({SparkTest.class, SharedLake.Unchanged.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeSqlCommandTest {

  private static final String BY_CHANNEL = "SELECT channel, status, count(*) AS orders, "
      + "round(sum(total_amount), 2) AS revenue, to_date(min(order_ts)) AS first_day FROM %s.bronze_orders "
      + "GROUP BY 1, 2 ORDER BY 1, 2";

  private TestLake lake;
  private ServeSqlCommand command;
  private final StringWriter out = new StringWriter();
  private final AtomicInteger exitCode = new AtomicInteger(-1);
  private Thread serving;
  private String url;

  @BeforeAll
  void serve() throws Exception {
    lake = SharedLake.readOnly();
    command = new ServeSqlCommand();
    CommandLine cli = new CommandLine(command);
    cli.setOut(new PrintWriter(out, true));
    serving = new Thread(() -> exitCode.set(cli.execute("--port", "0", "--conf", lake.confFile.toString())),
        "serve-sql-test");
    serving.start();
    url = command.ready().get(2, TimeUnit.MINUTES);
  }

  @AfterAll
  void stop() throws Exception {
    command.stop();
    serving.join(TimeUnit.MINUTES.toMillis(1));
    assertEquals(ExitCodes.OK, exitCode.get());
    assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close(), "the port is closed");
  }

  private static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        row.add(String.valueOf(rs.getObject(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  private List<List<String>> query(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
         Statement statement = connection.createStatement();
         ResultSet rs = statement.executeQuery(sql)) {
      return rows(rs);
    }
  }

  private static String refusal(Connection connection, String sql) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }, sql);
    return e.getMessage();
  }

  private long count(SparkSession spark, String table) {
    return spark.table(lake.database + "." + table).count();
  }

  @Test
  void printsOneLineWithTheJdbcUrl() {
    assertTrue(url.matches("jdbc:hive2://127\\.0\\.0\\.1:\\d+/" + lake.database), url);
    assertEquals("serving " + lake.root + " at " + url + " (role analyst, read-only); Ctrl-C stops\n",
        out.toString().replace(System.lineSeparator(), "\n"));
  }

  @Test
  void listsTheLakesTablesByName() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(url);
         ResultSet rs = connection.getMetaData().getTables(null, lake.database, "%", null)) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertTrue(tables.containsAll(List.of("bronze_orders", "bronze_members", "identity_map", "customer_pii",
        "job_runs")),
        tables.toString());
    List<List<String>> shown = query("SHOW TABLES IN " + lake.database);
    assertEquals(tables.size(), shown.size(), shown.toString());
  }

  @Test
  void aQueryAnswersAsInSpark(SparkSession spark) throws SQLException {
    String sql = String.format(BY_CHANNEL, lake.database);
    List<List<String>> expected = new ArrayList<>();
    for (Row row : spark.sql(sql).collectAsList()) {
      List<String> values = new ArrayList<>();
      for (int i = 0; i < row.size(); i++) {
        values.add(String.valueOf(row.get(i)));
      }
      expected.add(values);
    }
    List<List<String>> served = query(sql);
    assertTrue(expected.size() > 3, expected.toString());
    assertEquals(expected, served);
    assertEquals(String.valueOf(count(spark, "identity_map")),
        query("SELECT count(*) FROM identity_map").get(0).get(0), "the URL's database is the current one");
  }

  @Test
  void dropIsRefusedAndTheTableSurvives(SparkSession spark) throws SQLException {
    long before = count(spark, "bronze_orders");
    try (Connection connection = DriverManager.getConnection(url)) {
      String drop = refusal(connection, "DROP TABLE " + lake.database + ".bronze_orders");
      assertTrue(drop.contains("read-only SQL: only queries (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, USE) are allowed, "
          + "got DropTable"), drop);
      assertTrue(refusal(connection, "DELETE FROM " + lake.database + ".bronze_orders").contains("read-only SQL"));
      assertTrue(refusal(connection, "CREATE TABLE x (a INT) USING delta").contains("read-only SQL"));
    }
    assertEquals(List.of(List.of(String.valueOf(before))),
        query("SELECT count(*) FROM " + lake.database + ".bronze_orders"));
    assertEquals(before, count(spark, "bronze_orders"));
  }

  @Test
  void personalDataIsRefused() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      String vault = refusal(connection, "SELECT * FROM " + lake.database + ".customer_pii");
      assertTrue(vault.contains("access denied: spark_catalog." + lake.database + ".customer_pii holds personal "
          + "data and needs --role admin"), vault);
      String phone = refusal(connection, "SELECT phone FROM " + lake.database + ".bronze_orders");
      assertTrue(phone.contains("column bronze_orders.phone holds personal data"), phone);
    }
  }

  @Test
  void aClientCannotLiftTheGuard() throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      assertTrue(refusal(connection, "SET spark.c360.sql.role=admin").contains("read-only SQL"));
    }
    for (String settings : List.of("?spark.c360.sql.readOnly=false", "#spark.c360.sql.role=admin")) {
      SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + settings).close());
      assertTrue(e.getMessage().contains("is set by c360 serve-sql, not by a client"), e.getMessage());
    }
  }

  @Test
  void usageErrorsExitTwoBeforeServing() throws Exception {
    CliRun admin = CliRun.of("serve-sql", "--role", "admin", "--bind", "0.0.0.0", "--conf",
        lake.confFile.toString());
    assertEquals(ExitCodes.USAGE, admin.code());
    assertTrue(admin.err().contains("--role admin serves personal data to every client and listens on a loopback "
        + "address only, got --bind 0.0.0.0"), admin.err());
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun busy = CliRun.of("serve-sql", "--port", String.valueOf(taken.getLocalPort()), "--conf",
          lake.confFile.toString());
      assertEquals(ExitCodes.USAGE, busy.code());
      assertTrue(busy.err().startsWith("c360: serve-sql: cannot listen on 127.0.0.1:" + taken.getLocalPort()),
          busy.err());
    }
  }
}
