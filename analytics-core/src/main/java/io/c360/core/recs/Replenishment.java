package io.c360.core.recs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.RecsConfig;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Purchase cycles: for each customer x sku bought on at least min-purchases distinct days, the median number of
 * days between consecutive purchase days (the cycle) and the expected next date (last purchase + cycle); reminders
 * for the pairs due soon; and the skus that are replenishable at all (bought again by enough of their buyers).
 */
public final class Replenishment {

  private Replenishment() {
  }

  /**
   * customer_id, sku, purchases (distinct days), cycle_days (median interval, exact: the mean of the two middle
   * intervals for an even count, rounded to whole days), last_purchase, next_date.
   */
  public static Dataset<Row> cycles(Dataset<Row> lines, int minPurchases) {
    Dataset<Row> days = lines.select(Interactions.CUSTOMER, Interactions.SKU, Interactions.DAY).distinct();
    Dataset<Row> intervals = days.withColumn("interval", datediff(col(Interactions.DAY),
        lag(col(Interactions.DAY), 1).over(Window.partitionBy(Interactions.CUSTOMER, Interactions.SKU)
            .orderBy(Interactions.DAY))));
    return intervals.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(count(lit(1)).as("purchases"), max(Interactions.DAY).as("last_purchase"),
            org.apache.spark.sql.functions.expr("percentile(interval, 0.5)").as("median_interval"))
        .where(col("purchases").geq(minPurchases))
        .withColumn("cycle_days", round(col("median_interval")).cast("int"))
        .withColumn("next_date", date_add(col("last_purchase"), col("cycle_days")))
        .select(Interactions.CUSTOMER, Interactions.SKU, "purchases", "cycle_days", "last_purchase", "next_date");
  }

  /**
   * The cycles due for a reminder: next_date at most due-within-days after the as-of date and at most one cycle
   * before it (longer overdue: the customer buys it elsewhere or stopped); adds days_until_due (negative: overdue).
   */
  public static Dataset<Row> due(Dataset<Row> cycles, LocalDate asOf, int dueWithinDays) {
    Column day = lit(Date.valueOf(asOf));
    Column until = datediff(col("next_date"), day);
    return cycles.withColumn("days_until_due", until)
        .where(col("days_until_due").leq(dueWithinDays)
            .and(col("days_until_due").geq(col("cycle_days").multiply(-1))));
  }

  /** Due reminders as candidates: the sooner (or the less overdue) the higher. */
  public static Dataset<Row> candidates(Dataset<Row> due, Dataset<Row> names) {
    Dataset<Row> named = Products.withName(due, names);
    return named.select(col(Interactions.CUSTOMER), col(Interactions.SKU),
        lit(1.0).divide(lit(1.0).plus(org.apache.spark.sql.functions.abs(col("days_until_due")))).as("score"),
        org.apache.spark.sql.functions.concat(lit("time to restock "), col("product_name"), lit(": bought every "),
            col("cycle_days"), lit(" days, due "), col("next_date").cast("string")).as("reason"));
  }

  /**
   * Buy again: each customer x sku bought on two or more distinct days (the caller passes the history window); score
   * = purchase days - days since the last purchase / 365 (more purchase days first, then the more recent), reason
   * "bought again N times, last on DATE". Skus that are not replenishable fall to the exclusions.
   */
  public static Dataset<Row> repurchases(Dataset<Row> lines, LocalDate asOf, Dataset<Row> names) {
    Dataset<Row> again = lines.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(count_distinct(col(Interactions.DAY)).as("days"), max(Interactions.DAY).as("last"))
        .where(col("days").geq(2));
    return Products.withName(again, names).select(col(Interactions.CUSTOMER), col(Interactions.SKU),
        col("days").cast("double").minus(datediff(lit(Date.valueOf(asOf)), col("last")).divide(365.0)).as("score"),
        org.apache.spark.sql.functions.concat(lit("buy again: "), col("product_name"), lit(", bought on "),
            col("days"), lit(" days, last on "), col("last").cast("string")).as("reason"));
  }

  /**
   * The skus of which at least {@code minRepeatShare} of the buyers bought on two or more distinct days:
   * sku, buyers, repeat_share.
   */
  public static Dataset<Row> replenishable(Dataset<Row> lines, double minRepeatShare) {
    Dataset<Row> perBuyer = lines.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(count_distinct(col(Interactions.DAY)).as("days"));
    return perBuyer.groupBy(Interactions.SKU)
        .agg(count(lit(1)).as("buyers"), sum(when(col("days").geq(2), 1).otherwise(0)).as("repeat_buyers"))
        .withColumn("repeat_share", col("repeat_buyers").divide(col("buyers")))
        .where(col("repeat_share").geq(minRepeatShare))
        .select(Interactions.SKU, "buyers", "repeat_share");
  }

  /** What is never recommended again: customer x sku already bought where the sku is not replenishable. */
  public static Dataset<Row> exclusions(Dataset<Row> lines, Dataset<Row> replenishable) {
    return lines.select(Interactions.CUSTOMER, Interactions.SKU).distinct()
        .join(replenishable.select(Interactions.SKU), new String[] {Interactions.SKU}, "left_anti")
        .select(Interactions.CUSTOMER, Interactions.SKU);
  }

  /** The settings' cycles and reminders in one call. */
  public static Dataset<Row> reminders(Dataset<Row> lines, LocalDate asOf, RecsConfig.Replenishment config) {
    return due(cycles(lines, config.minPurchases()), asOf, config.dueWithinDays());
  }
}
