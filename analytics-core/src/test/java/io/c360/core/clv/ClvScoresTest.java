package io.c360.core.clv;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.Cdnow;
import io.c360.core.testdata.SparkTest;
import java.time.LocalDate;
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
class ClvScoresTest {

  private static final GammaGamma SPEND = new GammaGamma(6.25, 3.74, 15.44);

  @Test
  void scoresCarryTheModelsExpectationsAndDiscountedValue(SparkSession spark) {
    Dataset<Row> summary = spark.createDataFrame(List.of(
            RowFactory.create("a", 2L, 30.43, 38.86, 22.35),
            RowFactory.create("b", 0L, 0.0, 38.86, 0.0),
            RowFactory.create("c", 7L, 37.0, 38.0, 60.0)),
        new StructType().add("customer_id", DataTypes.StringType).add("x", DataTypes.LongType)
            .add("t_x", DataTypes.DoubleType).add("T", DataTypes.DoubleType).add("zbar", DataTypes.DoubleType));
    ClvConfig config = new ClvConfig(List.of(273, 365), 12, 0.3, 0.10, 0);
    List<Row> rows = ClvScores.score(summary, BgNbdTest.PUBLISHED, SPEND, config, Period.WEEK)
        .orderBy("customer_id").collectAsList();
    Row a = rows.get(0);
    assertEquals(0.7266, a.getDouble(a.fieldIndex("p_alive")), 1e-3);
    assertEquals(1.226, a.getDouble(a.fieldIndex("expected_purchases_273d")), 1e-3);
    assertEquals(BgNbdTest.PUBLISHED.conditionalExpectedPurchases(365 / 7.0, 2, 30.43, 38.86),
        a.getDouble(a.fieldIndex("expected_purchases_365d")), 1e-12);
    double spend = SPEND.conditionalExpectedSpend(2, 22.35);
    assertEquals(spend, a.getDouble(a.fieldIndex("expected_avg_spend")), 1e-9);
    double monthly = Math.pow(1.10, 1.0 / 12);
    double discounted = ClvScores.discountedPurchases(BgNbdTest.PUBLISHED, 12, 365.25 / 12 / 7, monthly,
        2, 30.43, 38.86);
    assertEquals(0.3 * spend * discounted, a.getDouble(a.fieldIndex("clv")), 1e-9);
    // discounting: less than the undiscounted margin on 12 months of expected purchases
    double undiscounted = BgNbdTest.PUBLISHED.conditionalExpectedPurchases(365.25 / 7, 2, 30.43, 38.86);
    assertTrue(discounted < undiscounted && discounted > 0.9 * undiscounted);
    Row b = rows.get(1);
    assertEquals(1.0, b.getDouble(b.fieldIndex("p_alive")));
    assertEquals(SPEND.meanSpend(), b.getDouble(b.fieldIndex("expected_avg_spend")), 1e-9);
    // the frequent recent buyer is worth most, the one-time buyer least
    Row c = rows.get(2);
    int decileA = a.getInt(a.fieldIndex("clv_decile"));
    int decileB = b.getInt(b.fieldIndex("clv_decile"));
    int decileC = c.getInt(c.fieldIndex("clv_decile"));
    assertTrue(decileB < decileA && decileA < decileC && decileB >= 1 && decileC <= 10,
        decileA + " " + decileB + " " + decileC);
  }

  @Test
  void withQAtMostOneTheSpendIsTheCustomersObservedMean(SparkSession spark) {
    Dataset<Row> summary = spark.createDataFrame(List.of(
            RowFactory.create("a", 2L, 30.43, 38.86, 22.35, 40.0),
            RowFactory.create("b", 0L, 0.0, 38.86, 0.0, 15.0),
            RowFactory.create("c", 0L, 0.0, 20.0, 0.0, null)),
        new StructType().add("customer_id", DataTypes.StringType).add("x", DataTypes.LongType)
            .add("t_x", DataTypes.DoubleType).add("T", DataTypes.DoubleType).add("zbar", DataTypes.DoubleType)
            .add("first_value", DataTypes.DoubleType));
    ClvConfig config = new ClvConfig(List.of(365), 12, 0.3, 0.10, 0);
    GammaGamma heavyTailed = new GammaGamma(2, 0.9, 10);
    List<Row> rows = ClvScores.score(summary, BgNbdTest.PUBLISHED, heavyTailed, config, Period.WEEK)
        .orderBy("customer_id").collectAsList();
    double monthly = Math.pow(1.10, 1.0 / 12);
    Row a = rows.get(0);
    // a repeat buyer: the mean of her repeat purchases
    assertEquals(22.35, a.getDouble(a.fieldIndex("expected_avg_spend")));
    assertEquals(0.3 * 22.35 * ClvScores.discountedPurchases(BgNbdTest.PUBLISHED, 12, 365.25 / 12 / 7, monthly,
        2, 30.43, 38.86), a.getDouble(a.fieldIndex("clv")), 1e-9);
    // a one-time buyer: the value of her only purchase
    Row b = rows.get(1);
    assertEquals(15.0, b.getDouble(b.fieldIndex("expected_avg_spend")));
    assertEquals(0.3 * 15.0 * ClvScores.discountedPurchases(BgNbdTest.PUBLISHED, 12, 365.25 / 12 / 7, monthly,
        0, 0, 38.86), b.getDouble(b.fieldIndex("clv")), 1e-9);
    assertTrue(a.getInt(a.fieldIndex("clv_decile")) > b.getInt(b.fieldIndex("clv_decile")), a + " " + b);
    // no value observed: no spend, no CLV, no decile, but P(alive) and the expected purchases
    Row c = rows.get(2);
    assertTrue(c.isNullAt(c.fieldIndex("expected_avg_spend")) && c.isNullAt(c.fieldIndex("clv"))
        && c.isNullAt(c.fieldIndex("clv_decile")));
    assertEquals(1.0, c.getDouble(c.fieldIndex("p_alive")));
  }

