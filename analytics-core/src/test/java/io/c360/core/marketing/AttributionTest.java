package io.c360.core.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.catalog.Source;
import io.c360.core.config.AttributionConfig;
import io.c360.core.testdata.BronzeRows;
import io.c360.core.testdata.SparkTest;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hand-computed paths, window 3 days, half-life 1 day, position shares 0.4 / 0.4:
 * A: email d0, sms d1, order d2 (100)  -> journey [email, sms] converts
 * B: wechat d0, order d10              -> [wechat] does not (order outside the window)
 * C: sms d0, order d1 (50), email d5   -> [sms] converts, [email] does not (an order ends a journey)
 * D: email d0, email d5, order d6 (30) -> [email] does not (gap of 5 days), [email] converts
 */
@ExtendWith(SparkTest.class)
class AttributionTest {

  private static final AttributionConfig CONFIG = new AttributionConfig(3, 1.0, 0.4, 0.4);
  private static Map<String, Row> rows;

  private static Timestamp day(double d) {
    return new Timestamp((long) (d * 86_400_000L) + 1_700_000_000_000L);
  }

  @BeforeAll
  static void attribute(SparkSession spark) {
    StructType touchSchema = new StructType().add("customer_id", DataTypes.StringType)
        .add("touch_id", DataTypes.StringType).add("channel", DataTypes.StringType)
        .add("campaign", DataTypes.StringType).add("touch_ts", DataTypes.TimestampType)
        .add("cost", DataTypes.createDecimalType(18, 2));
    java.math.BigDecimal email = new java.math.BigDecimal("0.01");
    Dataset<Row> touches = spark.createDataFrame(List.of(
        RowFactory.create("A", "t1", "email", "spring", day(0), email),
        RowFactory.create("A", "t2", "sms", "spring", day(1), new java.math.BigDecimal("0.05")),
        RowFactory.create("B", "t3", "wechat", "spring", day(0), new java.math.BigDecimal("0.08")),
        RowFactory.create("C", "t4", "sms", "summer", day(0), new java.math.BigDecimal("0.05")),
        RowFactory.create("C", "t5", "email", "summer", day(5), email),
        RowFactory.create("D", "t6", "email", "spring", day(0), email),
        RowFactory.create("D", "t7", "email", "summer", day(5), email)), touchSchema);
    StructType orderSchema = new StructType().add("customer_id", DataTypes.StringType)
        .add("order_id", DataTypes.StringType).add("order_ts", DataTypes.TimestampType)
        .add("revenue", DataTypes.DoubleType);
    Dataset<Row> orders = spark.createDataFrame(List.of(
        RowFactory.create("A", "o1", day(2), 100.0),
        RowFactory.create("B", "o2", day(10), 999.0),
        RowFactory.create("C", "o3", day(1), 50.0),
        RowFactory.create("D", "o4", day(6), 30.0)), orderSchema);
    rows = new HashMap<>();
    for (Row r : new Attribution(CONFIG).transform(touches, orders).collectAsList()) {
      rows.put(r.getAs("model") + "/" + r.getAs("channel") + "/" + r.getAs("campaign"), r);
    }
  }

  private static double value(String model, String channel, String column) {
    return ((Number) rows.get(model + "/" + channel + "/null").getAs(column)).doubleValue();
  }

  @Test
  void ruleModelsSplitEachConversionOverItsJourney() {
    assertEquals(2.0, value("first_touch", "email", "conversions"), 1e-12);
    assertEquals(130.0, value("first_touch", "email", "revenue"), 1e-12);
    assertEquals(1.0, value("first_touch", "sms", "conversions"), 1e-12);
    assertEquals(2.0, value("last_touch", "sms", "conversions"), 1e-12);
    assertEquals(150.0, value("last_touch", "sms", "revenue"), 1e-12);
    assertEquals(1.5, value("linear", "email", "conversions"), 1e-12);
    assertEquals(80.0, value("linear", "email", "revenue"), 1e-12);
    assertEquals(4.0 / 3, value("time_decay", "email", "conversions"), 1e-9);
    assertEquals(5.0 / 3, value("time_decay", "sms", "conversions"), 1e-9);
    assertEquals(1.5, value("position_based", "sms", "conversions"), 1e-12);
    for (String model : Attribution.RULE_MODELS) {
      assertEquals(0.0, value(model, "wechat", "conversions"), 1e-12, model);
    }
  }

