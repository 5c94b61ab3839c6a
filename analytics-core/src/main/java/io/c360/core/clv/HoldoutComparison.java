package io.c360.core.clv;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.types.DataTypes;

/**
 * Calibration versus holdout: per calibration frequency (0 .. 6 and 7+), the customers, their mean actual
 * repeat purchases in the holdout period and the model's mean conditional expectation
 * E[X(holdout_t) | x, t_x, T]. Computed in Spark; only the eight buckets are collected.
 *
 * @param customers customers in the summary
 * @param actual    actual holdout purchases of all customers
 * @param predicted predicted holdout purchases of all customers
 * @param buckets   one row per calibration frequency bucket, in order
 */
public record HoldoutComparison(long customers, double actual, double predicted, List<Bucket> buckets) {

  /** Highest separate frequency bucket; x >= this goes into "7+". */
  public static final int TOP_BUCKET = 7;

  /** One calibration-frequency bucket: {@code frequency} is "0" .. "6" or "7+". */
  public record Bucket(String frequency, long customers, double actualMean, double predictedMean) {
  }

  /** @param summary a summary with holdout columns ({@link SummarySpec#holdoutEnd()} set) */
  public static HoldoutComparison of(Dataset<Row> summary, PurchaseModel model) {
    if (!List.of(summary.columns()).contains(ClvSummary.HOLDOUT_X)) {
      throw new IllegalArgumentException("the summary has no holdout columns (no holdout end)");
    }
    Dataset<Row> predicted = summary.select(
        least(col(ClvSummary.X), lit(TOP_BUCKET)).as("_bucket"),
        col(ClvSummary.HOLDOUT_X).cast("double").as("_actual"),
        udf((UDF4<Double, Double, Double, Double, Double>) (t, x, tx, age) ->
            model.conditionalExpectedPurchases(t, x, tx, age), DataTypes.DoubleType)
            .apply(col(ClvSummary.HOLDOUT_T).cast("double"), col(ClvSummary.X).cast("double"),
                col(ClvSummary.T_X).cast("double"), col(ClvSummary.AGE).cast("double")).as("_predicted"));
    List<Row> rows = predicted.groupBy("_bucket")
        .agg(count(lit(1)), avg("_actual"), avg("_predicted"), sum("_actual"), sum("_predicted"))
        .orderBy("_bucket").collectAsList();
    List<Bucket> buckets = new ArrayList<>();
    long customers = 0;
    double actual = 0;
    double predictedTotal = 0;
    for (Row row : rows) {
      long bucket = ((Number) row.get(0)).longValue();
      buckets.add(new Bucket(bucket == TOP_BUCKET ? TOP_BUCKET + "+" : String.valueOf(bucket), row.getLong(1),
          row.getDouble(2), row.getDouble(3)));
      customers += row.getLong(1);
      actual += row.getDouble(4);
      predictedTotal += row.getDouble(5);
    }
    return new HoldoutComparison(customers, actual, predictedTotal, List.copyOf(buckets));
  }
}
