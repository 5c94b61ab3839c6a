package io.c360.core.segment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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
 *
 * <p>{@link #exactAboveZero} scores counts and amounts: a value of 0 (no order or no spend in the window) gets
 * score 1 and the positive values are ranked among themselves, so the lowest score of the customers who did buy in
 * the window still means "fewest orders" (a one-time buyer is F = 1, as the RFM names expect) rather than being
 * pushed up by a large tie of lapsed customers at 0.
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
    return ranked(rows, value, higherIsBetter, bins, out, col(value).isNotNull());
  }

  /** Higher is better; 0 (or less) scores 1, positive values are ranked among themselves. */
  public static Dataset<Row> exactAboveZero(Dataset<Row> rows, String value, int bins, String out) {
    return exactWithin(rows, value, true, bins, out, col(value).gt(0));
  }

  /** Rows in {@code population} are ranked among themselves; other rows with a value score 1. */
  public static Dataset<Row> exactWithin(Dataset<Row> rows, String value, boolean higherIsBetter, int bins,
                                         String out, Column population) {
    Dataset<Row> ranked = ranked(rows.withColumn("_in", population), value, higherIsBetter, bins, "_ranked",
        col("_in"));
    return ranked.withColumn(out, when(col(value).isNull(), lit(null).cast("int"))
        .when(col("_in"), col("_ranked")).otherwise(lit(1))).drop("_ranked", "_in");
  }

  private static Dataset<Row> ranked(Dataset<Row> rows, String value, boolean higherIsBetter, int bins, String out,
                                     Column population) {
    Dataset<Row> counts = rows.where(population).groupBy(col(value).as("_v")).count();
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
