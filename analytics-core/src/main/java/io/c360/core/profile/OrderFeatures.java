package io.c360.core.profile;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.zip_with;

import io.c360.core.catalog.Columns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Order features of a customer, in one aggregation over the orders (already cut at the as-of date and carrying
 * customer_id). An order counts unless it was cancelled; revenue counts paid orders (returned orders are refunded);
 * an order without a status is paid.
 */
public final class OrderFeatures {

  /** Windows of the revenue columns, in days. */
  public static final List<Integer> REVENUE_WINDOWS = List.of(30, 90, 365);

  /** Columns that are 0, not null, for a customer without orders. */
  public static final List<String> COUNTS = List.of("orders", "order_days");
  /**
   * Money columns: 0 for a customer without orders, but empty for a customer whose paid orders carry no amount (a
   * file without amounts).
   */
  public static final List<String> MONEY = List.of("revenue", "revenue_30d", "revenue_90d", "revenue_365d");

  private OrderFeatures() {
  }

  /**
   * An aggregate sum of the amounts of a group of orders: 0 when the group has no paid order, null when its paid
   * orders carry no amount at all (no money is invented from a file without amounts).
   *
   * @param paid true on a paid order
   */
  public static Column money(Column sum, Column paid) {
    return when(count(when(paid, col("total_amount"))).gt(0), coalesce(sum, lit(0)))
        .when(count(when(paid, lit(1))).equalTo(0), lit(0));
  }

  public static Dataset<Row> aggregate(Dataset<Row> orders, AsOfWindow asOf) {
    Column status = lower(trim(col("status")));
    Column cancelled = coalesce(status.equalTo("cancelled"), lit(false));
    Column returned = coalesce(status.equalTo("returned"), lit(false));
    Column kept = not(cancelled);
    Column paid = kept.and(not(returned));
    Column day = to_date(col("order_ts"));
    Column amount = when(paid, col("total_amount"));
    Column hour = hour(col("order_ts"));
    Dataset<Row> grouped = orders.groupBy(Columns.CUSTOMER_ID).agg(
        count(lit(1)).as("_all"),
        count(when(kept, lit(1))).as("orders"),
        count(when(paid, lit(1))).as("_paid"),
        count(when(cancelled, lit(1))).as("_cancelled"),
        count(when(kept.and(returned), lit(1))).as("_returned"),
        array_sort(collect_set(when(kept, day))).as("_days"),
        money(sum(amount), paid).as("revenue"),
        money(sum(when(asOf.lastDays(day, 30), amount)), paid).as("revenue_30d"),
        money(sum(when(asOf.lastDays(day, 90), amount)), paid).as("revenue_90d"),
        money(sum(when(asOf.lastDays(day, 365), amount)), paid).as("revenue_365d"),
        count(when(kept.and(dayofweek(col("order_ts")).isin(1, 7)), lit(1))).as("_weekend"),
        count(when(kept.and(hour.geq(6)).and(hour.lt(12)), lit(1))).as("_morning"),
        count(when(kept.and(hour.geq(12)).and(hour.lt(18)), lit(1))).as("_afternoon"),
        count(when(kept.and(hour.geq(18)), lit(1))).as("_evening"),
        count(when(kept.and(hour.lt(6)), lit(1))).as("_night"),
        collect_list(when(kept, coalesce(lower(trim(col("channel"))), lit("unknown")))).as("_channels"),
        count(when(kept.and(col("discount_amount").gt(0)), lit(1))).as("_discounted"),
        sum(when(paid, col("discount_amount"))).as("_discount"),
        max(when(kept.and(col("city").isNotNull()), struct(col("order_ts"), trim(col("city")).as("city"))))
            .as("_last_city"),
        min(when(kept, day)).as("first_order_date"),
        max(when(kept, day)).as("last_order_date"));

    Column orderCount = col("orders");
    Column n = size(col("_days"));
    Column meanGap = when(n.geq(2), datediff(element_at(col("_days"), -1), element_at(col("_days"), 1))
        .divide(n.minus(1)));
    Column gaps = zip_with(slice(col("_days"), lit(2), n.minus(1)), slice(col("_days"), lit(1), n.minus(1)),
        (later, earlier) -> datediff(later, earlier));
    Column spread = when(n.geq(2), sqrt(org.apache.spark.sql.functions.aggregate(gaps, lit(0.0), (acc, gap) -> acc.plus(pow(gap.minus(meanGap), 2)))
        .divide(n.minus(1))));
    return grouped.select(col(Columns.CUSTOMER_ID), col("first_order_date"), col("last_order_date"), orderCount,
        n.cast("long").as("order_days"),
        col("revenue"), col("revenue_30d"), col("revenue_90d"), col("revenue_365d"),
        when(col("_paid").gt(0), round(col("revenue").divide(col("_paid")), 2)).as("avg_order_value"),
        Labels.share(col("_weekend"), orderCount).as("weekend_share"),
        Labels.share(col("_morning"), orderCount).as("morning_share"),
        Labels.share(col("_afternoon"), orderCount).as("afternoon_share"),
        Labels.share(col("_evening"), orderCount).as("evening_share"),
        Labels.share(col("_night"), orderCount).as("night_share"),
        when(orderCount.gt(0), Labels.shares(col("_channels"))).as("channel_mix"),
        Labels.share(col("_discounted"), orderCount).as("discount_share"),
        when(col("revenue").plus(col("_discount")).gt(0),
            col("_discount").divide(col("revenue").plus(col("_discount"))).cast("double")).as("discount_rate"),
        Labels.share(col("_returned"), orderCount).as("return_rate"),
        Labels.share(col("_cancelled"), col("_all")).as("cancel_rate"),
        meanGap.as("interval_mean_days"),
        spread.as("interval_sd_days"),
        datediff(asOf.day(), col("last_order_date")).as("days_since_last_order"),
        when(meanGap.isNotNull(), date_add(col("last_order_date"), round(meanGap).cast("int")))
            .as("expected_next_order"),
        col("_last_city.city").as("last_order_city"));
  }
}
