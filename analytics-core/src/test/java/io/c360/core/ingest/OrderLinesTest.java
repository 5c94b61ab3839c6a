package io.c360.core.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.c360.core.catalog.Layout;
import io.c360.core.catalog.Source;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.IngestConfig;
import io.c360.core.config.SourceConfig;
import io.c360.core.config.SourceFormat;
import io.c360.core.testdata.SparkTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Orders files one row per line (and purchase logs) turned into orders, lines and products. */
@ExtendWith(SparkTest.class)
class OrderLinesTest {

  private static final IngestConfig RULES = ConfigReader.defaultConfig().ingest();
  private static final LocalDate AS_OF = LocalDate.parse("2022-12-31");
  private static final Timestamp NOW = Timestamp.valueOf("2023-01-01 02:00:00");

  /** Checks and derives: the raw rows are named by {@code columns}; the other contract columns are absent. */
  private static OrderLines.Output derive(SparkSession spark, SourceConfig conf, List<String> columns,
                                          String[]... rows) {
    Set<String> present = new LinkedHashSet<>(columns);
    var contract = conf.contract(present);
    StructType schema = new StructType();
    for (var field : contract.fields()) {
      schema = schema.add(field.name(), DataTypes.StringType);
    }
    schema = schema.add(IngestTransform.FILE_COL, DataTypes.StringType).add(IngestTransform.ROW_COL,
        DataTypes.LongType);
    List<Row> list = new ArrayList<>();
    long position = 0;
    for (String[] r : rows) {
      List<Object> values = new ArrayList<>();
      for (var field : contract.fields()) {
        int i = columns.indexOf(field.name());
        values.add(i < 0 ? null : r[i]);
      }
      values.add("file:/in/export.csv");
      values.add(position++);
      list.add(RowFactory.create(values.toArray()));
    }
    Dataset<Row> raw = RawValues.apply(spark.createDataFrame(list, schema), conf);
    IngestTransform check = new IngestTransform(contract, RULES, AS_OF, conf.formats());
    Dataset<Row> checked = check.transform(raw, "b1", NOW, null).cache();
    return new OrderLines(conf.layout(), RULES).transform(checked, null);
  }

  private static SourceConfig conf(Layout layout, Map<String, String> formats, Map<String, Map<String, String>> values,
                                   SourceConfig.Cancellation cancellation) {
    return new SourceConfig(Source.ORDERS, true, "export.csv", SourceFormat.CSV, Map.of(), Map.of(), layout, formats,
        values, cancellation);
  }

  private static Map<String, Row> byId(Dataset<Row> rows, String key) {
    Map<String, Row> map = new TreeMap<>();
    rows.collectAsList().forEach(r -> map.put(r.getAs(key), r));
    return map;
  }

  private static Map<String, String> reasons(Dataset<Row> lines) {
    Map<String, String> map = new HashMap<>();
    for (Row r : lines.where(col(IngestTransform.REASON).isNotNull()).collectAsList()) {
      map.merge(r.getAs(IngestTransform.KEY), r.getAs(IngestTransform.REASON) + ":" + r.getAs(
          IngestTransform.REASON_COLUMN), (a, b) -> a);
    }
    return map;
  }

