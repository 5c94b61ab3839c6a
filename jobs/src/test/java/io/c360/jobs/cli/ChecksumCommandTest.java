package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.TableChecksum;
import io.c360.jobs.TestLake;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Three small lakes: the same alerts in another order and partitioning, and one with a changed message. */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChecksumCommandTest {

  private TestLake same;
  private TestLake shuffled;
  private TestLake changed;

  private static Row alert(String asOf, String rule, double observed, String message) {
    return RowFactory.create(Date.valueOf(asOf), rule, "warning", "nps", observed, 10.0, message);
  }

  private static List<Row> alerts(double nearlyOne, String lastMessage) {
    return List.of(
        alert("2025-12-30", "nps_drop", 12.0, "nps dropped by 12"),
        alert("2025-12-31", "nps_drop", nearlyOne, "nps dropped by 1"),
        alert("2025-12-31", "aov_drop", -0.0, lastMessage));
  }

  private static TestLake lake(Path dir, List<Row> rows, int partitions) {
    TestLake lake = new TestLake(dir);
    Dataset<Row> data = SparkTest.spark().createDataFrame(rows, Tables.ALERTS.schema()).repartition(partitions);
    lake.open().append(Tables.ALERTS, data);
    return lake;
  }

  @BeforeAll
  void lakes(@TempDir Path dir) {
    same = lake(dir.resolve("a"), alerts(1.0, "aov flat"), 1);
    List<Row> reversed = new ArrayList<>(alerts(1.0 + 1e-15, "aov flat"));
    Collections.reverse(reversed);
    shuffled = lake(dir.resolve("b"), reversed, 3);
    changed = lake(dir.resolve("c"), alerts(1.0, "aov dropped"), 1);
  }

  private static CliRun checksum(TestLake lake, String... args) {
    List<String> all = new ArrayList<>(List.of("checksum", "--conf", lake.confFile.toString(), "--format", "csv"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void sameRowsInAnotherOrderAndPartitioningHaveTheSameChecksum() {
    CliRun a = checksum(same);
    CliRun b = checksum(shuffled);
    assertEquals(0, a.code(), a.err());
    assertTrue(a.out().matches("table,rows,checksum\nalerts,3,[0-9a-f]{16}\n"), a.out());
    assertEquals(a.out(), b.out());
  }

  @Test
  void aChangedValueChangesTheChecksumButNotTheCount() {
    String a = checksum(same).out();
    String c = checksum(changed).out();
    assertNotEquals(a, c);
    assertEquals(a.split(",")[3], c.split(",")[3], "rows");
  }

  @Test
  void excludedColumnsAndTheAsOfDateNarrowTheComparison() {
    assertEquals(checksum(same, "--exclude", "alerts.message").out(),
        checksum(changed, "--exclude", "message").out());
    CliRun day = checksum(same, "--as-of", "2025-12-30");
    assertTrue(day.out().startsWith("table,rows,checksum\nalerts,1,"), day.out());
    assertEquals(day.out(), checksum(changed, "--as-of", "2025-12-30").out());
  }

  @Test
  void moreDigitsTellNearlyEqualDoublesApart() {
    Dataset<Row> a = same.open().read(Tables.ALERTS);
    Dataset<Row> b = shuffled.open().read(Tables.ALERTS);
    assertEquals(TableChecksum.of("alerts", a, Set.of(), 15), TableChecksum.of("alerts", b, Set.of(), 15));
    assertNotEquals(TableChecksum.of("alerts", a, Set.of(), 16), TableChecksum.of("alerts", b, Set.of(), 16));
  }

  @Test
  void canonicalRowsRoundDoublesSortMapEntriesAndKeepNulls(SparkSession spark) {
    Dataset<Row> rows = spark.sql("SELECT 'c1' AS id, 1234.5678901234D AS x, CAST(-0.0 AS DOUBLE) AS z, "
        + "CAST(NULL AS STRING) AS missing, map('b', 2.0D, 'a', 1.0D) AS mix, array(3, 1) AS picks, "
        + "DATE'2025-12-31' AS as_of, named_struct('k', 1L, 'v', 0.5D) AS pair, 'run-7' AS run_id");
    Row row = TableChecksum.canonicalRows(rows, TableChecksum.VOLATILE_COLUMNS, 6).first();
    assertEquals("[\"c1\",\"1.23457e+03\",\"0.00000e+00\",null,"
        + "\"[{\\\"k\\\":\\\"a\\\",\\\"v\\\":\\\"1.00000e+00\\\"},{\\\"k\\\":\\\"b\\\",\\\"v\\\":\\\"2.00000e+00\\\"}]\","
        + "\"[\\\"3\\\",\\\"1\\\"]\",\"2025-12-31\",\"{\\\"k\\\":\\\"1\\\",\\\"v\\\":\\\"5.00000e-01\\\"}\"]",
        row.getString(0));
    Dataset<Row> reordered = spark.sql("SELECT map('a', 1.0D, 'b', 2.0D) AS mix");
    assertEquals(TableChecksum.of("t", rows.select("mix"), Set.of(), 10),
        TableChecksum.of("t", reordered, Set.of(), 10));
  }

  @Test
  void usageErrorsExitTwoWithOneLine() {
    CliRun unknown = checksum(same, "--table", "no_such_table");
    assertEquals(ExitCodes.USAGE, unknown.code());
    assertTrue(unknown.err().contains("unknown table 'no_such_table'"), unknown.err());
    CliRun column = checksum(same, "--exclude", "alerts.nope");
    assertEquals(ExitCodes.USAGE, column.code());
    assertTrue(column.err().contains("--exclude alerts.nope: table alerts has no column nope"), column.err());
    CliRun digits = checksum(same, "--digits", "0");
    assertEquals(ExitCodes.USAGE, digits.code());
    assertTrue(digits.err().contains("--digits must be between 1 and 17, got 0"), digits.err());
  }
}
