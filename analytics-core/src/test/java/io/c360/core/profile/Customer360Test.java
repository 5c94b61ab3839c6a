package io.c360.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.IdentityConfig;
import io.c360.core.privacy.Pii;
import io.c360.core.testdata.BronzeRows;
import io.c360.core.testdata.SparkTest;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One small world, as of 2025-03-31: customer C1 (account A1, member M1, device D1) with orders, lines, tickets,
 * reviews, surveys and events before and after the as-of date; C2 a guest order sharing a counter phone with C1;
 * C3 a device whose only event comes after the as-of date.
 */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Customer360Test {

  private static final LocalDate AS_OF = LocalDate.parse("2025-03-31");
  private static final IdentityConfig IDENTITY = ConfigReader.defaultConfig().identity();
  private static final String COUNTER_PHONE = "13700001111";

  private Map<String, Row> byCustomer;
  private Dataset<Row> table;

  @BeforeAll
  void build(SparkSession spark) {
    Dataset<Row> orders = BronzeRows.of(Source.ORDERS)
        .row("order_id", "o1", "account_id", "A1", "phone", COUNTER_PHONE, "order_ts", "2025-01-04 10:00:00",
            "channel", "App", "city", "Shanghai", "status", "paid", "total_amount", "100.00", "discount_amount", "10.00")
        .row("order_id", "o2", "account_id", "A1", "phone", "+86 139 0000 1111", "order_ts", "2025-02-03 19:00:00",
            "channel", "web", "status", "paid", "total_amount", "50.00", "discount_amount", "0.00")
        .row("order_id", "o3", "account_id", "A1", "order_ts", "2025-03-05 20:00:00", "channel", "app",
            "status", "cancelled", "total_amount", "30.00")
        .row("order_id", "o4", "account_id", "A1", "order_ts", "2025-03-20 08:00:00", "channel", "app",
            "status", "returned", "total_amount", "40.00")
        .row("order_id", "o5", "account_id", "A1", "order_ts", "2025-04-02 09:00:00", "channel", "web",
            "status", "paid", "total_amount", "999.00")
        .row("order_id", "g1", "phone", COUNTER_PHONE, "order_ts", "2025-03-15 12:30:00", "channel", "store",
            "city", "Hangzhou", "total_amount", "20.00")
        .toDataset(spark);
    Dataset<Row> items = BronzeRows.of(Source.ORDER_ITEMS)
        .row("order_id", "o1", "line_no", "1", "sku", "S1", "category", "fresh", "quantity", "1", "unit_price", "50")
        .row("order_id", "o1", "line_no", "2", "sku", "S2", "quantity", "1", "unit_price", "50")
        .row("order_id", "o2", "line_no", "1", "sku", "S1", "category", "Fresh", "quantity", "1", "unit_price", "50")
        .row("order_id", "o3", "line_no", "1", "sku", "S2", "quantity", "1", "unit_price", "30")
        .row("order_id", "o4", "line_no", "1", "sku", "S3", "quantity", "1", "unit_price", "40")
        .row("order_id", "o5", "line_no", "1", "sku", "S1", "category", "fresh", "quantity", "9", "unit_price", "99")
        .toDataset(spark);
    Dataset<Row> products = BronzeRows.of(Source.PRODUCTS)
        .row("sku", "S1", "category", "fresh", "launch_date", "2020-01-01")
        .row("sku", "S2", "category", "snacks", "launch_date", "2020-01-01")
        .row("sku", "S3", "category", "snacks", "launch_date", "2025-03-01")
        .toDataset(spark);
    Dataset<Row> members = BronzeRows.of(Source.MEMBERS)
        .row("member_id", "M1", "phone", "138 0013 8000", "email", "Li.Wei@Example.com", "name", "张平",
            "gender", "女", "birth_date", "1990-06-01", "city", "Shanghai", "signup_ts", "2024-12-01 09:00:00",
            "tier", "Gold", "points", "500", "marketing_consent", "true")
        .toDataset(spark)
        .union(BronzeRows.of(Source.MEMBERS)
            .row("member_id", "M1", "phone", "138 0013 8000", "email", "Li.Wei@Example.com", "name", "张平",
                "gender", "女", "birth_date", "1990-06-01", "city", "Shanghai", "signup_ts", "2024-12-01 09:00:00",
                "tier", "Diamond", "points", "900", "marketing_consent", "true")
            .toDataset(spark).withColumn(Tables.INGESTED_AT,
                org.apache.spark.sql.functions.lit(Timestamp.valueOf("2025-07-01 00:00:00")))
            .withColumn(Tables.BATCH_ID, org.apache.spark.sql.functions.lit("b2")));
    Dataset<Row> tickets = BronzeRows.of(Source.TICKETS)
        .row("ticket_id", "T1", "member_id", "M1", "created_ts", "2025-03-10 10:00:00",
            "first_response_ts", "2025-03-10 12:00:00", "resolved_ts", "2025-03-11 10:00:00",
            "category", "delivery_delay", "satisfaction", "4")
        .row("ticket_id", "T2", "phone", "13800138000", "created_ts", "2025-03-30 09:00:00",
            "first_response_ts", "2025-03-30 10:00:00", "resolved_ts", "2025-04-02 09:00:00", "satisfaction", "1")
        .row("ticket_id", "T3", "member_id", "M1", "created_ts", "2025-04-01 09:00:00")
        .row("ticket_id", "T4", "phone", COUNTER_PHONE, "created_ts", "2025-03-01 09:00:00")
        .toDataset(spark);
    Dataset<Row> reviews = BronzeRows.of(Source.REVIEWS)
        .row("review_id", "R1", "order_id", "o1", "rating", "5", "text", "Excellent product, love it",
            "created_ts", "2025-01-10 10:00:00")
        .row("review_id", "R2", "member_id", "M1", "rating", "1", "text", "terrible", "created_ts", "2025-04-05 10:00:00")
        .toDataset(spark);
    Dataset<Row> surveys = BronzeRows.of(Source.SURVEYS)
        .row("survey_id", "S1", "member_id", "M1", "survey_ts", "2025-02-01 10:00:00", "nps", "10", "ces", "6")
        .row("survey_id", "S2", "phone", "138-0013-8000", "survey_ts", "2025-03-01 10:00:00", "nps", "6")
        .row("survey_id", "S3", "member_id", "M1", "survey_ts", "2025-04-10 10:00:00", "nps", "0", "ces", "1")
        .toDataset(spark);
    Dataset<Row> events = BronzeRows.of(Source.EVENTS)
        .row("event_id", "E1", "device_id", "D1", "event_ts", "2025-03-25 10:00:00", "event_type", "view",
            "city", "Shanghai", "lat", "31.2", "lon", "121.5")
        .row("event_id", "E2", "device_id", "D1", "event_ts", "2025-03-25 11:00:00", "event_type", "view",
            "city", "Hangzhou")
        .row("event_id", "E3", "device_id", "D1", "event_ts", "2025-03-26 11:00:00", "event_type", "view",
            "city", "Hangzhou")
        .row("event_id", "E4", "device_id", "D1", "event_ts", "2025-01-01 11:00:00", "event_type", "view",
            "city", "Hangzhou")
        .row("event_id", "E5", "device_id", "D1", "event_ts", "2025-04-01 11:00:00", "event_type", "view",
            "city", "Beijing", "lat", "39.9", "lon", "116.4")
        .row("event_id", "E6", "device_id", "D3", "event_ts", "2025-04-05 11:00:00", "event_type", "view")
        .toDataset(spark);
    StructType mapSchema = new StructType().add("entity_type", DataTypes.StringType)
        .add("entity_key", DataTypes.StringType).add("customer_id", DataTypes.StringType);
    Dataset<Row> identityMap = spark.createDataFrame(List.of(
        RowFactory.create("account", "A1", "C1"), RowFactory.create("member", "M1", "C1"),
        RowFactory.create("device", "D1", "C1"), RowFactory.create("guest_order", "g1", "C2"),
        RowFactory.create("device", "D3", "C3")), mapSchema);

    table = new Customer360(IDENTITY).transform(new Customer360.Inputs(identityMap, orders, items, products, members,
        tickets, reviews, surveys, events), AS_OF).cache();
    byCustomer = new HashMap<>();
    table.collectAsList().forEach(r -> byCustomer.put(r.getAs("customer_id"), r));
  }

  @Test
  void hasTheTableSchemaAndOneRowPerCustomer() {
    assertEquals(Tables.CUSTOMER_360.columnNames(), List.of(table.columns()));
    assertEquals(3, byCustomer.size());
    assertEquals(Date.valueOf(AS_OF), byCustomer.get("C1").getAs("as_of"));
  }

  @Test
  void orderFeaturesCountOnlyOrdersUpToTheAsOfDate() {
    Row c1 = byCustomer.get("C1");
    assertEquals(3L, c1.<Long>getAs("orders"));
    assertEquals(3L, c1.<Long>getAs("order_days"));
    assertEquals(new BigDecimal("150.00"), c1.getAs("revenue"));
    assertEquals(new BigDecimal("75.00"), c1.getAs("avg_order_value"));
    assertEquals(new BigDecimal("0.00"), c1.getAs("revenue_30d"));
    assertEquals(new BigDecimal("150.00"), c1.getAs("revenue_90d"));
    assertEquals(Date.valueOf("2025-01-04"), c1.getAs("first_order_date"));
    assertEquals(Date.valueOf("2025-03-20"), c1.getAs("last_order_date"));
    assertEquals(11, c1.<Integer>getAs("days_since_last_order"));
    assertEquals(1.0 / 3, c1.<Double>getAs("weekend_share"), 1e-9);
    assertEquals(2.0 / 3, c1.<Double>getAs("morning_share"), 1e-9);
    assertEquals(1.0 / 3, c1.<Double>getAs("evening_share"), 1e-9);
    assertEquals(0.0, c1.<Double>getAs("night_share"), 1e-9);
    assertEquals(Map.of("app", 2.0 / 3, "web", 1.0 / 3), asMap(c1.getJavaMap(c1.fieldIndex("channel_mix"))));
    assertEquals(1.0 / 3, c1.<Double>getAs("discount_share"), 1e-9);
    assertEquals(10.0 / 160, c1.<Double>getAs("discount_rate"), 1e-9);
    assertEquals(1.0 / 3, c1.<Double>getAs("return_rate"), 1e-9);
    assertEquals(1.0 / 4, c1.<Double>getAs("cancel_rate"), 1e-9);
  }

  @Test
  void intervalsAndExpectedNextOrderComeFromDistinctOrderDays() {
    Row c1 = byCustomer.get("C1");
    assertEquals(37.5, c1.<Double>getAs("interval_mean_days"), 1e-9);
    assertEquals(7.5, c1.<Double>getAs("interval_sd_days"), 1e-9);
    assertEquals(Date.valueOf("2025-04-27"), c1.getAs("expected_next_order"));
    Row c2 = byCustomer.get("C2");
    assertEquals(1L, c2.<Long>getAs("orders"));
    assertNull(c2.getAs("interval_mean_days"));
    assertNull(c2.getAs("expected_next_order"));
  }

  @Test
  void basketFeaturesUseProductCategoriesAndLaunchDates() {
    Row c1 = byCustomer.get("C1");
    assertEquals("snacks", c1.getAs("favourite_category"));
    assertEquals(2, c1.<Integer>getAs("category_count"));
    assertEquals(0.25, c1.<Double>getAs("new_product_share"), 1e-9);
  }

  @Test
  void profileIsMaskedAndTakesTheLatestMemberState() {
    Row c1 = byCustomer.get("C1");
    assertEquals("张*", c1.getAs("name_initial"));
    assertEquals(Pii.hmac("+8613900001111", IDENTITY.hmacKey()), c1.getAs("phone_hash"));
    assertEquals("***1111", c1.getAs("phone_last4"));
    assertEquals("example.com", c1.getAs("email_domain"));
    assertEquals("F", c1.getAs("gender"));
    assertEquals("25-34", c1.getAs("age_band"));
    assertEquals("Shanghai", c1.getAs("city"));
    assertEquals("diamond", c1.getAs("member_tier"));
    assertEquals(900L, c1.<Long>getAs("member_points"));
    assertEquals(Date.valueOf("2024-12-01"), c1.getAs("member_since"));
    assertEquals(120, c1.<Integer>getAs("tenure_days"));
    assertTrue(c1.<Boolean>getAs("marketing_consent"));
    Row c2 = byCustomer.get("C2");
    assertEquals("Hangzhou", c2.getAs("city"));
    assertEquals(16, c2.<Integer>getAs("tenure_days"));
    assertNull(c2.getAs("gender"));
  }

  @Test
  void noColumnHoldsARawPhoneEmailOrName() {
    for (Row row : table.collectAsList()) {
      String text = row.toString();
      for (String raw : List.of("13800138000", "13900001111", COUNTER_PHONE, "li.wei", "Li.Wei", "张平", "@")) {
        assertFalse(text.contains(raw), raw + " in " + text);
      }
    }
  }

  @Test
  void ticketsAttachByMemberOrUniquePhoneAndLaterResolutionsHaveNotHappened() {
    Row c1 = byCustomer.get("C1");
    assertEquals(2L, c1.<Long>getAs("tickets"));
    assertEquals(2L, c1.<Long>getAs("tickets_90d"));
    assertEquals(1L, c1.<Long>getAs("open_tickets"));
    assertEquals(Date.valueOf("2025-03-30"), c1.getAs("last_ticket_date"), "T3 of 04-01 is after the as-of date");
    assertEquals(Map.of("delivery_delay", 1L, "unclassified", 1L),
        asMap(c1.getJavaMap(c1.fieldIndex("tickets_by_category"))));
    assertEquals(1.5, c1.<Double>getAs("median_first_response_hours"), 1e-9);
    assertEquals(24.0, c1.<Double>getAs("median_resolution_hours"), 1e-9);
    assertEquals(4.0, c1.<Double>getAs("mean_satisfaction"), 1e-9);
    assertEquals(0L, byCustomer.get("C2").<Long>getAs("tickets"), "the counter phone attaches no ticket");
  }

  @Test
  void reviewsAttachByOrderAndSurveysKeepTheLatestAnswerUpToTheAsOfDate() {
    Row c1 = byCustomer.get("C1");
    assertEquals(1L, c1.<Long>getAs("reviews"));
    assertEquals(5.0, c1.<Double>getAs("mean_rating"), 1e-9);
    assertTrue(c1.<Double>getAs("mean_sentiment") > 0);
    assertEquals(6, c1.<Integer>getAs("last_nps"));
    assertEquals("detractor", c1.getAs("nps_class"));
    assertEquals(Date.valueOf("2025-03-01"), c1.getAs("last_nps_date"));
    assertEquals(6, c1.<Integer>getAs("last_ces"));
  }

  @Test
  void engagementCountsTheLast30DaysAndPrefersLocatedCities() {
    Row c1 = byCustomer.get("C1");
    assertEquals(3L, c1.<Long>getAs("events_30d"));
    assertEquals(2, c1.<Integer>getAs("active_days_30d"));
    assertEquals(Timestamp.valueOf("2025-03-26 11:00:00"), c1.getAs("last_event_ts"));
    assertEquals("Shanghai", c1.getAs("usual_city"));
  }

  @Test
  void aCustomerWithoutRecordsUpToTheAsOfDateHasZeroCountsAndNoDates() {
    Row c3 = byCustomer.get("C3");
    assertEquals(0L, c3.<Long>getAs("orders"));
    assertEquals(new BigDecimal("0.00"), c3.getAs("revenue"));
    assertEquals(0L, c3.<Long>getAs("events_30d"));
    assertEquals(0L, c3.<Long>getAs("tickets"));
    assertNull(c3.getAs("first_order_date"));
    assertNull(c3.getAs("last_event_ts"));
    assertNull(c3.getAs("tenure_days"));
  }

  private static <K, V> Map<K, V> asMap(Map<K, V> map) {
    return new HashMap<>(map);
  }
}
