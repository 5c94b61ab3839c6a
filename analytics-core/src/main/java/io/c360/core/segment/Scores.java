package io.c360.core.segment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Exact quantile scores without approximation: score = 1 + floor(bins x share of rows with a strictly worse
 * value), capped at bins. Equal values always get the same score (deterministic ties), so a value held by many
 * rows can leave a score level empty. The ranking runs over the distinct values with their counts (one
 * groupBy, then a running sum over the distinct values in one partition, joined back): for recency and frequency
 * that is a few hundred rows; for monetary at most one row per distinct amount, i.e. bounded by the customers,
 * sorted once — exact, at the cost of one single-partition sort of the distinct values.
 */
public final class Scores {

  private Scores() {
  }

  /**
   * Adds {@code out} (int) to rows with a non-null {@code value}; rows with a null value get null.
   *
   * @param higherIsBetter true for frequency and monetary, false for recency (fewer days is better)
   */
  public static Dataset<Row> exact(Dataset<Row> rows, String value, boolean higherIsBetter, int bins, String out) {
    Dataset<Row> counts = rows.where(col(value).isNotNull()).groupBy(col(value).as("_v")).count();
    Column order = higherIsBetter ? col("_v").asc() : col("_v").desc();
    WindowSpec below = Window.orderBy(order).rowsBetween(Window.unboundedPreceding(), -1);
    WindowSpec all = Window.orderBy(order).rowsBetween(Window.unboundedPreceding(), Window.unboundedFollowing());
    Dataset<Row> scored = counts
        .withColumn("_below", coalesce(sum("count").over(below), lit(0L)))
        .withColumn("_n", sum("count").over(all))
        .select(col("_v"), least(lit(bins), lit(1).plus(floor(col("_below").multiply(bins).divide(col("_n")))))
            .cast("int").as(out));
    return rows.join(scored, rows.col(value).equalTo(scored.col("_v")), "left").drop("_v");
  }
}