  @Test
  void linesMakeOrdersItemsAndProductsAndAnOrderIdOfTwoCustomersIsSplit(SparkSession spark) {
    List<String> columns = List.of("order_id", "order_ts", "account_id", "name", "city", "sku", "category",
        "product_name", "line_amount", "quantity");
    // excerpt shaped like superstore.csv: dd/MM/yy dates, Sales is the line amount after discount
    OrderLines.Output out = derive(spark, conf(Layout.ORDER_LINES, Map.of("order_ts", "d/M/yy"), Map.of(),
            SourceConfig.Cancellation.NONE), columns,
        new String[] {"US-1", "03/01/19", "DP-1", "Darren Powers", "Houston", "OFF-1", "Office", "Book", "16.448",
            "2"},
        new String[] {"US-1", "03/01/19", "DP-1", "Darren Powers", "Dallas", "TEC-1", "Tech", "Phone", "10.00", "1"},
        new String[] {"CA-2", "16/03/22", "HO-1", "Harry Olson", "Calgary", "OFF-1", "Office", "Book v2", "5.00", "1"},
        new String[] {"CA-2", "16/03/22", "HO-2", "Harry Olson", "Calgary", "OFF-2", "Office", "Pen", "3.00", "3"},
        new String[] {"CA-2", "16/03/22", "HO-1", "Harry Olson", "Calgary", "OFF-3", "Office", "Ink", "1.50", "1"},
        new String[] {"CA-3", "05/10/22", "GG-1", "Greg Guthrie", "Calgary", "OFF-2", "Office", "Pen", "1.00", "1"},
        new String[] {"CA-3", "06/10/22", "GG-1", "Greg Guthrie", "Calgary", "OFF-3", "Office", "Ink", "2.00", "1"},
        new String[] {"CA-4", "31/02/22", "GG-1", "Greg Guthrie", "Calgary", "OFF-3", "Office", "Ink", "2.00", "1"});

    Map<String, Row> orders = byId(out.orders(), "order_id");
    assertEquals(Set.of("US-1", "CA-2", "CA-2#2"), orders.keySet());
    Row us1 = orders.get("US-1");
    assertEquals(Timestamp.valueOf("2019-01-03 00:00:00"), us1.getAs("order_ts"));
    assertEquals(0, new BigDecimal("26.45").compareTo(us1.getAs("total_amount")),
        "sum of the line amounts (each read to the cent: 16.448 is 16.45)");
    assertEquals("Houston", us1.getAs("city"), "an order column that differs: the first line's");
    assertEquals("Darren Powers", us1.getAs("name"));
    assertNull(us1.getAs(OrderLines.SHARED_ID));
    assertEquals("HO-1", orders.get("CA-2").getAs("account_id"));
    assertEquals("HO-2", orders.get("CA-2#2").getAs("account_id"));
    assertEquals("CA-2", orders.get("CA-2#2").getAs(OrderLines.SHARED_ID));
    assertEquals(0, new BigDecimal("6.50").compareTo(orders.get("CA-2").getAs("total_amount")));

    Map<String, String> rejected = reasons(out.lines());
    assertEquals(Map.of("CA-3", "INCONSISTENT_ORDER:order_ts", "CA-4", "BAD_TIMESTAMP:order_ts"), rejected);
    assertEquals(8, out.lines().count(), "every line once");
    assertEquals(5, out.lines().where(IngestTransform.isValid()).count());

    List<String> items = out.items().orderBy("order_id", "line_no").collectAsList().stream()
        .map(r -> r.getAs("order_id") + "/" + r.getAs("line_no") + ":" + r.getAs("sku") + "x" + r.getAs("quantity")
            + "@" + r.getAs("unit_price")).toList();
    assertEquals(List.of("CA-2/1:OFF-1x1@5.00", "CA-2/2:OFF-3x1@1.50", "CA-2#2/1:OFF-2x3@1.00",
        "US-1/1:OFF-1x2@8.23", "US-1/2:TEC-1x1@10.00"), items);
    Map<String, Row> products = byId(out.products(), "sku");
    assertEquals(Set.of("OFF-1", "OFF-2", "OFF-3", "TEC-1"), products.keySet());
    assertEquals("Book v2", products.get("OFF-1").getAs("name"), "the name on the sku's latest line");
    assertEquals(0, new BigDecimal("5.00").compareTo(products.get("OFF-1").getAs("list_price")));
  }

  @Test
  void aPurchaseLogMakesOneOrderPerCustomerAndDayWithoutInventingMoney(SparkSession spark) {
    List<String> columns = List.of("account_id", "order_ts", "sku", "product_name");
    // excerpt shaped like groceries_members.csv: member, dd-MM-yyyy, item
    OrderLines.Output out = derive(spark, conf(Layout.PURCHASE_LOG, Map.of("order_ts", "d-M-yyyy"), Map.of(),
            SourceConfig.Cancellation.NONE), columns,
        new String[] {"1808", "21-07-2015", "tropical fruit", "tropical fruit"},
        new String[] {"1808", "21-07-2015", "whole milk", "whole milk"},
        new String[] {"1808", "21-07-2015", "whole milk", "whole milk"},
        new String[] {"2552", "05-01-2015", "whole milk", "whole milk"},
        new String[] {"1808", "05-01-2015", "pip fruit", "pip fruit"});

    Map<String, Row> orders = byId(out.orders(), "order_id");
    assertEquals(Set.of("1808@2015-07-21", "2552@2015-01-05", "1808@2015-01-05"), orders.keySet());
    orders.values().forEach(o -> assertNull(o.getAs("total_amount"), "no amounts in the file"));
    assertEquals(3, out.items().where(col("order_id").equalTo("1808@2015-07-21")).count(),
        "an item bought twice in a basket is two lines");
    assertEquals(List.of(1, 2, 3), out.items().where(col("order_id").equalTo("1808@2015-07-21")).orderBy("line_no")
        .select("line_no").as(org.apache.spark.sql.Encoders.INT()).collectAsList());
    assertEquals(3, out.products().count());
    assertEquals(List.of("phone", "email", "channel", "city", "status", "total_amount", "discount_amount", "currency",
        "name"), OrderLines.absentColumns(Source.ORDERS, List.of("phone", "email", "name", "channel", "city", "status",
        "total_amount", "discount_amount", "currency", "line_amount", "unit_price", "discount")),
        "the gate leaves the checks on these out");
  }

