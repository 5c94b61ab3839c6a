package io.c360.core.recs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.c360.core.catalog.Columns;
import io.c360.core.config.RecsConfig;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Deterministic A/B arms: u = (xxhash64(experiment, customer_id) mod 1,000,000) / 1,000,000 is uniform in [0, 1)
 * and the same for a customer in every run; the arms take consecutive slices of [0, 1) in proportion to their
 * weights. Another experiment name gives an independent assignment.
 */
public final class AbArms {

  static final long BUCKETS = 1_000_000L;

  private AbArms() {
  }

  /** The customer's position in [0, 1) for the experiment. */
  public static Column position(String experiment, Column customerId) {
    return pmod(xxhash64(lit(experiment), customerId), lit(BUCKETS)).cast("double").divide(BUCKETS);
  }

  /** The arm name of each customer. */
  public static Column assign(String experiment, List<RecsConfig.Arm> arms, Column customerId) {
    double total = arms.stream().mapToDouble(RecsConfig.Arm::weight).sum();
    Column u = position(experiment, customerId);
    Column arm = lit(arms.get(arms.size() - 1).name());
    double upper = total;
    for (int i = arms.size() - 2; i >= 0; i--) {
      upper -= arms.get(i + 1).weight();
      arm = when(u.lt(upper / total), lit(arms.get(i).name())).otherwise(arm);
    }
    return arm;
  }

  /**
   * Customers and conversions per arm: a customer converts with at least one paid (or status-less) order after
   * {@code from} up to and including {@code to}.
   *
   * @param assigned customer_id, arm (one row per customer)
   * @param orders   customer_id, order_ts, status
   * @return arm, customers, conversions; ordered by arm
   */
  public static Dataset<Row> conversions(Dataset<Row> assigned, Dataset<Row> orders, LocalDate from, LocalDate to) {
    Column ts = col("order_ts");
    Dataset<Row> buyers = orders
        .where(ts.geq(lit(Date.valueOf(from.plusDays(1))).cast("timestamp"))
            .and(ts.lt(lit(Date.valueOf(to.plusDays(1))).cast("timestamp")))
            .and(col("status").isNull().or(col("status").equalTo("paid"))))
        .select(Columns.CUSTOMER_ID).distinct().withColumn("_converted", lit(1L));
    return assigned.join(buyers, new String[] {Columns.CUSTOMER_ID}, "left")
        .groupBy("arm")
        .agg(count(lit(1)).as("customers"), coalesce(sum("_converted"), lit(0L)).as("conversions"))
        .orderBy("arm");
  }
}
