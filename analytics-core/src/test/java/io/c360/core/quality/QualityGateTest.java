package io.c360.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Source;
import io.c360.core.testdata.SparkTest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
class QualityGateTest {

  private static Dataset<Row> orders(SparkSession spark) {
    StructType schema = new StructType().add("order_id", DataTypes.StringType)
        .add("order_ts", DataTypes.TimestampType).add("total_amount", DataTypes.DoubleType);
    return spark.createDataFrame(List.of(
        RowFactory.create("o1", Timestamp.valueOf("2025-12-30 10:00:00"), 10.0),
        RowFactory.create("o2", Timestamp.valueOf("2025-12-20 10:00:00"), 20.0),
        RowFactory.create("o3", null, 5_000_000.0),
        RowFactory.create("o4", Timestamp.valueOf("2025-12-21 10:00:00"), 30.0)), schema);
  }

  private static Dataset<Row> items(SparkSession spark) {
    StructType schema = new StructType().add("order_id", DataTypes.StringType).add("line_no", DataTypes.IntegerType);
    return spark.createDataFrame(List.of(RowFactory.create("o1", 1), RowFactory.create("o1", 2),
        RowFactory.create("o2", 1), RowFactory.create("o9", 1)), schema);
  }

  private static Dataset<Row> quarantine(SparkSession spark) {
    StructType schema = new StructType().add("source", DataTypes.StringType);
    return spark.createDataFrame(List.of(RowFactory.create("orders")), schema);
  }

  @Test
  void everyKindIsMeasuredAgainstItsThreshold(SparkSession spark) {
    List<CheckSpec> checks = List.of(
        new CheckSpec("orders", CheckKind.ROW_COUNT, null, Level.ERROR, 1, null, null, null),
        new CheckSpec("orders", CheckKind.COMPLETENESS, "order_ts", Level.ERROR, 0.99, null, null, null),
        new CheckSpec("orders", CheckKind.UNIQUENESS, null, Level.ERROR, 1.0, null, null, null),
        new CheckSpec("orders", CheckKind.RANGE, "total_amount", Level.WARNING, 0.9, 0.0, 1_000_000.0, null),
        new CheckSpec("orders", CheckKind.FRESHNESS, "order_ts", Level.WARNING, 7, null, null, null),
        new CheckSpec("orders", CheckKind.QUARANTINE_RATIO, null, Level.ERROR, 0.25, null, null, null),
        new CheckSpec("order_items", CheckKind.REFERENTIAL, "order_id", Level.ERROR, 0.7, null, null,
            "orders.order_id"));
    Map<Source, Dataset<Row>> batches = Map.of(Source.ORDERS, orders(spark), Source.ORDER_ITEMS, items(spark));
    List<CheckResult> results = new QualityGate(checks)
        .evaluate(batches, batches, quarantine(spark), LocalDate.parse("2025-12-31"), Map.of());

    Map<String, CheckResult> byCheck = results.stream()
        .collect(Collectors.toMap(r -> r.table() + " " + r.check(), Function.identity()));
    assertEquals(7, results.size());
    assertEquals(4.0, byCheck.get("bronze_orders row_count").observed());
    CheckResult completeness = byCheck.get("bronze_orders completeness(order_ts)");
    assertEquals(0.75, completeness.observed(), 1e-9);
    assertTrue(completeness.blocks());
    assertEquals(1.0, byCheck.get("bronze_orders uniqueness").observed(), 1e-9);
    CheckResult range = byCheck.get("bronze_orders range(total_amount in [0.0, 1000000.0])");
    assertEquals(0.75, range.observed(), 1e-9);
    assertFalse(range.passed());
    assertFalse(range.blocks());
    assertEquals(1.0, byCheck.get("bronze_orders freshness(order_ts)").observed());
    assertEquals(0.2, byCheck.get("bronze_orders quarantine_ratio").observed(), 1e-9);
    assertTrue(byCheck.get("bronze_orders quarantine_ratio").passed());
    CheckResult ref = byCheck.get("bronze_order_items referential(order_id->orders.order_id)");
    assertEquals(0.75, ref.observed(), 1e-9);
    assertTrue(ref.passed());
  }

  @Test
  void checksOnAColumnTheFilesDoNotHaveAreLeftOut(SparkSession spark) {
    List<CheckSpec> checks = List.of(
        new CheckSpec("orders", CheckKind.COMPLETENESS, "total_amount", Level.ERROR, 0.99, null, null, null),
        new CheckSpec("orders", CheckKind.RANGE, "total_amount", Level.ERROR, 0.9, 0.0, 10.0, null),
        new CheckSpec("orders", CheckKind.ROW_COUNT, null, Level.ERROR, 1, null, null, null));
    Map<Source, Dataset<Row>> batches = Map.of(Source.ORDERS, orders(spark));
    Map<Source, java.util.Set<String>> absent = Map.of(Source.ORDERS, java.util.Set.of("total_amount"));
    QualityGate gate = new QualityGate(checks);
    List<CheckResult> results = gate.evaluate(batches, batches, quarantine(spark), LocalDate.parse("2025-12-31"),
        absent);
    assertEquals(List.of("row_count"), results.stream().map(CheckResult::check).toList());
    assertEquals(Map.of(Source.ORDERS, List.of("completeness(total_amount)", "range(total_amount in [0.0, 10.0])")),
        gate.notApplicable(absent));
  }
}
