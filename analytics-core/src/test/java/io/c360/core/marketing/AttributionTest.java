package io.c360.core.marketing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.config.AttributionConfig;
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
}
