package io.c360.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.c360.core.config.ServiceConfig;
import io.c360.core.testdata.SparkTest;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ServiceKpisTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final ServiceConfig CONFIG = new ServiceConfig(0.2, 1 << 10, 0.01, 10, 2, 7,
      List.of("product_quality", "delivery_delay"),
      new ServiceConfig.Priority(1, 1, 1, Map.of(), Map.of()), new ServiceConfig.Sla(4, 72));
  private static final StructType INSIGHTS = new StructType().add("created_ts", "timestamp").add("status", "string")
      .add("final_category", "string").add("first_response_breached", "boolean").add("resolution_breached", "boolean");
  private static final StructType ORDERS = new StructType().add("order_id", "string").add("order_ts", "timestamp")
      .add("status", "string");

  private static Row ticket(String created, String status, String category, boolean response, boolean resolution) {
    return RowFactory.create(Timestamp.valueOf(created), status, category, response, resolution);
  }

  private static Row order(String id, String ts, String status) {
    return RowFactory.create(id, Timestamp.valueOf(ts), status);
  }

  private static Dataset<Row> insights(SparkSession spark) {
    return spark.createDataFrame(List.of(
        ticket("2025-12-30 10:00:00", "open", "delivery_delay", true, false),
        ticket("2025-12-30 12:00:00", "closed", "product_quality", false, true),
        ticket("2025-12-28 09:00:00", "closed", null, false, false),
        ticket("2025-12-01 09:00:00", "open", "delivery_delay", true, true)), INSIGHTS);
  }

  @Test
  void figuresOverTheWindowAndRatesPerOrder(SparkSession spark) {
    Dataset<Row> orders = spark.createDataFrame(List.of(
        order("o1", "2025-12-29 08:00:00", "paid"),
        order("o2", "2025-12-29 09:00:00", "paid"),
        order("o2", "2025-12-29 09:00:00", "paid"),
        order("o3", "2025-12-30 10:00:00", "cancelled"),
        order("o4", "2025-11-01 10:00:00", "paid"),
        order("o5", "2025-12-31 23:00:00", null)), ORDERS);

    List<Row> rows = ServiceKpis.transform(insights(spark), orders, CONFIG, AS_OF).collectAsList();

    assertEquals(1, rows.size());
    Row kpi = rows.get(0);
    assertEquals(Date.valueOf(AS_OF), kpi.getAs("as_of"));
    assertEquals(7, kpi.<Integer>getAs("window_days"));
    assertEquals(3L, kpi.<Long>getAs("tickets"), "the ticket of 2025-12-01 is outside the 7 days");
    assertEquals(3L, kpi.<Long>getAs("orders"), "o1, o2 once, o5; not the cancelled o3 nor o4 of November");
    assertEquals(2L, kpi.<Long>getAs("complaints"));
    assertEquals(2.0 / 3, kpi.<Double>getAs("complaint_rate"), 1e-12);
    assertEquals(1L, kpi.<Long>getAs("delivery_delay_tickets"));
    assertEquals(1.0 / 3, kpi.<Double>getAs("delivery_delay_rate"), 1e-12);
    assertEquals(2L, kpi.<Long>getAs("open_tickets"), "open at the end of the day, whenever created");
    assertEquals(1.0 / 3, kpi.<Double>getAs("first_response_breach_rate"), 1e-12);
    assertEquals(1.0 / 3, kpi.<Double>getAs("resolution_breach_rate"), 1e-12);
    assertEquals(Map.of("delivery_delay", 1L, "product_quality", 1L, "unknown", 1L),
        kpi.getJavaMap(kpi.fieldIndex("tickets_by_category")));
    assertEquals(Map.of("2025-12-30", 0.5, "2025-12-28", 0.0),
        kpi.getJavaMap(kpi.fieldIndex("resolution_breach_rate_by_day")));
  }

  @Test
  void withoutOrdersTheRatesPerOrderAreEmpty(SparkSession spark) {
    Row kpi = ServiceKpis.transform(insights(spark), spark.createDataFrame(List.of(), ORDERS), CONFIG, AS_OF)
        .first();
    assertEquals(0L, kpi.<Long>getAs("orders"));
    assertEquals(2L, kpi.<Long>getAs("complaints"));
    assertNull(kpi.getAs("complaint_rate"));
    assertNull(kpi.getAs("delivery_delay_rate"));
  }
}
