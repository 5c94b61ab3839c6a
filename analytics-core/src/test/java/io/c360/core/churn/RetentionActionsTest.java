package io.c360.core.churn;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.c360.core.config.ChurnModelConfig;
import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
import java.util.List;
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
class RetentionActionsTest {

  private static final StructType SCORES = new StructType().add("customer_id", DataTypes.StringType)
      .add("churn_probability", DataTypes.DoubleType);
  private static final StructType REASONS = new StructType().add("customer_id", DataTypes.StringType)
      .add("rank", DataTypes.IntegerType).add("feature", DataTypes.StringType)
      .add("direction", DataTypes.StringType).add("sentence", DataTypes.StringType);
  private static final ChurnModelConfig.Actions ACTIONS = new ChurnModelConfig.Actions(List.of("high"),
      List.of(new ChurnModelConfig.ActionRule("days_since_last_order", "win back"),
          new ChurnModelConfig.ActionRule("open_tickets", "call back")), "outreach");

  private static Dataset<Row> scores(SparkSession spark, int n) {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      rows.add(RowFactory.create(String.format("C%03d", i), i / (double) n));
    }
    return spark.createDataFrame(rows, SCORES);
  }

  @Test
  void bandsByProbabilityOrByTopPercent(SparkSession spark) {
    Dataset<Row> scored = scores(spark, 100);
    var byProbability = scored.withColumn("band", RetentionActions.riskBand(scored,
        ChurnModelConfig.RiskBands.of("probability", 0.7, 0.4)));
    assertEquals(31, byProbability.where("band = 'high'").count(), "0.70 .. 1.00");
    assertEquals(30, byProbability.where("band = 'medium'").count(), "0.40 .. 0.69");
    var byRank = scored.withColumn("band", RetentionActions.riskBand(scored,
        ChurnModelConfig.RiskBands.of("top-percent", 10, 25)));
    assertEquals(List.of("C091", "C092", "C093", "C094", "C095", "C096", "C097", "C098", "C099", "C100"),
        byRank.where("band = 'high'").orderBy("customer_id").select("customer_id").as(
            org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(15, byRank.where("band = 'medium'").count());
  }

  @Test
  void actionsFollowTheStrongestRaisingReasonInOrderOfValueAtRisk(SparkSession spark) {
    Dataset<Row> scores = spark.createDataFrame(List.of(RowFactory.create("A", 0.9), RowFactory.create("B", 0.8),
        RowFactory.create("C", 0.75), RowFactory.create("D", 0.2)), SCORES).withColumn("risk_band",
        org.apache.spark.sql.functions.when(col("churn_probability").geq(0.7), "high").otherwise("low"));
    Dataset<Row> reasons = spark.createDataFrame(List.of(
        RowFactory.create("A", 1, "orders", "lowers", "4 orders"),
        RowFactory.create("A", 2, "open_tickets", "raises", "2 open tickets"),
        RowFactory.create("A", 3, "days_since_last_order", "raises", "no order for 80 days"),
        RowFactory.create("B", 1, "days_since_last_order", "raises", "no order for 120 days"),
        RowFactory.create("C", 1, "mean_rating", "raises", "mean review rating 1"),
        RowFactory.create("D", 1, "days_since_last_order", "raises", "no order for 300 days")), REASONS);
    Dataset<Row> clv = spark.createDataFrame(List.of(RowFactory.create("A", 100.0), RowFactory.create("B", 500.0)),
        new StructType().add("customer_id", DataTypes.StringType).add("clv", DataTypes.DoubleType));

    List<Row> withClv = RetentionActions.actions(scores, reasons, clv, ACTIONS).orderBy("priority").collectAsList();
    assertEquals("B:1:win back:no order for 120 days,A:2:call back:2 open tickets,C:3:outreach:mean review rating 1",
        withClv.stream().map(r -> r.getAs("customer_id") + ":" + r.getAs("priority") + ":" + r.getAs("action") + ":"
            + r.getAs("reason")).collect(Collectors.joining(",")), "B risks 400, A 90, C has no CLV");
    assertEquals(400.0, (double) withClv.get(0).getAs("value_at_risk"), 1e-9);
    assertNull(withClv.get(2).getAs("value_at_risk"));

    List<Row> noClv = RetentionActions.actions(scores, reasons, null, ACTIONS).orderBy("priority").collectAsList();
    assertEquals("A,B,C", noClv.stream().map(r -> r.<String>getAs("customer_id")).collect(Collectors.joining(",")),
        "by probability without CLV");
  }
}
