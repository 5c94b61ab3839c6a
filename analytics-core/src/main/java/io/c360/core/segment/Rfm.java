package io.c360.core.segment;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.config.SegmentConfig;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.OrderFeatures;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Recency, frequency and monetary value per customer from the customer's orders (cut at the as-of date, with
 * customer_id), in one aggregation, plus the order-day cadence the lifecycle needs and the period counts of the
 * KPIs. Conventions of customer_360: an order counts unless cancelled; revenue counts paid orders (not returned,
 * not cancelled; no status = paid). Only customers with an order that counts get a row.
 */
public final class Rfm {

  private Rfm() {
  }

  /** An order that counts: not cancelled. */
  static Column kept() {
    return not(coalesce(lower(trim(col("status"))).equalTo("cancelled"), lit(false)));
  }

  /** A paid order: neither cancelled nor returned. */
  static Column paid() {
    return kept().and(not(coalesce(lower(trim(col("status"))).equalTo("returned"), lit(false))));
  }

  /** A sum of amounts over a group of orders, empty when the group's paid orders carry none (OrderFeatures). */
  static Column money(Column sum) {
    return OrderFeatures.money(sum, paid());
  }

  /**
   * customer_id, recency_days, frequency, monetary, paid_orders_window, orders_per_month, first_order_date,
   * order_days, interval_mean_days, recent_interval_days, and the KPI counts _period_orders, _previous_period_orders,
   * _active_orders, _orders.
   */
  public static Dataset<Row> measures(Dataset<Row> customerOrders, AsOfWindow asOf, SegmentConfig config) {
    SegmentConfig.Rfm rfm = config.rfm();
    int monthly = config.fiveTiers().monthlyRateWindowDays();
    int period = config.kpis().retentionPeriodDays();
    Column day = to_date(col("order_ts"));
    Column kept = kept();
    Column paidInWindow = paid().and(asOf.lastDays(day, rfm.monetaryWindowDays()));
    Column previousPeriod = day.gt(org.apache.spark.sql.functions.date_sub(asOf.day(), 2 * period))
        .and(day.leq(org.apache.spark.sql.functions.date_sub(asOf.day(), period)));
    Dataset<Row> grouped = customerOrders.groupBy(Columns.CUSTOMER_ID).agg(
        max(when(kept, day)).as("_last"),
        min(when(kept, day)).as("first_order_date"),
        count(when(kept, lit(1))).as("_orders"),
        count(when(kept.and(asOf.lastDays(day, rfm.frequencyWindowDays())), lit(1))).as("frequency"),
        money(sum(when(paidInWindow, col("total_amount")))).as("monetary"),
        count(when(paidInWindow, lit(1))).as("paid_orders_window"),
        count(when(kept.and(asOf.lastDays(day, monthly)), lit(1))).as("_monthly_orders"),
        count(when(kept.and(asOf.lastDays(day, period)), lit(1))).as("_period_orders"),
        count(when(kept.and(previousPeriod), lit(1))).as("_previous_period_orders"),
        count(when(kept.and(asOf.lastDays(day, config.kpis().activeDays())), lit(1))).as("_active_orders"),
        array_sort(collect_set(when(kept, day))).as("_days"));
    Column n = size(col("_days"));
    int k = config.lifecycle().trendIntervals();
    Column recentGaps = least(lit(k), n.minus(1));
    return grouped.where(col("_last").isNotNull())
        .withColumn("recency_days", datediff(asOf.day(), col("_last")))
        .withColumn("orders_per_month", col("_monthly_orders").cast("double").divide(monthly / 30.0))
        .withColumn("order_days", n.cast("long"))
        .withColumn("interval_mean_days", when(n.geq(2),
            datediff(element_at(col("_days"), -1), element_at(col("_days"), 1)).divide(n.minus(1))))
        .withColumn("recent_interval_days", when(n.geq(2),
            datediff(element_at(col("_days"), -1), element_at(col("_days"), recentGaps.plus(1).multiply(-1)))
                .divide(recentGaps)))
        .drop("_last", "_days", "_monthly_orders");
  }

  /**
   * Adds r_score, f_score, m_score (exact ranks, {@link Scores}) and rfm_code (e.g. "545"; "54" without amounts). The ranks are taken
   * among the customers who bought in the window (F > 0; for M, spent in the M window); the others score 1, so
   * long-lapsed customers do not fill the low recency scores and "at risk" / "can't lose them" mean recent-year
   * customers drifting away.
   */
  public static Dataset<Row> score(Dataset<Row> measures, int bins) {
    Dataset<Row> scored = Scores.exactWithin(measures, "recency_days", false, bins, "r_score",
        col("frequency").gt(0));
    scored = Scores.exactAboveZero(scored, "frequency", bins, "f_score");
    scored = Scores.exactAboveZero(scored, "monetary", bins, "m_score");
    return scored.withColumn("rfm_code", concat(col("r_score").cast("string"), col("f_score").cast("string"),
        coalesce(col("m_score").cast("string"), lit(""))));
  }
}
