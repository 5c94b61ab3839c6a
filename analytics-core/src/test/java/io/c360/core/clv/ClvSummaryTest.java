package io.c360.core.clv;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.core.testdata.Cdnow;
import io.c360.core.testdata.SparkTest;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
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
class ClvSummaryTest {

  private static final StructType TX = new StructType()
      .add("cust", DataTypes.StringType).add("ts", DataTypes.StringType).add("amount", DataTypes.DoubleType);

  private static Dataset<Row> transactions(SparkSession spark) {
    return spark.createDataFrame(List.of(
        // c1: two purchases on day 0 are one purchase of 30; repeats on day 7 (20) and day 14 (40); holdout day 20
        RowFactory.create("c1", "2024-01-01 09:00:00", 10.0),
        RowFactory.create("c1", "2024-01-01 17:00:00", 20.0),
        RowFactory.create("c1", "2024-01-08", 20.0),
        RowFactory.create("c1", "2024-01-15", 40.0),
        RowFactory.create("c1", "2024-01-21", 5.0),
        // c2: one purchase, then one in the holdout and one after the holdout end
        RowFactory.create("c2", "2024-01-10", 8.0),
        RowFactory.create("c2", "2024-01-25", 8.0),
        RowFactory.create("c2", "2024-03-01", 8.0),
        // c3: first purchase in the holdout: not a calibration customer
        RowFactory.create("c3", "2024-01-20", 1.0),
        RowFactory.create(null, "2024-01-02", 1.0)), TX);
  }

  @Test
  void weeklySummaryCountsDistinctDaysAndMeasuresWeeks(SparkSession spark) {
    SummarySpec spec = new SummarySpec("cust", "ts", "amount", Period.WEEK, LocalDate.of(2024, 1, 15),
        LocalDate.of(2024, 1, 29));
    Dataset<Row> summary = ClvSummary.transform(transactions(spark), spec);
    assertEquals(List.of("customer_id", "x", "t_x", "T", "zbar", "first_value", "holdout_x", "holdout_t"),
        List.of(summary.columns()));
    List<Row> rows = summary.orderBy("customer_id").collectAsList();
    assertEquals(List.of(
        RowFactory.create("c1", 2L, 2.0, 2.0, 30.0, 30.0, 1L, 2.0),
        RowFactory.create("c2", 0L, 0.0, 5 / 7.0, 0.0, 8.0, 1L, 2.0)), rows);
  }

  @Test
  void dailyAndMonthlyPeriodsChangeTheUnitAndTheGrain(SparkSession spark) {
    Dataset<Row> daily = ClvSummary.transform(transactions(spark), new SummarySpec("cust", "ts", null, Period.DAY,
        LocalDate.of(2024, 1, 15), null));
    assertEquals(List.of("customer_id", "x", "t_x", "T"), List.of(daily.columns()));
    assertEquals(List.of(RowFactory.create("c1", 2L, 14.0, 14.0), RowFactory.create("c2", 0L, 0.0, 5.0)),
        daily.orderBy("customer_id").collectAsList());
    Dataset<Row> monthly = ClvSummary.transform(transactions(spark), new SummarySpec("cust", "ts", "amount",
        Period.MONTH, LocalDate.of(2024, 1, 31), LocalDate.of(2024, 3, 31)));
    // all of January is one purchase, of value its total; c2 buys again in March
    assertEquals(List.of(RowFactory.create("c1", 0L, 0.0, 0.0, 0.0, 95.0, 0L, 2.0),
            RowFactory.create("c2", 0L, 0.0, 0.0, 0.0, 16.0, 1L, 2.0),
            RowFactory.create("c3", 0L, 0.0, 0.0, 0.0, 1.0, 0L, 2.0)),
        monthly.orderBy("customer_id").collectAsList());
  }

  @Test
  void specRejectsInconsistentDates() {
    assertThrows(IllegalArgumentException.class, () -> new SummarySpec("c", "d", null, Period.WEEK,
        LocalDate.of(2024, 1, 15), LocalDate.of(2024, 1, 15)));
    assertThrows(IllegalArgumentException.class, () -> new SummarySpec("c", "d", null, Period.MONTH,
        LocalDate.of(2024, 1, 15), null));
  }

  @Test
  void compressionCountsCustomersPerTriple(SparkSession spark) {
    Dataset<Row> summary = spark.createDataFrame(List.of(
        RowFactory.create(1L, 0L, 0.0, 10.0, 0.0), RowFactory.create(2L, 0L, 0.0, 10.0, 0.0),
        RowFactory.create(3L, 2L, 4.0, 10.0, 12.5), RowFactory.create(4L, 2L, 5.0, 10.0, 12.5)),
        new StructType().add("customer_id", DataTypes.LongType).add("x", DataTypes.LongType)
            .add("t_x", DataTypes.DoubleType).add("T", DataTypes.DoubleType).add("zbar", DataTypes.DoubleType));
    RfmTriples rfm = ClvSummary.compressRfm(summary);
    assertEquals(3, rfm.size());
    assertEquals(List.of(2.0, 1.0, 1.0), Arrays.stream(rfm.count()).boxed().toList());
    SpendPairs spend = ClvSummary.compressSpend(summary);
    assertEquals(1, spend.size());
    assertEquals(2.0, spend.count()[0]);
  }

  @Test
  void cdnowSampleReproducesThePublishedSummaryAndHoldoutCount(SparkSession spark) {
    SummarySpec spec = new SummarySpec("customer", "date", "amount", Period.WEEK, LocalDate.of(1997, 9, 30),
        LocalDate.of(1998, 6, 30));
    Dataset<Row> summary = ClvSummary.transform(Cdnow.sampleTransactions(spark), spec).cache();
    // x, t_x and T to the published two decimals; zbar within the half cent of the published rounding (the
    // published file rounds half-cent means such as 23.475 up, a sum in another order may land just below)
    Dataset<Row> published = Cdnow.summaryWithSpend(spark).select(col("customer_id"), col("x").as("px"),
        col("t_x").as("ptx"), col("T").as("pT"), col("zbar").as("pzbar"));
    Dataset<Row> joined = summary.join(published, "customer_id");
    assertEquals(2357, summary.count());
    assertEquals(2357, joined.count());
    assertEquals(0, joined.where(col("x").notEqual(col("px"))
        .or(round(col("t_x"), 2).notEqual(col("ptx"))).or(round(col("T"), 2).notEqual(col("pT")))
        .or(abs(col("zbar").minus(col("pzbar"))).gt(0.0050001))).count());
    Dataset<Row> frequencyRecencyT = Cdnow.summary(spark);
    Dataset<Row> built = summary.select(col("customer_id"), col("x"), round(col("t_x"), 2).as("t_x"),
        round(col("T"), 2).as("T"));
    assertEquals(0, built.except(frequencyRecencyT).count());
    assertEquals(0, frequencyRecencyT.except(built).count());
    Row totals = summary.agg(sum("x"), sum("holdout_x"))
        .first();
    assertEquals(2457L, totals.getLong(0));
    assertEquals(1882L, totals.getLong(1));
    assertEquals(Date.valueOf("1997-01-01"), Cdnow.sampleTransactions(spark)
        .agg(min("date")).first().getDate(0));
    summary.unpersist();
  }
}