  @Test
  void timesInALogMakeOneOrderPerTimeAndContactsAreHashed(SparkSession spark) {
    List<String> columns = List.of("phone", "order_ts", "line_amount");
    OrderLines.Output out = derive(spark, conf(Layout.PURCHASE_LOG, Map.of(), Map.of(),
            SourceConfig.Cancellation.NONE), columns,
        new String[] {"+86 138 0013 8000", "2022-06-01 10:15:00", "3.50"},
        new String[] {"+86 138 0013 8000", "2022-06-01 10:15:00", "1.50"},
        new String[] {"+86 138 0013 8000", "2022-06-01 18:00:00", "2.00"});
    List<String> ids = out.orders().orderBy("order_ts").select("order_id").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
    assertEquals(2, ids.size());
    assertEquals(ids.get(0).substring(0, 16), ids.get(1).substring(0, 16), "one customer key");
    assertEquals("@2022-06-01T10:15:00", ids.get(0).substring(16), ids.get(0));
    assertEquals(0, new BigDecimal("5.00").compareTo(out.orders().orderBy("order_ts").first().getAs(
        "total_amount")));
  }

  @Test
  void cancellationRulesAndValueMapsMarkOrdersInsteadOfQuarantiningThem(SparkSession spark) {
    List<String> columns = List.of("order_id", "order_ts", "account_id", "status", "sku", "quantity", "unit_price");
    // shaped like the Online Retail export: C-prefixed invoices cancel, negative quantities return
    OrderLines.Output out = derive(spark, conf(Layout.ORDER_LINES, Map.of("order_ts", "M/d/yyyy H:mm"),
            Map.of("status", Map.of("Delivered", "paid")), new SourceConfig.Cancellation("C", true)), columns,
        new String[] {"536365", "12/1/2010 8:26", "17850", " delivered ", "85123A", "6", "2.55"},
        new String[] {"C536379", "12/1/2010 9:41", "14527", "delivered", "D", "-1", "27.50"},
        new String[] {"536380", "12/1/2010 9:45", "17809", "delivered", "22423", "-2", "12.75"},
        new String[] {"536380", "12/1/2010 9:45", "17809", "delivered", "22424", "1", "10.00"});
    Map<String, Row> orders = byId(out.orders(), "order_id");
    assertEquals("paid", orders.get("536365").getAs("status"));
    assertEquals("cancelled", orders.get("C536379").getAs("status"));
    assertEquals("returned", orders.get("536380").getAs("status"), "a negative line returns the order");
    assertEquals(0, new BigDecimal("27.50").compareTo(orders.get("C536379").getAs("total_amount")));
    assertEquals(0, new BigDecimal("35.50").compareTo(orders.get("536380").getAs("total_amount")));
    assertEquals(Timestamp.valueOf("2010-12-01 08:26:00"), orders.get("536365").getAs("order_ts"));
    assertEquals(0, out.lines().where(col(IngestTransform.REASON).isNotNull()).count());
    assertEquals(List.of(2), out.items().where(col("sku").equalTo("22423")).select("quantity")
        .as(org.apache.spark.sql.Encoders.INT()).collectAsList());
  }

  @Test
  void withoutARuleNegativeQuantitiesAndUnknownStatusesAreQuarantined(SparkSession spark) {
    List<String> columns = List.of("order_id", "order_ts", "account_id", "status", "sku", "quantity");
    OrderLines.Output out = derive(spark, conf(Layout.ORDER_LINES, Map.of(), Map.of(),
            SourceConfig.Cancellation.NONE), columns,
        new String[] {"o1", "2022-01-01", "a", "paid", "s1", "-1"},
        new String[] {"o2", "2022-01-01", "a", "delivered", "s1", "1"},
        new String[] {"o3", "2022-01-01", "a", "paid", "s1", "1"},
        new String[] {"o3", "2022-01-01", "a", "paid", "", "1"});
    assertEquals(Map.of("o1", "NEGATIVE_VALUE:quantity", "o2", "BAD_VALUE:status", "o3", "MISSING_VALUE:sku"),
        reasons(out.lines()));
    assertEquals(Set.of("o3"), byId(out.orders(), "order_id").keySet(), "o3 keeps its valid line");
  }
}
