package io.c360.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.ServiceConfig;
import io.c360.core.testdata.SparkTest;
import java.sql.Timestamp;
import java.time.LocalDate;
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
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class TicketPriorityTest {

  private static final ServiceConfig CONFIG = new ServiceConfig(0.2, 1 << 10, 0.01, 10, 2, 7, List.of(),
      new ServiceConfig.Priority(1, 1, 1, Map.of("system_fault", 1.0), Map.of("gold", 0.5)),
      new ServiceConfig.Sla(4, 72));
  private static Map<String, Row> scored;

  private static Timestamp ts(String value) {
    return value == null ? null : Timestamp.valueOf(value);
  }

  private static Row ticket(String id, String customer, String created, String response, String resolved,
                            String category, String text) {
    return RowFactory.create(id, customer, ts(created), ts(response), ts(resolved), category, text);
  }

  @BeforeAll
  static void score(SparkSession spark) {
    StructType schema = new StructType().add("ticket_id", DataTypes.StringType)
        .add("customer_id", DataTypes.StringType).add("created_ts", DataTypes.TimestampType)
        .add("first_response_ts", DataTypes.TimestampType).add("resolved_ts", DataTypes.TimestampType)
        .add("final_category", DataTypes.StringType).add("text", DataTypes.StringType);
    Dataset<Row> tickets = spark.createDataFrame(List.of(
        ticket("T1", "C1", "2025-12-31 00:00:00", null, null, "system_fault", null),
        ticket("T2", null, "2025-12-20 00:00:00", "2025-12-20 02:00:00", "2025-12-25 00:00:00", "other", null),
        ticket("T3", "C2", "2025-12-31 12:00:00", "2025-12-31 13:00:00", "2026-01-02 00:00:00", "system_fault",
            "Terrible service, very disappointed")), schema);
    Dataset<Row> customers = spark.createDataFrame(List.of(RowFactory.create("C1", 5, "gold", true)),
        new StructType().add("customer_id", DataTypes.StringType).add("m_score", DataTypes.IntegerType)
            .add("member_tier", DataTypes.StringType).add("vip", DataTypes.BooleanType));
    scored = new TicketPriority(CONFIG, 5).transform(tickets, customers, LocalDate.of(2025, 12, 31))
        .collectAsList().stream().collect(Collectors.toMap(r -> r.<String>getAs("ticket_id"), r -> r));
  }

  private static double d(String ticket, String column) {
    return scored.get(ticket).getAs(column);
  }

  @Test
  void scoreIsTheWeightedMeanOfValueSeverityAndWaiting() {
    // value 0.5 x 1 + 0.3 x 0.5 + 0.2 (VIP); severity 0.6 x 1.0; waiting 24 h / 72 h
    assertEquals(0.85, d("T1", "value_score"), 1e-12);
    assertEquals(0.6, d("T1", "severity_score"), 1e-12);
    assertEquals(24.0, d("T1", "waiting_hours"), 1e-9);
    assertEquals(59.44, d("T1", "priority_score"), 1e-9);
    // no customer: value 0; unknown category weight 0.5; waited 120 h, capped at 1
    assertEquals(0.0, d("T2", "value_score"), 1e-12);
    assertEquals(0.3, d("T2", "severity_score"), 1e-12);
    assertEquals(43.33, d("T2", "priority_score"), 1e-9);
  }

  @Test
  void negativeTextRaisesSeverityAndLaterEventsAreNotYetSeen() {
    double sentiment = d("T3", "sentiment");
    assertTrue(sentiment < -0.5, "sentiment " + sentiment);
    assertEquals(0.6 + 0.4 * -sentiment, d("T3", "severity_score"), 1e-12);
    assertEquals(0.0, d("T3", "value_score"), 1e-12, "a customer without segment row has no value part");
    assertEquals(12.0, d("T3", "waiting_hours"), 1e-9, "resolved after the as-of date: still waiting");
  }

  @Test
  void slaFlagsCountMissingResponsesAsTheyWait() {
    assertEquals(true, scored.get("T1").getAs("first_response_breached"));
    assertEquals(false, scored.get("T1").getAs("resolution_breached"));
    assertEquals(false, scored.get("T2").getAs("first_response_breached"));
    assertEquals(true, scored.get("T2").getAs("resolution_breached"));
    assertEquals(false, scored.get("T3").getAs("first_response_breached"));
    assertEquals(false, scored.get("T3").getAs("resolution_breached"));
  }
}