  @Test
  void withQAtMostOneASummaryWithoutFirstValueIsAClearError(SparkSession spark) {
    Dataset<Row> summary = spark.createDataFrame(List.of(RowFactory.create("a", 1L, 3.0, 10.0, 12.0)),
        new StructType().add("customer_id", DataTypes.StringType).add("x", DataTypes.LongType)
            .add("t_x", DataTypes.DoubleType).add("T", DataTypes.DoubleType).add("zbar", DataTypes.DoubleType));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClvScores.score(summary,
        BgNbdTest.PUBLISHED, new GammaGamma(2, 1, 10), ClvConfig.DEFAULT, Period.WEEK));
    assertTrue(e.getMessage().contains("first_value"), e.getMessage());
  }

  @Test
  void withoutASpendModelThereIsNoClv(SparkSession spark) {
    Dataset<Row> summary = spark.createDataFrame(List.of(RowFactory.create("a", 1L, 3.0, 10.0)),
        new StructType().add("customer_id", DataTypes.StringType).add("x", DataTypes.LongType)
            .add("t_x", DataTypes.DoubleType).add("T", DataTypes.DoubleType));
    Dataset<Row> scored = ClvScores.score(summary, BgNbdTest.PUBLISHED, null, ClvConfig.DEFAULT, Period.WEEK);
    assertEquals(List.of("customer_id", "x", "t_x", "T", "p_alive", "expected_purchases_90d",
        "expected_purchases_180d", "expected_purchases_365d"), List.of(scored.columns()));
  }

  @Test
  void configRejectsOutOfRangeValues() {
    assertThrows(IllegalArgumentException.class, () -> new ClvConfig(List.of(), 12, 1, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ClvConfig(List.of(90), 12, 1.5, 0.1, 0));
    assertThrows(IllegalArgumentException.class, () -> new ClvConfig(List.of(90), 12, 1, 1.0, 0));
    assertEquals(0.1, Math.pow(1 + ClvConfig.DEFAULT.monthlyDiscountRate(), 12) - 1, 1e-12);
  }

  @Test
  void holdoutComparisonOnCdnow(SparkSession spark) {
    SummarySpec spec = new SummarySpec("customer", "date", "amount", Period.WEEK, LocalDate.of(1997, 9, 30),
        LocalDate.of(1998, 6, 30));
    Dataset<Row> summary = ClvSummary.transform(Cdnow.sampleTransactions(spark), spec);
    HoldoutComparison holdout = HoldoutComparison.of(summary, BgNbdTest.PUBLISHED);
    assertEquals(2357, holdout.customers());
    assertEquals(1882, holdout.actual(), 1e-9);
    assertEquals(1654, holdout.predicted(), 5);
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7+"),
        holdout.buckets().stream().map(HoldoutComparison.Bucket::frequency).toList());
    assertEquals(1411, holdout.buckets().get(0).customers());
    // customers who bought more in calibration buy more in the holdout, in fact and in the forecast
    HoldoutComparison.Bucket none = holdout.buckets().get(0);
    HoldoutComparison.Bucket many = holdout.buckets().get(7);
    assertTrue(many.actualMean() > 5 * none.actualMean() && many.predictedMean() > 5 * none.predictedMean());
    long highFrequency = summary.where(col("x").geq(7)).count();
    assertEquals(highFrequency, many.customers());
  }
}
