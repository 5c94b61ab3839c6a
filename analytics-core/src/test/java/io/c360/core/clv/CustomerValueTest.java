package io.c360.core.clv;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.ClvModelConfig;
import io.c360.core.testdata.SparkTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class CustomerValueTest {

  /** A small penalty keeps the fit on eight customers from drifting to a, b -> infinity. */
  private static final ClvModelConfig CONFIG = new ClvModelConfig("bgnbd", Period.WEEK, 0,
      new ClvConfig(List.of(90), 12, 1.0, 0.10, 0.1));

  /** Eight customers' purchase days (days after 2024-01-01), every total_amount null. */
  private static Dataset<Row> purchasesWithoutAmounts(SparkSession spark) {
    int[][] days = {{0, 20, 45, 90, 150}, {3}, {10, 200}, {30, 60, 70}, {5}, {100, 140, 180, 220}, {40}, {0, 300}};
    List<Row> rows = new ArrayList<>();
    for (int c = 0; c < days.length; c++) {
      for (int day : days[c]) {
        rows.add(RowFactory.create("c" + c, LocalDate.of(2024, 1, 1).plusDays(day).toString(), null));
      }
    }
    return spark.createDataFrame(rows, new StructType().add("customer_id", DataTypes.StringType)
        .add("order_ts", DataTypes.StringType).add("total_amount", DataTypes.DoubleType));
  }

  @Test
  void withoutAmountsThePurchaseModelIsScoredAndTheSpendColumnsAreTypedNulls(SparkSession spark) {
    CustomerValue.Result result = CustomerValue.fitAndScore(purchasesWithoutAmounts(spark), LocalDate.of(2024, 12, 31),
        CONFIG);
    assertNull(result.spend());
    assertEquals(ClvScores.SpendBasis.NONE, result.spendBasis());
    assertTrue(result.spendNote().startsWith("gamma-gamma not fitted"), result.spendNote());
    assertEquals(8, result.triples().customers());
    Dataset<Row> scores = result.scores();
    assertEquals(List.of("customer_id", "model", "period", "frequency", "recency", "age", "avg_repeat_value",
        "p_alive", "expected_purchases", "expected_avg_spend", "clv", "clv_decile"), List.of(scores.columns()));
    StructType schema = scores.schema();
    assertEquals(DataTypes.DoubleType, schema.apply("expected_avg_spend").dataType());
    assertEquals(DataTypes.DoubleType, schema.apply("clv").dataType());
    assertEquals(DataTypes.IntegerType, schema.apply("clv_decile").dataType());
    assertEquals(8, scores.count());
    assertEquals(8, scores.where(col("expected_avg_spend").isNull().and(col("clv").isNull())
        .and(col("clv_decile").isNull())).count());
    assertEquals(8, scores.where(col("p_alive").between(0, 1)
        .and(col("expected_purchases").getItem("90d").gt(0))).count());
  }

  @Test
  void theNoteSaysWhenTheSpendIsTheObservedMean() {
    CustomerValue.Result heavyTailed = new CustomerValue.Result(null,
        new Fitted<>(new GammaGamma(2, 0.85, 10), null), null, null);
    assertEquals(ClvScores.SpendBasis.OBSERVED_MEAN, heavyTailed.spendBasis());
    assertTrue(heavyTailed.spendNote().startsWith("gamma-gamma q = 0.8500 <= 1: the population mean spend is "
        + "infinite"), heavyTailed.spendNote());
    CustomerValue.Result usual = new CustomerValue.Result(null,
        new Fitted<>(new GammaGamma(6.25, 3.74, 15.44), null), null, null);
    assertEquals(ClvScores.SpendBasis.GAMMA_GAMMA, usual.spendBasis());
    assertNull(usual.spendNote());
  }
}
