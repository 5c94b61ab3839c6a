package io.c360.core.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ChurnLabelsTest {

  private static final StructType SCHEMA = new StructType()
      .add(ChurnLabels.CUSTOMER, DataTypes.StringType)
      .add(ChurnLabels.ORDER_TS, DataTypes.TimestampType);
  private static final LocalDate T0 = LocalDate.of(2024, 3, 31);

  private static Row p(String customer, String ts) {
    return RowFactory.create(customer, Timestamp.valueOf(ts));
  }

  private static Dataset<Row> purchases(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA);
  }

  private static Map<String, Integer> labels(Dataset<Row> labelled) {
    return labelled.collectAsList().stream().collect(Collectors.toMap(r -> r.getString(0),
        r -> r.getInt(r.fieldIndex(ChurnLabels.LABEL))));
  }

  @Test
  void activeCustomersWithoutAPurchaseInTheHorizonChurn(SparkSession spark) {
    Dataset<Row> rows = purchases(spark, List.of(
        p("a", "2024-01-10 10:00:00"), p("a", "2024-04-15 09:00:00"),   // bought again within 30 days: 0
        p("b", "2024-03-31 23:59:59"),                                  // last second of T0 is before T0: 1
        p("c", "2024-02-01 08:00:00"), p("c", "2024-04-30 23:59:59"),   // last second of the horizon: 0
        p("d", "2024-02-01 08:00:00"), p("d", "2024-05-01 00:00:00"),   // first second after the horizon: 1
        p("e", "2024-04-01 00:00:00")));                                // first seen after T0: no row
    Map<String, Integer> got = labels(ChurnLabels.label(rows, T0, 30, 0));
    assertEquals(Map.of("a", 0, "b", 1, "c", 0, "d", 1), got);
  }

  @Test
  void lookbackKeepsOnlyRecentlyActiveCustomers(SparkSession spark) {
    Dataset<Row> rows = purchases(spark, List.of(
        p("old", "2023-06-01 10:00:00"),
        p("edge", "2024-03-02 00:00:00"),        // first instant of the 30 days ending on T0
        p("late", "2024-03-01 23:59:59")));      // one second before them
    assertEquals(Map.of("edge", 1), labels(ChurnLabels.label(rows, T0, 90, 30)));
    assertEquals(3, ChurnLabels.label(rows, T0, 90, 0).count());
  }

  @Test
  void featuresAtT0IgnoreLaterRowsWhileLabelsSeeThem(SparkSession spark) {
    List<Row> before = List.of(p("a", "2024-01-10 10:00:00"), p("a", "2024-03-20 10:00:00"),
        p("b", "2024-02-10 10:00:00"));
    List<Row> after = List.of(p("a", "2024-04-02 10:00:00"), p("a", "2024-04-03 10:00:00"),
        p("b", "2024-04-01 00:00:00"), p("c", "2024-04-05 00:00:00"));
    Dataset<Row> early = purchases(spark, before);
    Dataset<Row> all = purchases(spark, concat(before, after));

    Dataset<Row> featuresEarly = features(ChurnLabels.history(early, T0));
    Dataset<Row> featuresAll = features(ChurnLabels.history(all, T0));
    assertEquals(0, featuresEarly.except(featuresAll).count());
    assertEquals(0, featuresAll.except(featuresEarly).count());
    assertEquals(2, featuresAll.count());

    assertEquals(Map.of("a", 1, "b", 1), labels(ChurnLabels.label(early, T0, 30, 0)));
    assertEquals(Map.of("a", 0, "b", 0), labels(ChurnLabels.label(all, T0, 30, 0)));
  }

  @Test
  void rollingT0sEndTheirHorizonByTheLastDayOfData() {
    assertEquals(List.of(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 2, 1), LocalDate.of(2024, 3, 2)),
        ChurnLabels.rollingT0s(LocalDate.of(2024, 5, 31), 90, 30, 3));
    assertThrows(IllegalArgumentException.class, () -> ChurnLabels.rollingT0s(LocalDate.of(2024, 5, 31), 0, 30, 3));
  }

  @Test
  void severalT0sStackOneRowPerCustomerAndT0(SparkSession spark) {
    Dataset<Row> rows = purchases(spark, List.of(p("a", "2024-01-10 10:00:00"), p("a", "2024-03-01 10:00:00")));
    List<Row> got = ChurnLabels.label(rows, List.of(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 3, 31)), 30, 0)
        .orderBy(ChurnLabels.T0).collectAsList();
    assertEquals(2, got.size());
    assertEquals(0, got.get(0).getInt(got.get(0).fieldIndex(ChurnLabels.LABEL)));
    assertEquals(1, got.get(1).getInt(got.get(1).fieldIndex(ChurnLabels.LABEL)));
  }

  @Test
  void timeSplitKeepsTrainingHorizonsOutOfTheValidationPeriod(SparkSession spark) {
    Dataset<Row> rows = purchases(spark, List.of(p("a", "2023-10-10 10:00:00"), p("a", "2024-03-01 10:00:00")));
    List<LocalDate> t0s = List.of(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 15), LocalDate.of(2024, 3, 31));
    ChurnTrainer.Split split = ChurnLabels.splitByT0(ChurnLabels.label(rows, t0s, 60, 0), LocalDate.of(2024, 3, 31),
        60);
    // 2024-01-31 + 60 days ends on the validation T0 (allowed); 2024-02-15 + 60 days reaches past it: dropped
    assertEquals(List.of(LocalDate.of(2024, 1, 31)), t0s(split.train()));
    assertEquals(List.of(LocalDate.of(2024, 3, 31)), t0s(split.test()));
  }

  private static List<LocalDate> t0s(Dataset<Row> labelled) {
    return labelled.select(ChurnLabels.T0).orderBy(ChurnLabels.T0).collectAsList().stream()
        .map(r -> r.getDate(0).toLocalDate()).toList();
  }

  @Test
  void settingsAreValidatedWithTheirName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ChurnSettings(0, 0, 3, 1, 100, 4, 0.1, 10, 1));
    assertTrue(e.getMessage().startsWith("churn horizon-days must be"), e.getMessage());
    assertEquals(90, ChurnSettings.DEFAULT.horizonDays());
    assertEquals(3, ChurnSettings.DEFAULT.topK());
  }

  private static Dataset<Row> features(Dataset<Row> history) {
    return history.groupBy(ChurnLabels.CUSTOMER).agg(count(col(ChurnLabels.ORDER_TS)).as("orders"),
        max(col(ChurnLabels.ORDER_TS)).as("last_order_ts"));
  }

  private static List<Row> concat(List<Row> a, List<Row> b) {
    List<Row> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
