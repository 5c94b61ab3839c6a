package io.c360.core.recs;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.RecsConfig;
import io.c360.core.testdata.SparkTest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class AbArmsTest {

  private static final List<RecsConfig.Arm> ARMS = List.of(new RecsConfig.Arm("control", 2),
      new RecsConfig.Arm("a", 3), new RecsConfig.Arm("b", 5));

  private static Dataset<Row> ids(SparkSession spark, int n) {
    return spark.range(n).select(org.apache.spark.sql.functions.concat(
        org.apache.spark.sql.functions.lit("c"), col("id").cast("string")).as("customer_id"));
  }

  @Test
  void armsFollowTheWeightsOnTenThousandIdsAndAreDeterministic(SparkSession spark) {
    Dataset<Row> assigned = ids(spark, 10_000).withColumn("arm", AbArms.assign("exp-1", ARMS, col("customer_id")));
    Map<String, Long> counts = new HashMap<>();
    for (Row r : assigned.groupBy("arm").count().collectAsList()) {
      counts.put(r.getString(0), r.getLong(1));
    }
    assertEquals(10_000L, counts.values().stream().mapToLong(Long::longValue).sum());
    assertEquals(0.2, counts.get("control") / 10_000.0, 0.02, counts.toString());
    assertEquals(0.3, counts.get("a") / 10_000.0, 0.02, counts.toString());
    assertEquals(0.5, counts.get("b") / 10_000.0, 0.02, counts.toString());

    Dataset<Row> again = ids(spark, 10_000).withColumn("arm", AbArms.assign("exp-1", ARMS, col("customer_id")));
    assertEquals(0, assigned.except(again).count(), "the same ids get the same arms");
    Dataset<Row> other = ids(spark, 10_000).withColumn("arm", AbArms.assign("exp-2", ARMS, col("customer_id")));
    long moved = assigned.except(other).count();
    assertTrue(moved > 4_000 && moved < 8_000, "another experiment assigns independently: " + moved + " moved");
    String alone = spark.createDataset(List.of("c1"), Encoders.STRING()).toDF("customer_id")
        .select(AbArms.assign("exp-1", ARMS, col("customer_id"))).as(Encoders.STRING()).first();
    assertEquals(assigned.where("customer_id = 'c1'").first().getString(1), alone,
        "a customer's arm does not depend on the other customers");
  }

  @Test
  void conversionCountsCustomersWithAPaidOrderInTheWindow(SparkSession spark) {
    Dataset<Row> assigned = spark.createDataFrame(List.of(RowFactory.create("u1", "control"),
        RowFactory.create("u2", "control"), RowFactory.create("u3", "b"), RowFactory.create("u4", "b")),
        new StructType().add("customer_id", DataTypes.StringType).add("arm", DataTypes.StringType));
    Dataset<Row> orders = spark.createDataFrame(List.of(
            RowFactory.create("u1", Timestamp.valueOf("2025-12-01 09:00:00"), "paid"),
            RowFactory.create("u2", Timestamp.valueOf("2025-11-30 23:00:00"), "paid"),
            RowFactory.create("u3", Timestamp.valueOf("2025-12-31 23:59:00"), null),
            RowFactory.create("u3", Timestamp.valueOf("2025-12-02 10:00:00"), "paid"),
            RowFactory.create("u4", Timestamp.valueOf("2025-12-05 10:00:00"), "cancelled")),
        new StructType().add("customer_id", DataTypes.StringType).add("order_ts", DataTypes.TimestampType)
            .add("status", DataTypes.StringType));
    List<Row> rows = AbArms.conversions(assigned, orders, LocalDate.parse("2025-11-30"),
        LocalDate.parse("2025-12-31")).collectAsList();
    assertEquals("[[b,2,1], [control,2,1]]", rows.toString(), "u2 ordered on the as-of day, u4 cancelled");
  }

  @Test
  void twoProportionTestMatchesTheTextbookFormula() {
    TwoProportionTest.Rate control = TwoProportionTest.rate(1000, 200, 0.95);
    TwoProportionTest.Rate arm = TwoProportionTest.rate(1000, 250, 0.95);
    assertEquals(0.2, control.rate(), 1e-12);
    assertEquals(0.17520819870781754, control.low(), 1e-9);
    assertEquals(0.22479180129218249, control.high(), 1e-9);
    TwoProportionTest.Comparison c = TwoProportionTest.compare(control, arm, 0.95);
    assertEquals(0.05, c.difference(), 1e-12);
    assertEquals(2.677397763008329, c.z(), 1e-9);
    assertEquals(0.007419649261025674, c.pValue(), 1e-9);
    assertEquals(0.01346362168753984, c.low(), 1e-9);
    assertEquals(0.08653637831246014, c.high(), 1e-9);
    assertEquals(1.0, TwoProportionTest.compare(TwoProportionTest.rate(10, 0, 0.95),
        TwoProportionTest.rate(10, 0, 0.95), 0.95).pValue(), 1e-12, "no conversions anywhere: no difference");
  }
}
