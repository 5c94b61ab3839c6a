package io.c360.core.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.profile.AsOfWindow;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Churn labels without leakage. For a training date T0 and a horizon of H days, a customer is <em>active</em> at
 * T0 when she bought on or before T0 (the end of the day, session time zone), or, with a lookback of L days,
 * within the L days ending on T0. An active customer is labelled 1 (churned) when she has no purchase in
 * (T0, T0 + H], 0 otherwise. Customers not active at T0 get no row.
 *
 * <p>Features for the same T0 must only see {@link #history}: the rows up to T0 (an {@link AsOfWindow} cut). The
 * horizon must be complete in the data: use {@link #rollingT0s} to pick T0s whose horizon ends by the last day
 * of data.
 *
 * <p>Input: purchases with {@code customer_id} and {@code order_ts} (timestamp). Output: {@code customer_id},
 * {@code t0} (date), {@code last_purchase_ts}, {@code purchases_in_horizon}, {@code churned} (int 0/1).
 */
public final class ChurnLabels {

  public static final String CUSTOMER = Columns.CUSTOMER_ID;
  public static final String ORDER_TS = "order_ts";
  public static final String T0 = "t0";
  public static final String LAST_PURCHASE_TS = "last_purchase_ts";
  public static final String PURCHASES_IN_HORIZON = "purchases_in_horizon";
  public static final String LABEL = "churned";

  private ChurnLabels() {
  }

  /** The purchases a feature computed at T0 may see: up to the end of T0. */
  public static Dataset<Row> history(Dataset<Row> purchases, LocalDate t0) {
    return purchases.where(new AsOfWindow(t0).seen(col(ORDER_TS)));
  }

  /** Labels at one T0, in one aggregation over the purchases up to T0 + H. */
  public static Dataset<Row> label(Dataset<Row> purchases, LocalDate t0, int horizonDays, int lookbackDays) {
    if (horizonDays < 1) {
      throw new IllegalArgumentException("churn horizon must be >= 1 day, got " + horizonDays);
    }
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("churn lookback must be >= 0 days, got " + lookbackDays);
    }
    AsOfWindow asOf = new AsOfWindow(t0);
    AsOfWindow horizonEnd = new AsOfWindow(t0.plusDays(horizonDays));
    Column ts = col(ORDER_TS);
    Column seen = asOf.seen(ts);
    Column inHorizon = not(seen).and(horizonEnd.seen(ts));
    Dataset<Row> perCustomer = purchases
        .where(ts.isNotNull().and(col(CUSTOMER).isNotNull()).and(horizonEnd.seen(ts)))
        .groupBy(col(CUSTOMER))
        .agg(max(when(seen, ts)).as(LAST_PURCHASE_TS), count(when(inHorizon, lit(1))).as(PURCHASES_IN_HORIZON));
    Column active = col(LAST_PURCHASE_TS).isNotNull();
    if (lookbackDays > 0) {
      active = active.and(col(LAST_PURCHASE_TS).geq(
          lit(Date.valueOf(t0.plusDays(1).minusDays(lookbackDays))).cast("timestamp")));
    }
    return perCustomer.where(active).select(col(CUSTOMER), lit(Date.valueOf(t0)).as(T0), col(LAST_PURCHASE_TS),
        col(PURCHASES_IN_HORIZON), when(col(PURCHASES_IN_HORIZON).equalTo(0), 1).otherwise(0).as(LABEL));
  }

  /** Labels at several T0s, stacked (one row per customer and T0). */
  public static Dataset<Row> label(Dataset<Row> purchases, List<LocalDate> t0s, int horizonDays, int lookbackDays) {
    if (t0s.isEmpty()) {
      throw new IllegalArgumentException("need at least one T0");
    }
    Dataset<Row> out = null;
    for (LocalDate t0 : t0s) {
      Dataset<Row> one = label(purchases, t0, horizonDays, lookbackDays);
      out = out == null ? one : out.unionByName(one);
    }
    return out;
  }

  /**
   * Splits stacked labels in time for early stopping or evaluation: validation = rows with T0 on or after
   * {@code firstValidationT0}; training = rows whose whole horizon ends by then (T0 + H <= firstValidationT0), so
   * no training label looks into the validation period. Rows in between are dropped.
   */
  public static ChurnTrainer.Split splitByT0(Dataset<Row> labelled, LocalDate firstValidationT0, int horizonDays) {
    if (horizonDays < 1) {
      throw new IllegalArgumentException("churn horizon must be >= 1 day, got " + horizonDays);
    }
    Column t0 = col(T0);
    return new ChurnTrainer.Split(labelled.where(t0.leq(lit(Date.valueOf(firstValidationT0.minusDays(horizonDays))))),
        labelled.where(t0.geq(lit(Date.valueOf(firstValidationT0)))));
  }

  /**
   * Rolling training dates whose horizon is complete: the latest is {@code lastDataDay - horizonDays}, then every
   * {@code stepDays} earlier, {@code count} dates, oldest first.
   */
  public static List<LocalDate> rollingT0s(LocalDate lastDataDay, int horizonDays, int stepDays, int count) {
    if (horizonDays < 1 || stepDays < 1 || count < 1) {
      throw new IllegalArgumentException("rolling T0s need horizon, step and count >= 1, got " + horizonDays + ", "
          + stepDays + ", " + count);
    }
    List<LocalDate> out = new ArrayList<>();
    LocalDate latest = lastDataDay.minusDays(horizonDays);
    for (int i = count - 1; i >= 0; i--) {
      out.add(latest.minusDays((long) i * stepDays));
    }
    return out;
  }
}
