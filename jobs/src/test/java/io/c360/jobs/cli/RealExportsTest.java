package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.Lake;
import io.c360.jobs.TestLake;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per layout on small excerpts of real exports (src/test/resources/real, with their provenance): `c360 init`
 * writes the conf, `c360 run ingest` reads the file with it, unedited.
 */
@ExtendWith(SparkTest.class)
class RealExportsTest {

  /** init on a copy of the resource, then ingest with the written conf; returns the lake. */
  private static Lake ingest(Path dir, String resource, String asOf, String... initChecks) throws IOException {
    Path file = dir.resolve("export").resolve(Path.of(resource).getFileName().toString());
    Files.createDirectories(file.getParent());
    try (InputStream in = RealExportsTest.class.getResourceAsStream("/real/" + resource)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    Path conf = dir.resolve("init.conf");
    CliRun init = CliRun.of("init", "--input", file.toString(), "--out", conf.toString());
    assertEquals(0, init.code(), init.err());
    for (String expected : initChecks) {
      assertTrue(init.err().contains(expected), "init said:\n" + init.err());
    }
    TestLake lake = new TestLake(dir, Files.readString(conf));
    CliRun run = CliRun.of("run", "ingest", "--conf", lake.confFile.toString(), "--as-of", asOf);
    assertEquals(0, run.code(), run.err());
    assertTrue(!run.err().contains("\tat "), "no stack trace:\n" + run.err());
    return lake.open();
  }

  @Test
  void aLineLevelExportBecomesOrdersLinesAndProducts(@TempDir Path dir) throws IOException {
    Lake lake = ingest(dir, "superstore-excerpt.csv", "2022-12-30",
        "[init] CSV separated by ',', UTF-8 with a byte-order mark, a header line, 34 sample rows",
        "[init] layout order-lines: order ids repeat, one row per order line",
        "[init] order_ts dates read as d/M/yy");
    Row orders = lake.read(Tables.bronze(Source.ORDERS)).agg(org.apache.spark.sql.functions.count("*"),
        countDistinct(col("account_id")), sum(col("total_amount"))).first();
    assertEquals(18L, orders.getLong(0), "12 order ids, two of them with four customers each: 12 + 2 x 3");
    assertEquals(14L, orders.getLong(1));
    assertEquals(11602.526, orders.getDecimal(2).doubleValue(), 0.05, "the sum of Sales, rounded per order");
    assertEquals(List.of("CA-2021-121465", "CA-2021-121465#2", "CA-2021-121465#3", "CA-2021-121465#4"),
        lake.read(Tables.bronze(Source.ORDERS)).where(col("order_id").startsWith("CA-2021-121465"))
            .orderBy("order_id").select("order_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(34L, lake.read(Tables.bronze(Source.ORDER_ITEMS)).count());
    assertEquals(30L, lake.read(Tables.bronze(Source.PRODUCTS)).count());
    assertEquals(0L, lake.read(Tables.QUARANTINE).count());
    assertEquals("Darren Powers", lake.read(Tables.bronze(Source.ORDERS)).where(col("order_id").equalTo(
        "US-2019-103800")).first().getAs("name"), "the customer's name, for the vault");
  }

  @Test
  void aHeaderlessItemLogBecomesMemberDayOrdersWithoutMoney(@TempDir Path dir) throws IOException {
    Lake lake = ingest(dir, "groceries-excerpt.csv", "2015-12-30",
        "[init] CSV separated by ',', UTF-8, no header (columns by position), 71 sample rows",
        "[init] layout purchase-log", "[init] order_ts dates read as d-M-yyyy");
    assertEquals(27L, lake.read(Tables.bronze(Source.ORDERS)).count(), "member-days");
    assertEquals(0L, lake.read(Tables.bronze(Source.ORDERS)).where(col("total_amount").isNotNull()).count());
    assertEquals(71L, lake.read(Tables.bronze(Source.ORDER_ITEMS)).count());
    assertEquals(43L, lake.read(Tables.bronze(Source.PRODUCTS)).count());
    assertTrue(lake.read(Tables.bronze(Source.ORDERS)).where(col("order_id").equalTo("1808@2015-07-21"))
        .count() == 1, "<member>@<day>");
    Row listed = lake.read(Tables.INGEST_BATCHES).where(col("source").equalTo("orders")).first();
    assertTrue(listed.<String>getList(listed.fieldIndex("absent_columns")).contains("total_amount"));
  }

  @Test
  void aWhitespacePurchaseLogBecomesCustomerDayOrders(@TempDir Path dir) throws IOException {
    Lake lake = ingest(dir, "cdnow-excerpt.txt", "1998-06-30",
        "[init] columns separated by spaces, UTF-8, a header line, 80 sample rows",
        "[init] order_ts dates read as yyyyMMdd");
    Row orders = lake.read(Tables.bronze(Source.ORDERS)).agg(org.apache.spark.sql.functions.count("*"),
        countDistinct(col("account_id")), sum(col("total_amount"))).first();
    assertEquals(78L, orders.getLong(0), "customer-days");
    assertEquals(29L, orders.getLong(1));
    assertEquals(3315.13, orders.getDecimal(2).doubleValue(), 1e-9);
    assertTrue(!lake.exists(Tables.bronze(Source.ORDER_ITEMS)), "no products in the file: no order lines");
  }

  @Test
  void latin1CrlfAndNoHeaderAreRead(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("export").resolve("kassenbons.csv");
    Files.createDirectories(file.getParent());
    Files.write(file, ("K-1;M\u00fcller GmbH;Z\u00fcrich;03.01.2024;12,50\r\n"
        + "K-2;B\u00e4ckerei Stra\u00dfe;M\u00fcnchen;04.01.2024;3,20\r\n"
        + "K-3;M\u00fcller GmbH;Z\u00fcrich;13.01.2024;7,00\r\n").getBytes(StandardCharsets.ISO_8859_1));
    Path conf = dir.resolve("init.conf");
    CliRun init = CliRun.of("init", "--input", file.toString(), "--out", conf.toString());
    assertEquals(0, init.code(), init.err());
    assertTrue(init.err().contains("CSV separated by ';', ISO-8859-1, no header"), init.err());
    String written = Files.readString(conf);
    assertTrue(written.contains("encoding = \"ISO-8859-1\""), written);
    assertTrue(written.contains("order_ts = \"d.M.yyyy\""), written);
    TestLake lake = new TestLake(dir, written + "c360.sources.orders.columns { city = 3 }\n");
    CliRun run = CliRun.of("run", "ingest", "--conf", lake.confFile.toString(), "--as-of", "2024-01-31");
    assertEquals(0, run.code(), run.err());
    assertEquals(List.of("M\u00fcnchen", "Z\u00fcrich"), lake.open().read(Tables.bronze(Source.ORDERS))
        .select("city").distinct().orderBy("city").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }
}
