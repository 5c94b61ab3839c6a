package io.c360.core.clv;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import java.sql.Date;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-customer calibration summary for the buy-till-you-die models, and its compression.
 *
 * <p>Conventions (Fader, Hardie and Lee; lifetimes' {@code summary_data_from_transaction_data}): a purchase is a
 * distinct purchase day (a distinct month for {@link Period#MONTH}); purchases on one day are one purchase and
 * their values are summed. Over the calibration period (up to and including the calibration end):
 * <ul>
 *   <li>{@code x} = purchases - 1 (repeat purchases);</li>
 *   <li>{@code t_x} = time from the first to the last purchase, {@code T} = time from the first purchase to the
 *   calibration end, in days / {@link Period#days()} (whole months for month);</li>
 *   <li>{@code zbar} = mean value of the repeat purchases, the first purchase excluded (0 when x = 0);</li>
 *   <li>{@code first_value} = value of the first purchase (of its day, or month for {@link Period#MONTH}): the
 *   only observed value of a customer with x = 0;</li>
 *   <li>{@code holdout_x} = purchases after the calibration end up to the holdout end, and {@code holdout_t} the
 *   holdout length in the same unit.</li>
 * </ul>
 * Customers whose first purchase is after the calibration end are not in the summary; rows without a customer
 * or date, and rows after the holdout end (or the calibration end without a holdout), are ignored.
 */
public final class ClvSummary {

  public static final String CUSTOMER = Columns.CUSTOMER_ID;
  public static final String X = "x";
  public static final String T_X = "t_x";
  public static final String AGE = "T";
  public static final String ZBAR = "zbar";
  public static final String FIRST_VALUE = "first_value";
  public static final String HOLDOUT_X = "holdout_x";
  public static final String HOLDOUT_T = "holdout_t";
  public static final String COUNT = "customers";

  private ClvSummary() {
  }

  /**
   * @return customer_id, x, t_x, T, then zbar and first_value when the spec has an amount column (first_value is
   *         null when the first purchase has no value, zbar when that or all of the repeat purchases' values are
   *         missing), then holdout_x and holdout_t when it has a holdout end
   */
  public static Dataset<Row> transform(Dataset<Row> transactions, SummarySpec spec) {
    Period period = spec.period();
    boolean month = period == Period.MONTH;
    Date calibrationEnd = Date.valueOf(spec.calibrationEnd());
    Date lastDay = Date.valueOf(spec.holdoutEnd() != null ? spec.holdoutEnd() : spec.calibrationEnd());
    Column day = to_date(col(spec.dateCol()));
    Column amount = spec.amountCol() != null ? col(spec.amountCol()).cast("double") : lit(null).cast("double");
    Dataset<Row> purchases = transactions
        .where(col(spec.customerCol()).isNotNull().and(day.isNotNull()).and(day.leq(lit(lastDay))))
        .groupBy(col(spec.customerCol()).as(CUSTOMER), (month ? trunc(day, "month") : day).as("_p"))
        .agg(sum(amount).as("_v"), min(day).leq(lit(calibrationEnd)).as("_cal"));
    Column cal = col("_cal");
    Dataset<Row> perCustomer = purchases.groupBy(CUSTOMER).agg(
            min(when(cal, col("_p"))).as("_first"),
            max(when(cal, col("_p"))).as("_last"),
            count(when(cal, lit(1))).as("_n"),
            sum(when(cal, col("_v"))).as("_total"),
            min(when(cal, struct(col("_p"), col("_v")))).getField("_v").as("_first_v"),
            count(when(cal.equalTo(false), lit(1))).as(HOLDOUT_X))
        .where(col("_first").isNotNull());
    Column calEnd = lit(month ? Date.valueOf(spec.calibrationEnd().withDayOfMonth(1)) : calibrationEnd);
    List<Column> out = new ArrayList<>(Arrays.asList(
        col(CUSTOMER),
        col("_n").minus(1).as(X),
        between(col("_first"), col("_last"), period).as(T_X),
        between(col("_first"), calEnd, period).as(AGE)));
    if (spec.amountCol() != null) {
      out.add(when(col("_n").gt(1), col("_total").minus(col("_first_v")).divide(col("_n").minus(1)))
          .otherwise(lit(0.0)).as(ZBAR));
      out.add(col("_first_v").as(FIRST_VALUE));
    }
    if (spec.holdoutEnd() != null) {
      double holdoutT = month
          ? ChronoUnit.MONTHS.between(spec.calibrationEnd().withDayOfMonth(1), spec.holdoutEnd().withDayOfMonth(1))
          : ChronoUnit.DAYS.between(spec.calibrationEnd(), spec.holdoutEnd()) / period.days();
      out.add(col(HOLDOUT_X));
      out.add(lit(holdoutT).as(HOLDOUT_T));
    }
    return perCustomer.select(out.toArray(new Column[0]));
  }

  private static Column between(Column from, Column to, Period period) {
    return period == Period.MONTH
        ? months_between(to, from).cast("double")
        : datediff(to, from).cast("double").divide(period.days());
  }

  /**
   * Distinct (x, t_x, T) with their customer counts, computed in Spark; only these rows are collected.
   *
   * @throws IllegalArgumentException when the summary is empty
   */
  public static RfmTriples compressRfm(Dataset<Row> summary) {
    List<Row> rows = summary.groupBy(X, T_X, AGE).agg(count(lit(1)).as(COUNT)).orderBy(X, T_X, AGE)
        .collectAsList();
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("the summary has no customers (no purchases up to the calibration end?)");
    }
    int n = rows.size();
    int[] x = new int[n];
    double[] tx = new double[n];
    double[] age = new double[n];
    double[] counts = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      x[i] = Math.toIntExact(((Number) row.get(0)).longValue());
      tx[i] = ((Number) row.get(1)).doubleValue();
      age[i] = ((Number) row.get(2)).doubleValue();
      counts[i] = row.getLong(3);
    }
    return new RfmTriples(x, tx, age, counts);
  }

  /**
   * Distinct (x, zbar) of repeat buyers (x > 0, zbar > 0) with their customer counts, computed in Spark.
   *
   * @throws IllegalArgumentException when there is no repeat buyer with a positive zbar
   */
  public static SpendPairs compressSpend(Dataset<Row> summary) {
    SpendPairs pairs = spendPairs(summary);
    if (pairs.size() == 0) {
      throw new IllegalArgumentException("no repeat buyer with a positive mean repeat-purchase value (zbar)");
    }
    return pairs;
  }

  /** {@link #compressSpend}, empty (no pairs) rather than an exception when there is no repeat buyer with zbar > 0. */
  static SpendPairs spendPairs(Dataset<Row> summary) {
    List<Row> rows = summary.where(col(X).gt(0).and(col(ZBAR).gt(0)))
        .groupBy(X, ZBAR).agg(count(lit(1)).as(COUNT)).orderBy(X, ZBAR).collectAsList();
    int n = rows.size();
    int[] x = new int[n];
    double[] zbar = new double[n];
    double[] counts = new double[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      x[i] = Math.toIntExact(((Number) row.get(0)).longValue());
      zbar[i] = ((Number) row.get(1)).doubleValue();
      counts[i] = row.getLong(2);
    }
    return new SpendPairs(x, zbar, counts);
  }
}
