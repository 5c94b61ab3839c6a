package io.c360.core.segment;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.config.C360Config;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.SegmentConfig;
import io.c360.core.profile.Customer360;
import io.c360.core.testdata.BronzeRows;
import io.c360.core.testdata.SparkTest;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Six customers as of 2025-12-31, one per tier: C1 frequent big spender (high_value), C2 frequent small baskets
 * (active; restock and healthy lines), C3 one recent order (potential), C4 last order in August with two holiday
 * orders (sleeping), C5 last order in March (lost) plus a cancelled December order, C6 only a cancelled order.
 */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SegmentsTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final C360Config CONFIG = ConfigReader.defaultConfig();
  private static final SegmentConfig SEGMENTS = CONFIG.segments();

  private Map<String, Row> byCustomer;
  private Dataset<Row> wide;
  private Dataset<Row> allOrders;
  private Dataset<Row> profiles;
  private Dataset<Row> items;
  private Dataset<Row> products;
  private Map<String, Map<String, Double>> tags;

  @BeforeAll
  void build(SparkSession spark) {
    BronzeRows orders = BronzeRows.of(Source.ORDERS);
    int n = 0;
    for (String day : List.of("06-01", "10-05", "10-15", "10-25", "11-05", "11-15", "11-25", "12-05", "12-20")) {
      orders = orders.row("order_id", "c1-" + n++, "account_id", "A1", "order_ts", "2025-" + day + " 10:00:00",
          "status", "paid", "total_amount", "500.00", "discount_amount", "20.00");
    }
    for (String day : List.of("10-10", "10-20", "11-01", "11-20", "12-10", "12-11", "12-12", "12-28")) {
      orders = orders.row("order_id", "c2-" + day, "account_id", "A2", "order_ts", "2025-" + day + " 09:00:00",
          "status", "paid", "total_amount", "10.00", "discount_amount", "0");
    }
    orders = orders
        .row("order_id", "c3", "account_id", "A3", "order_ts", "2025-12-01 12:00:00", "total_amount", "300.00")
        .row("order_id", "c4-1", "account_id", "A4", "order_ts", "2025-06-05 12:00:00", "total_amount", "50.00")
        .row("order_id", "c4-2", "account_id", "A4", "order_ts", "2025-06-18 12:00:00", "total_amount", "50.00")
        .row("order_id", "c4-3", "account_id", "A4", "order_ts", "2025-08-15 12:00:00", "total_amount", "50.00")
        .row("order_id", "c5-1", "account_id", "A5", "order_ts", "2025-03-01 12:00:00", "total_amount", "200.00")
        .row("order_id", "c5-2", "account_id", "A5", "order_ts", "2025-12-30 12:00:00", "status", "cancelled",
            "total_amount", "999.00")
        .row("order_id", "c6", "account_id", "A6", "order_ts", "2025-12-30 12:00:00", "status", "cancelled",
            "total_amount", "10.00")
        .row("order_id", "late", "account_id", "A3", "order_ts", "2026-01-01 00:00:00", "total_amount", "1.00")
        .row("order_id", "g1", "order_ts", "2025-12-15 12:00:00", "total_amount", "40.00");
    Dataset<Row> items = BronzeRows.of(Source.ORDER_ITEMS)
        .row("order_id", "c2-12-10", "line_no", "1", "sku", "S1", "category", "healthy_food", "quantity", "1",
            "unit_price", "10")
        .row("order_id", "c2-12-11", "line_no", "1", "sku", "S1", "category", "healthy_food", "quantity", "1",
            "unit_price", "10")
        .row("order_id", "c2-12-12", "line_no", "1", "sku", "S1", "quantity", "1", "unit_price", "10")
        .toDataset(spark);
    Dataset<Row> products = BronzeRows.of(Source.PRODUCTS).row("sku", "S1", "category", "Healthy_Food")
        .toDataset(spark);
    StructType mapSchema = new StructType().add("entity_type", DataTypes.StringType)
        .add("entity_key", DataTypes.StringType).add("customer_id", DataTypes.StringType);
    List<Row> map = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      map.add(RowFactory.create("account", "A" + i, "C" + i));
    }
    Dataset<Row> identityMap = spark.createDataFrame(map, mapSchema);
    Dataset<Row> bronzeOrders = orders.toDataset(spark);
    profiles = new Customer360(CONFIG.identity()).transform(new Customer360.Inputs(identityMap,
        bronzeOrders, items, products, null, null, null, null, null), AS_OF).drop("as_of").cache();
    this.items = items;
    this.products = products;
    allOrders = Segments.orders(identityMap, bronzeOrders, AS_OF).cache();
    Dataset<Row> customerOrders = allOrders.where(col("customer_id").isNotNull());
    wide = new Segments(SEGMENTS).wide(profiles, customerOrders, AS_OF).cache();
    byCustomer = new HashMap<>();
    Segments.table(wide).collectAsList().forEach(r -> byCustomer.put(r.getAs("customer_id"), r));
    tags = new HashMap<>();
    for (Row r : new Tags(SEGMENTS.tags()).transform(profiles, customerOrders, items, products, AS_OF)
        .collectAsList()) {
      tags.computeIfAbsent(r.getAs("customer_id"), k -> new HashMap<>()).put(r.getAs("tag"), r.getAs("value"));
      assertEquals(SEGMENTS.tags().ruleVersions().get(r.<String>getAs("tag")), r.getAs("rule_version"));
    }
  }

  private Object value(String customer, String column) {
    return byCustomer.get(customer).getAs(column);
  }

  @Test
  void hasTheTableSchemaAndOneRowPerCustomer() {
    assertEquals(Tables.CUSTOMER_SEGMENTS.columnNames(), List.of(Segments.table(wide).columns()));
    assertEquals(6, byCustomer.size());
  }

  @Test
  void recencyFrequencyMonetaryCountKeptOrdersUpToTheAsOfDate() {
    assertEquals(11, value("C1", "recency_days"));
    assertEquals(9L, value("C1", "frequency"));
    assertEquals(new BigDecimal("4500.00"), value("C1", "monetary"));
    assertEquals(30, value("C3", "recency_days"), "the order after the as-of date is not seen");
    assertEquals(305, value("C5", "recency_days"), "a cancelled order does not refresh recency");
    assertEquals(1L, value("C5", "frequency"));
    assertNull(value("C6", "recency_days"), "only a cancelled order: no RFM");
    assertNull(value("C6", "five_tier"));
  }

  @Test
  void scoresAreExactRanksWithTiesSharingAScore() {
    Map<String, String> codes = byCustomer.values().stream().filter(r -> r.getAs("rfm_code") != null)
        .collect(Collectors.toMap(r -> r.getAs("customer_id"), r -> r.getAs("rfm_code")));
    // R: 305 < 138 < 30 < 11 < 3 days; F: 1, 1, 3, 8, 9 orders (the two 1s tie at score 1); M: 80 < 150 < 200 < 300 < 4500
    assertEquals(Map.of("C1", "455", "C2", "541", "C3", "314", "C4", "232", "C5", "113"), codes);
  }

  @Test
  void zeroInTheWindowScoresOneAndBuyersAreRankedAmongThemselves(SparkSession spark) {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("f", DataTypes.LongType);
    List<Row> rows = new ArrayList<>();
    long[] values = {0, 0, 0, 1, 1, 2, 3};
    for (int i = 0; i < values.length; i++) {
      rows.add(RowFactory.create("x" + i, values[i]));
    }
    Map<String, Integer> scores = new HashMap<>();
    Scores.exactAboveZero(spark.createDataFrame(rows, schema), "f", 5, "s").collectAsList()
        .forEach(r -> scores.put(r.getAs("id"), r.getAs("s")));
    // positives 1, 1, 2, 3: 1 + floor(5 x worse / 4) = 1, 1, 3, 4
    assertEquals(Map.of("x0", 1, "x1", 1, "x2", 1, "x3", 1, "x4", 1, "x5", 3, "x6", 4), scores);
  }

  @Test
  void everyCustomerWithOrdersGetsOneOfTheFiveTiers() {
    assertEquals("high_value", value("C1", "five_tier"));
    assertEquals("active", value("C2", "five_tier"));
    assertEquals("potential", value("C3", "five_tier"));
    assertEquals("sleeping", value("C4", "five_tier"));
    assertEquals("lost", value("C5", "five_tier"));
  }

  @Test
  void rfmNamesFollowTheScoreGrid() {
    assertEquals("loyal", value("C1", "rfm_segment"));
    assertEquals("champions", value("C2", "rfm_segment"));
    assertEquals("about_to_sleep", value("C3", "rfm_segment"));
    assertEquals("at_risk", value("C4", "rfm_segment"));
    assertEquals("lost", value("C5", "rfm_segment"));
  }

  @Test
  void lifecycleUsesTenureIntervalTrendAndOwnCadence() {
    assertEquals(25.25, (double) value("C1", "interval_mean_days"), 1e-9);
    assertEquals(35.0 / 3, (double) value("C1", "recent_interval_days"), 1e-9);
    assertEquals("growing", value("C1", "lifecycle_stage"));
    assertEquals("new", value("C2", "lifecycle_stage"), "first order 82 days ago");
    assertEquals("new", value("C3", "lifecycle_stage"), "a single order day");
    assertEquals("declining", value("C4", "lifecycle_stage"), "138 days > 2 x 35.5-day cadence");
    assertEquals("churned", value("C5", "lifecycle_stage"));
  }

  @Test
  void valueQuadrantEarlyWarningAndGrowthValue() {
    assertEquals(4000.0 * 365 / 90 / 4500, (double) value("C1", "spend_trend"), 1e-9);
    assertEquals("high_value_high_potential", value("C1", "value_quadrant"));
    assertEquals("low_value_low_potential", value("C4", "value_quadrant"));
    assertFalse((Boolean) value("C1", "early_warning"));
    assertEquals("inactive", value("C3", "early_warning_reason"));
    assertEquals("inactive,beyond_cadence", value("C4", "early_warning_reason"));
    assertFalse((Boolean) value("C5", "early_warning"), "lost customers are past warning");
    assertEquals(4500 * 1.0 * 1.2, (double) value("C1", "growth_value"), 1e-9);
    assertEquals("gold", value("C1", "suggested_tier"), "5,400 >= gold threshold 5,000");
    assertEquals("not_member", value("C1", "tier_change"));
  }

  @Test
  void tierChangeComparesSuggestedWithCurrentTier(SparkSession spark) {
    StructType schema = new StructType().add("member_tier", DataTypes.StringType)
        .add("suggested_tier", DataTypes.StringType);
    List<Row> rows = spark.createDataFrame(List.of(RowFactory.create("Silver", "gold"),
            RowFactory.create("diamond", "gold"), RowFactory.create("gold", "gold"),
            RowFactory.create("vip", "gold"), RowFactory.create(null, "bronze")), schema)
        .select(GrowthValue.change()).collectAsList();
    assertEquals(List.of("upgrade", "downgrade", "keep", "unknown_tier", "not_member"),
        rows.stream().map(r -> r.getString(0)).toList());
  }

  @Test
  void tagsCarryTheMeasuredValue() {
    assertEquals(Map.of("price_sensitive", 1.0), tags.get("C1"));
    assertEquals(2.0, tags.get("C2").get("emergency_restock"), "two one-line orders a day after the previous one");
    assertEquals(1.0, tags.get("C2").get("healthy_eating"), "line categories fall back to the product's");
    assertEquals(2.0 / 3, tags.get("C4").get("holiday_buyer"), 1e-9);
    assertFalse(tags.containsKey("C6"));
  }

  @Test
  void transformGivesEveryTableOfTheDateAndMigrationOnlyAfterAnEarlierDate() {
    Segments segments = new Segments(SEGMENTS);
    try (Segments.Output first = segments.transform(profiles, allOrders, items, products, null, AS_OF)) {
      assertEquals(new java.util.TreeSet<>(byCustomer.keySet()), new java.util.TreeSet<>(first.segments()
          .select("customer_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList()));
      assertEquals(Tables.CUSTOMER_SEGMENTS.columnNames(), List.of(first.segments().columns()));
      assertEquals(5 * 4, first.history().count());
      assertEquals(tags.values().stream().mapToLong(Map::size).sum(), first.tags().count());
      assertEquals(6L, (long) first.kpis().first().getAs("customers"));
      assertTrue(first.migration().isEmpty(), "no earlier date");

      LocalDate earlierDate = LocalDate.parse("2025-11-30");
      Segments.Earlier earlier = new Segments.Earlier(first.history(), earlierDate);
      try (Segments.Output second = segments.transform(profiles, allOrders, items, products, earlier, AS_OF)) {
        Dataset<Row> migration = second.migration().orElseThrow();
        assertEquals(0, migration.where("from_segment <> to_segment").count(), "the same segments both times");
        assertEquals(20L, migration.agg(org.apache.spark.sql.functions.sum("customers")).first().getLong(0));
        assertEquals(0, migration.where(col("from_as_of").notEqual(Date.valueOf(earlierDate))).count());
      }
    }
  }

  @Test
  void historyHasOneRowPerSegmentedCustomerAndSegmentation() {
    Dataset<Row> history = new Segments(SEGMENTS).history(Segments.table(wide));
    assertEquals(5 * 4, history.count());
    Row c1 = history.where("segmentation = 'five_tier' AND customer_id = 'C1'").first();
    assertEquals("high_value", c1.getAs("segment"));
    assertEquals(Date.valueOf(AS_OF), c1.getAs("as_of"));
    assertEquals(0, history.where("customer_id = 'C6'").count(), "no orders, no segment");
  }

  @Test
  void kpisSummariseTheDate() {
    Dataset<Row> history = new Segments(SEGMENTS).history(Segments.table(wide));
    Row kpi = Kpis.transform(wide, history, allOrders, SEGMENTS, AS_OF).first();
    assertEquals(Date.valueOf(AS_OF), kpi.getAs("as_of"));
    assertEquals(6L, (long) kpi.getAs("customers"));
    assertEquals(5L, (long) kpi.getAs("buyers"));
    assertEquals(3L, (long) kpi.getAs("active_customers"), "C1, C2, C3 ordered in the last 90 days");
    assertEquals(0.6, (double) kpi.getAs("repeat_purchase_rate"), 1e-9);
    assertEquals(0.2, (double) kpi.getAs("churn_rate"), 1e-9);
    // previous 90 days (Jul 4 - Oct 2): C4 (Aug 15); C1's Jun 1 order is earlier. C4 did not come back.
    assertEquals(0.0, (double) kpi.getAs("retention_rate"), 1e-9);
    assertEquals(2L, (long) kpi.getAs("early_warnings"));
    Map<String, Long> sizes = scala.collection.JavaConverters.mapAsJavaMap(kpi.<scala.collection.Map<String, Long>>
        getAs("segment_sizes"));
    assertEquals(1L, sizes.get("five_tier:lost"));
    assertEquals(1L, sizes.get("rfm:champions"));
    // orders and revenue count the guest order g1 that belongs to nobody (no account, phone or email)
    assertEquals(23L, (long) kpi.getAs("orders"), "orders that count in the 365 days, g1 included");
    assertEquals(5270.0, (double) kpi.getAs("revenue"), 1e-9);
    assertEquals(1.0 / 23, (double) kpi.getAs("unidentified_order_share"), 1e-12);
    assertEquals(40.0 / 5270, (double) kpi.getAs("unidentified_revenue_share"), 1e-12);
    assertEquals(5270.0 / 23, (double) kpi.getAs("avg_order_value"), 1e-9);
  }

  @Test
  void withoutAmountsMoneyStaysEmptyAndTiersLeaveSpendOut(SparkSession spark) {
    BronzeRows orders = BronzeRows.of(Source.ORDERS);
    for (String day : List.of("10-05", "11-03", "11-20", "12-01", "12-10", "12-20", "12-28")) {
      orders = orders.row("order_id", "1808@" + day, "account_id", "1808", "order_ts", "2025-" + day + " 00:00:00");
    }
    orders = orders.row("order_id", "2552@01-05", "account_id", "2552", "order_ts", "2025-01-05 00:00:00");
    StructType mapSchema = new StructType().add("entity_type", DataTypes.StringType)
        .add("entity_key", DataTypes.StringType).add("customer_id", DataTypes.StringType);
    Dataset<Row> identityMap = spark.createDataFrame(List.of(RowFactory.create("account", "1808", "C1808"),
        RowFactory.create("account", "2552", "C2552")), mapSchema);
    Dataset<Row> bronze = orders.toDataset(spark);
    Dataset<Row> profiles = new Customer360(CONFIG.identity()).transform(new Customer360.Inputs(identityMap,
        bronze, null, null, null, null, null, null, null), AS_OF).drop("as_of");
    Dataset<Row> all = Segments.orders(identityMap, bronze, AS_OF);
    Dataset<Row> noMoney = new Segments(SEGMENTS).wide(profiles, all, AS_OF);
    Map<String, Row> rows = new HashMap<>();
    Segments.table(noMoney).collectAsList().forEach(r -> rows.put(r.getAs("customer_id"), r));
    Row frequent = rows.get("C1808");
    assertNull(frequent.getAs("monetary"), "no amounts: no monetary, not 0");
    assertNull(frequent.getAs("m_score"));
    assertEquals(3, (int) frequent.getAs("r_score"), "better than one of the two buyers");
    assertEquals("high_value", frequent.getAs("five_tier"), "recent and frequent: the spend condition is left out");
    assertEquals("lost", rows.get("C2552").getAs("five_tier"));
    assertNull(profiles.where(col("customer_id").equalTo("C1808")).first().getAs("revenue"));
    Row kpi = Kpis.transform(noMoney, new Segments(SEGMENTS).history(Segments.table(noMoney)), all, SEGMENTS, AS_OF)
        .first();
    assertEquals(8L, (long) kpi.getAs("orders"));
    assertNull(kpi.getAs("revenue"));
    assertNull(kpi.getAs("avg_order_value"));
  }

  @Test
  void migrationRowsSumToTheEarlierSegmentSizes(SparkSession spark) {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType)
        .add("segmentation", DataTypes.StringType).add("segment", DataTypes.StringType);
    Dataset<Row> earlier = spark.createDataFrame(List.of(RowFactory.create("C1", "five_tier", "potential"),
        RowFactory.create("C2", "five_tier", "potential"), RowFactory.create("C3", "five_tier", "lost"),
        RowFactory.create("C9", "five_tier", "active")), schema);
    Dataset<Row> later = spark.createDataFrame(List.of(RowFactory.create("C1", "five_tier", "high_value"),
        RowFactory.create("C2", "five_tier", "potential"), RowFactory.create("C3", "five_tier", "lost"),
        RowFactory.create("C4", "five_tier", "potential")), schema);
    Map<String, Long> moves = new HashMap<>();
    for (Row r : Migration.transform(earlier, LocalDate.parse("2025-11-30"), later, AS_OF).collectAsList()) {
      moves.put(r.getAs("from_segment") + ">" + r.getAs("to_segment"), r.getAs("customers"));
      assertEquals(Date.valueOf("2025-11-30"), r.getAs("from_as_of"));
    }
    assertEquals(Map.of("potential>high_value", 1L, "potential>potential", 1L, "lost>lost", 1L,
        "active>(none)", 1L, "(none)>potential", 1L), moves);
  }
}
