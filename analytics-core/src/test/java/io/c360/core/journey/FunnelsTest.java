package io.c360.core.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.JourneyConfig;
import io.c360.core.testdata.SparkTest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
class FunnelsTest {

  private static final List<String> STEPS = List.of("view", "add_to_cart", "checkout", "order");
  private static final LocalDate AS_OF = LocalDate.of(2025, 12, 31);
  private static Dataset<Row> events;
  private static Dataset<Row> funnel;

  private static Row event(String device, String ts, String type) {
    return RowFactory.create(device, Timestamp.valueOf(ts), type);
  }

  @BeforeAll
  static void build(SparkSession spark) {
    StructType schema = new StructType().add("device_id", DataTypes.StringType)
        .add("event_ts", DataTypes.TimestampType).add("event_type", DataTypes.StringType);
    events = spark.createDataFrame(List.of(
        event("d1", "2025-12-31 10:00:00", "view"), event("d1", "2025-12-31 10:01:00", "add_to_cart"),
        event("d1", "2025-12-31 10:02:00", "checkout"), event("d1", "2025-12-31 10:03:00", "order"),
        event("d2", "2025-12-31 11:00:00", "view"), event("d2", "2025-12-31 11:05:00", "add_to_cart"),
        event("d3", "2025-12-31 12:00:00", "add_to_cart"), event("d3", "2025-12-31 12:01:00", "checkout"),
        event("d4", "2025-12-31 13:00:00", "view"), event("d4", "2025-12-31 13:10:00", "view"),
        event("d4", "2025-12-31 13:20:00", "login"),
        event("d1", "2025-12-30 09:00:00", "view"),
        event("d5", "2025-12-30 09:00:00", "view"), event("d5", "2025-12-30 09:30:00", "checkout"),
        event("d5", "2025-12-30 09:31:00", "order"),
        event("d1", "2025-12-29 23:59:59", "view"),
        event("d2", "2026-01-01 00:00:00", "view")), schema);
    Dataset<Row> segments = spark.createDataFrame(List.of(RowFactory.create("d1", "champions"),
            RowFactory.create("d2", "champions"), RowFactory.create("d4", null), RowFactory.create("d5", "champions")),
        new StructType().add("device_id", DataTypes.StringType).add("segment", DataTypes.StringType));
    funnel = new Funnels(new JourneyConfig(STEPS, 2)).transform(events, segments, AS_OF).cache();
  }

  private static long devices(String day, String segment, int step) {
    List<Row> rows = funnel.where("day = '" + day + "' AND segment = '" + segment + "' AND step_no = " + step)
        .collectAsList();
    assertEquals(1, rows.size(), day + " " + segment + " " + step);
    return rows.get(0).getAs("devices");
  }

  @Test
  void devicesReachAStepWithEveryEarlierStepOnTheSameDay() {
    assertEquals(List.of(2L, 2L, 1L, 1L), List.of(devices("2025-12-31", "champions", 1),
        devices("2025-12-31", "champions", 2), devices("2025-12-31", "champions", 3),
        devices("2025-12-31", "champions", 4)));
    assertEquals(List.of(1L, 0L, 0L, 0L), List.of(devices("2025-12-31", "unknown", 1),
        devices("2025-12-31", "unknown", 2), devices("2025-12-31", "unknown", 3), devices("2025-12-31", "unknown", 4)));
    assertEquals(List.of(2L, 0L, 0L, 0L), List.of(devices("2025-12-30", "champions", 1),
        devices("2025-12-30", "champions", 2), devices("2025-12-30", "champions", 3),
        devices("2025-12-30", "champions", 4)));
    assertEquals(12, funnel.count(), "three day/segment groups x four steps; 12-29 and 2026 are outside");
  }

  @Test
  void conversionAndDropOffFollowTheCounts() {
    Row checkout = funnel.where("day = '2025-12-31' AND segment = 'champions' AND step_no = 3").first();
    assertEquals(0.5, (double) checkout.getAs("conversion"), 1e-12);
    assertEquals(0.5, (double) checkout.getAs("step_conversion"), 1e-12);
    assertEquals(0.5, (double) checkout.getAs("drop_off"), 1e-12);
    Row first = funnel.where("day = '2025-12-31' AND segment = 'champions' AND step_no = 1").first();
    assertEquals(1.0, (double) first.getAs("step_conversion"), 1e-12);
    assertEquals("app", first.getAs("channel"));
    assertEquals("view", first.getAs("step"));
    Row afterZero = funnel.where("day = '2025-12-30' AND step_no = 3").first();
    assertTrue(afterZero.isNullAt(afterZero.fieldIndex("step_conversion")));
  }

  @Test
  void stepCountsEqualAPlainSqlCountOverTheEvents(SparkSession spark) {
    events.createOrReplaceTempView("funnel_test_events");
    Map<String, Long> expected = new TreeMap<>();
    for (int k = 1; k <= STEPS.size(); k++) {
      String types = String.join("', '", STEPS.subList(0, k));
      for (Row r : spark.sql("SELECT day, count(*) FROM (SELECT to_date(event_ts) AS day, device_id "
          + "FROM funnel_test_events WHERE event_type IN ('" + types + "') "
          + "AND to_date(event_ts) BETWEEN DATE'2025-12-30' AND DATE'2025-12-31' "
          + "GROUP BY to_date(event_ts), device_id HAVING count(DISTINCT event_type) = " + k + ") GROUP BY day")
          .collectAsList()) {
        expected.put(r.getDate(0) + "/" + k, r.getLong(1));
      }
    }
    Map<String, Long> actual = new TreeMap<>();
    for (Row r : funnel.groupBy("day", "step_no").sum("devices").collectAsList()) {
      if (r.getLong(2) > 0) {
        actual.put(r.getDate(0) + "/" + r.getInt(1), r.getLong(2));
      }
    }
    assertEquals(expected, actual);
    List<String> keys = new ArrayList<>(actual.keySet());
    assertEquals(List.of("2025-12-30/1", "2025-12-31/1", "2025-12-31/2", "2025-12-31/3", "2025-12-31/4"), keys);
  }
}
