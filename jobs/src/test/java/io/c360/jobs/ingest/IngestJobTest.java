package io.c360.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.InputException;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.TableChecksum;
import io.c360.jobs.TestLake;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class IngestJobTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final String ORDERS_HEADER =
      "order_id,account_id,phone,email,order_ts,channel,city,status,total_amount,discount_amount,currency";

  @TempDir
  Path dir;

  private static void writeSample(TestLake lake) {
    lake.source("orders", "orders.csv", ORDERS_HEADER,
        "o1,A1,13800138000,a@x.cn,2025-06-01 10:00:00,app,Shanghai,paid,12.50,0,CNY",
        "o2,A2,,\"b@x.cn\",2025-06-02 11:00:00,web,\"Bei,jing\",paid,20.00,1.00,CNY",
        "o3,A1,13800138000,a@x.cn,not-a-date,app,Shanghai,paid,5,0,CNY",
        "o4,A3,,,2025-06-03 09:00:00,app,Shanghai,paid,-1,0,CNY",
        "o2,A2,,b@x.cn,2025-06-02 11:00:00,web,Beijing,paid,20.00,1.00,CNY",
        "o5,A4,,,2025-06-04 09:00:00,app,Shanghai");
    lake.source("order_items", "items.csv", "order_id,line_no,sku,category,quantity,unit_price,discount",
        "o1,1,S1,dairy,2,6.25,0",
        "o2,1,S2,snacks,1,21.00,1.00",
        "o2,2,S3,snacks,-4,1.00,0");
    lake.source("members", "members.csv",
        "member_id,phone,email,name,gender,birth_date,city,signup_ts,tier,points,marketing_consent",
        "M1,+86 138-0013-8000,A@X.CN,Li Wei,F,1990-02-03,Shanghai,2024-01-05 08:00:00,gold,1200,true");
  }

  private static Map<String, Long> quarantineReasons(Lake lake, String source) {
    Map<String, Long> reasons = new TreeMap<>();
    for (Row row : lake.read(Tables.QUARANTINE).where("source = '" + source + "'").groupBy("reason_code").count()
        .collectAsList()) {
      reasons.put(row.getString(0), row.getLong(1));
    }
    return reasons;
  }

  @Test
  void everyInputRowLandsInBronzeOrQuarantine() {
    TestLake test = new TestLake(dir);
    writeSample(test);
    JobContext context = test.context(AS_OF);
    JobResult result = new IngestJob().run(context);

    Lake lake = context.lake();
    assertEquals(10, result.rowsIn());
    assertEquals(5, result.rowsOut());
    assertEquals(2, lake.read(Tables.bronze(Source.ORDERS)).count());
    assertEquals(Map.of("BAD_TIMESTAMP", 1L, "NEGATIVE_VALUE", 1L, "DUPLICATE_KEY", 1L, "MALFORMED_ROW", 1L),
        quarantineReasons(lake, "orders"));
    assertEquals(2, lake.read(Tables.bronze(Source.ORDER_ITEMS)).count());
    assertEquals(Map.of("NEGATIVE_VALUE", 1L), quarantineReasons(lake, "order_items"));
    assertEquals(List.of("CREATE TABLE", "WRITE"), lake.delta(Tables.QUARANTINE).history().orderBy("version")
        .select("operation").collectAsList().stream().map(r -> r.getString(0)).toList(),
        "the rejected rows of every source in one commit");
    Row member = lake.read(Tables.bronze(Source.MEMBERS)).first();
    assertEquals(1200L, member.<Long>getAs("points"));
    assertEquals(true, member.getAs("marketing_consent"));
    assertEquals("Bei,jing", lake.read(Tables.bronze(Source.ORDERS)).where("order_id = 'o2'").first().getAs("city"));
    List<Row> batches = lake.read(Tables.INGEST_BATCHES).orderBy("source").collectAsList();
    assertEquals(List.of("members", "order_items", "orders"), batches.stream().map(r -> r.getString(0)).toList());
    for (Row batch : batches) {
      assertEquals(batch.<Long>getAs("rows_in"),
          batch.<Long>getAs("rows_bronze") + batch.<Long>getAs("rows_quarantined"));
    }
  }

  @Test
  void sourcesWrittenTwoAtATimeGiveTheTablesOfOneAtATime() {
    Map<String, TableChecksum.Result> oneByOne = ingestedTables(new TestLake(dir.resolve("a"),
        "c360.ingest.parallel-sources = 1\n"));
    Map<String, TableChecksum.Result> twoAtATime = ingestedTables(new TestLake(dir.resolve("b"),
        "c360.ingest.parallel-sources = 2\n"));
    assertEquals(Set.of("bronze_members", "bronze_order_items", "bronze_orders", "ingest_batches", "quarantine"),
        twoAtATime.keySet());
    assertEquals(5L, twoAtATime.get("quarantine").rows());
    assertEquals(oneByOne, twoAtATime);
  }

  /** Ingests the sample; the checksum of every table it wrote, less the columns that vary by run or folder. */
  private static Map<String, TableChecksum.Result> ingestedTables(TestLake test) {
    writeSample(test);
    new IngestJob().run(test.context(AS_OF));
    Lake lake = test.open();
    List<String> volatileColumns = new ArrayList<>(TableChecksum.VOLATILE_COLUMNS);
    volatileColumns.add(Tables.SOURCE_FILE);
    List<TableChecksum.Input> inputs = Stream.of(Tables.bronze(Source.ORDERS), Tables.bronze(Source.ORDER_ITEMS),
            Tables.bronze(Source.MEMBERS), Tables.QUARANTINE, Tables.INGEST_BATCHES)
        .map(t -> new TableChecksum.Input(t.name(), lake.read(t), volatileColumns)).toList();
    Map<String, TableChecksum.Result> tables = new TreeMap<>();
    TableChecksum.of(inputs, 12).forEach(r -> tables.put(r.table(), r));
    return tables;
  }

  @Test
  void reingestingTheSameFilesChangesNothing() {
    TestLake test = new TestLake(dir);
    writeSample(test);
    new IngestJob().run(test.context(AS_OF));
    Lake lake = test.open();
    long bronzeVersion = lake.delta(Tables.bronze(Source.ORDERS)).history(1).first().getLong(0);
    long quarantineRows = lake.read(Tables.QUARANTINE).count();

    JobResult again = new IngestJob().run(test.context(AS_OF));
    assertEquals(0, again.rowsIn());
    assertEquals(bronzeVersion, lake.delta(Tables.bronze(Source.ORDERS)).history(1).first().getLong(0));
    assertEquals(quarantineRows, lake.read(Tables.QUARANTINE).count());
    assertEquals(3, lake.read(Tables.INGEST_BATCHES).count());
  }

  @Test
  void aNewBatchAppendsAndRepeatedFactKeysAreDuplicates() {
    TestLake test = new TestLake(dir);
    writeSample(test);
    new IngestJob().run(test.context(AS_OF));
    test.source("orders", "orders.csv", ORDERS_HEADER,
        "o1,A1,13800138000,a@x.cn,2025-06-01 10:00:00,app,Shanghai,paid,12.50,0,CNY",
        "o9,A9,,,2025-07-01 10:00:00,app,Shanghai,paid,9.90,0,CNY");
    new IngestJob().run(test.context(AS_OF));
    Lake lake = test.open();
    assertEquals(List.of("o1", "o2", "o9"), lake.read(Tables.bronze(Source.ORDERS)).orderBy("order_id")
        .select("order_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(2L, quarantineReasons(lake, "orders").get("DUPLICATE_KEY"));
  }

  @Test
  void aMissingRequiredColumnNamesTheColumnAndTheFile() {
    TestLake test = new TestLake(dir);
    Path file = test.source("orders", "orders.csv", "order_id,account_id,total_amount", "o1,A1,10.00");
    InputException e = assertThrows(InputException.class, () -> new IngestJob().run(test.context(AS_OF)));
    assertTrue(e.getMessage().startsWith("orders: required column 'order_ts' is missing in " + file),
        e.getMessage());
  }

  @Test
  void aFileWithoutAmountsIsReadAndAnEmptyAmountInAFileWithThemIsNot() {
    TestLake test = new TestLake(dir);
    test.source("orders", "orders.csv", "order_id,account_id,order_ts", "o1,A1,2025-06-01 10:00:00");
    new IngestJob().run(test.context(AS_OF));
    Lake lake = test.open();
    assertEquals(1, lake.read(Tables.bronze(Source.ORDERS)).where("total_amount IS NULL").count());
    Row listed = lake.read(Tables.INGEST_BATCHES).first();
    assertTrue(listed.<String>getList(listed.fieldIndex("absent_columns")).contains("total_amount"),
        "the gate leaves the checks on total_amount out");
    TestLake withAmounts = new TestLake(dir.resolve("second"));
    withAmounts.source("orders", "orders.csv", "order_id,account_id,order_ts,total_amount",
        "o1,A1,2025-06-01 10:00:00,", "o2,A1,2025-06-02 10:00:00,3.50");
    new IngestJob().run(withAmounts.context(AS_OF));
    assertEquals(List.of("MISSING_VALUE:total_amount"), withAmounts.open().read(Tables.QUARANTINE)
        .selectExpr("concat(reason_code, ':', column_name)").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList());
  }

  @Test
  void aWrongDelimiterGetsAHint() {
    TestLake test = new TestLake(dir);
    test.source("orders", "orders.csv", ORDERS_HEADER.replace(',', ';'), "o1;A1;;;2025-06-01 10:00:00;;;;1;0;CNY");
    InputException e = assertThrows(InputException.class, () -> new IngestJob().run(test.context(AS_OF)));
    assertTrue(e.getMessage().contains("required column 'order_id' is missing"), e.getMessage());
    assertTrue(e.getMessage().endsWith("set c360.sources.orders.options.sep"), e.getMessage());
  }

  @Test
  void remappedColumnsAndADelimiterFromConfAreUsed() {
    TestLake test = new TestLake(dir, "c360.sources.orders { options { sep = \";\" }, columns { order_id = InvoiceNo,"
        + " order_ts = InvoiceDate, total_amount = Amount } }\n");
    test.source("orders", "export.csv", "InvoiceNo;InvoiceDate;Amount;Country", "536365;2025-12-01 08:26:00;15.30;UK");
    new IngestJob().run(test.context(AS_OF));
    Row row = test.open().read(Tables.bronze(Source.ORDERS)).first();
    assertEquals("536365", row.getAs("order_id"));
    assertEquals(new java.math.BigDecimal("15.30"), row.getAs("total_amount"));
  }

  @Test
  void missingOrEmptyOrdersAndMixedFormatsAreInputErrors() {
    TestLake test = new TestLake(dir);
    InputException missing = assertThrows(InputException.class, () -> new IngestJob().run(test.context(AS_OF)));
    assertTrue(missing.getMessage().startsWith("orders: no input at " + test.sources.resolve("orders")));
    TestLake.write(test.sources.resolve("orders/empty.csv"), "");
    InputException empty = assertThrows(InputException.class, () -> new IngestJob().run(test.context(AS_OF)));
    assertTrue(empty.getMessage().startsWith("orders: no data in"), empty.getMessage());
    test.source("orders", "a.csv", ORDERS_HEADER);
    test.source("orders", "b.json", "{}");
    InputException mixed = assertThrows(InputException.class, () -> new IngestJob().run(test.context(AS_OF)));
    assertTrue(mixed.getMessage().contains("b.json does not look like csv"), mixed.getMessage());
  }
}
