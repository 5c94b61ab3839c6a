package io.c360.core.segment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.SegmentConfig;
import io.c360.core.profile.AsOfWindow;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Lifecycle stage from tenure (days since the first order), the trend of the order intervals (mean of the latest
 * intervals against the mean of all) and recency against the customer's own cadence; first match wins: churned,
 * new, declining, growing, mature. Needs recency_days, first_order_date, order_days, interval_mean_days,
 * recent_interval_days.
 */
public final class Lifecycle {

  public static final List<String> NAMES = List.of("new", "growing", "mature", "declining", "churned");

  private Lifecycle() {
  }

  public static Column stage(SegmentConfig.Lifecycle rules, AsOfWindow asOf) {
    Column recency = col("recency_days");
    Column mean = col("interval_mean_days");
    Column ratio = col("recent_interval_days").divide(mean);
    Column tenure = datediff(asOf.day(), col("first_order_date"));
    Column churned = recency.gt(rules.churnedMinRecencyDays())
        .and(mean.isNull().or(recency.gt(mean.multiply(rules.churnedCadenceMultiple()))));
    return when(recency.isNull(), lit(null).cast("string"))
        .when(churned, lit("churned"))
        .when(tenure.leq(rules.newMaxTenureDays()).or(col("order_days").leq(1)), lit("new"))
        .when(recency.gt(mean.multiply(rules.decliningCadenceMultiple()))
            .or(ratio.geq(rules.decliningMinIntervalRatio())), lit("declining"))
        .when(ratio.leq(rules.growingMaxIntervalRatio()), lit("growing"))
        .otherwise(lit("mature"));
  }
}