  @Test
  void campaignRowsAddUpToTheChannelAndCountEveryTouch() {
    assertEquals(1.0, ((Number) rows.get("first_touch/email/spring").getAs("conversions")).doubleValue(), 1e-12);
    assertEquals(1.0, ((Number) rows.get("first_touch/email/summer").getAs("conversions")).doubleValue(), 1e-12);
    assertEquals(4L, (long) rows.get("linear/email/null").getAs("touches"));
    assertEquals(2L, (long) rows.get("linear/email/spring").getAs("touches"));
    assertEquals(0.04, value("linear", "email", "cost"), 1e-12);
    assertEquals((80.0 - 0.04) / 0.04, value("linear", "email", "roi"), 1e-9);
    assertEquals(1500.0 / 4, value("linear", "email", "conversions_per_1000_touches"), 1e-9);
    // five rule models x (3 channel totals + 5 channel/campaign pairs) + markov x 3 channel totals
    assertEquals(5 * 8 + 3, rows.size());
  }

  @Test
  void markovRemovalEffectsFromTheTransitionMatrix() {
    // start -> email 4/6, sms 1/6, wechat 1/6; email -> sms 1/4, conversion 1/4, null 1/2; sms -> conversion;
    // P(conversion) = 1/2; without email 1/6, without sms 1/6, without wechat 1/2
    assertEquals(2.0 / 3, value("markov", "email", "removal_effect"), 1e-12);
    assertEquals(2.0 / 3, value("markov", "sms", "removal_effect"), 1e-12);
    assertEquals(0.0, value("markov", "wechat", "removal_effect"), 1e-12);
    assertEquals(1.5, value("markov", "email", "conversions"), 1e-12);
    assertEquals(90.0, value("markov", "sms", "revenue"), 1e-12);
  }

  @Test
  void bronzeTouchesFindTheirCustomerByAccountThenMemberAndOnlyOrdersNotCancelledCount(SparkSession spark) {
    java.time.LocalDate asOf = java.time.LocalDate.parse("2025-12-31");
    Dataset<Row> identityMap = spark.createDataFrame(List.of(RowFactory.create("account", "A1", "C1"),
            RowFactory.create("member", "M2", "C2"), RowFactory.create("member", "M1", "C9")),
        new StructType().add("entity_type", "string").add("entity_key", "string").add("customer_id", "string"));
    Dataset<Row> touches = BronzeRows.of(Source.CAMPAIGN_TOUCHES)
        .row("touch_id", "t1", "account_id", "A1", "member_id", "M1", "channel", "email",
            "touch_ts", "2025-12-01 10:00:00")
        .row("touch_id", "t2", "member_id", "M2", "channel", "sms", "touch_ts", "2025-12-02 10:00:00")
        .row("touch_id", "t3", "phone", "13800000000", "channel", "sms", "touch_ts", "2025-12-02 11:00:00")
        .row("touch_id", "t4", "account_id", "A1", "touch_ts", "2025-12-03 10:00:00")
        .row("touch_id", "t5", "account_id", "A1", "channel", "push", "touch_ts", "2026-01-01 00:00:00")
        .toDataset(spark);
    Dataset<Row> orders = BronzeRows.of(Source.ORDERS)
        .row("order_id", "o1", "account_id", "A1", "order_ts", "2025-12-02 10:00:00", "status", "paid",
            "total_amount", "100.00")
        .row("order_id", "o2", "account_id", "A1", "order_ts", "2025-12-03 10:00:00", "status", "cancelled",
            "total_amount", "50.00")
        .row("order_id", "o3", "account_id", "A1", "order_ts", "2025-12-04 10:00:00", "status", "refunded",
            "total_amount", "20.00")
        .row("order_id", "o4", "account_id", "A1", "order_ts", "2026-01-02 10:00:00", "total_amount", "9.00")
        .toDataset(spark);

    Attribution.Inputs inputs = Attribution.inputs(identityMap, touches, orders, asOf);

    Map<String, String> byTouch = new HashMap<>();
    inputs.touches().collectAsList().forEach(r -> byTouch.put(r.getAs("touch_id"), r.getAs("customer_id")));
    assertEquals(Map.of("t1", "C1", "t2", "C2"), byTouch, "the account before the member; no phone-only touch, "
        + "no touch without a channel, none after the as-of date");
    Map<String, Double> revenue = new HashMap<>();
    inputs.orders().collectAsList().forEach(r -> revenue.put(r.getAs("order_id"), r.getAs("revenue")));
    assertEquals(Map.of("o1", 100.0, "o3", 0.0), revenue, "not the cancelled o2 nor o4 after the as-of date");
  }
}
