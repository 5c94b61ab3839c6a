package io.c360.core.segment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.SegmentConfig;
import org.apache.spark.sql.Column;

/**
 * Early warning for customers who are not lost yet (five_tier): no order for inactive-days, or recency beyond
 * cadence-multiple x their own mean interval. The reason lists which rule fired (inactive, beyond_cadence).
 */
public final class EarlyWarning {

  private EarlyWarning() {
  }

  private static Column inactive(SegmentConfig.EarlyWarning rules) {
    return col("recency_days").geq(rules.inactiveDays());
  }

  private static Column beyondCadence(SegmentConfig.EarlyWarning rules) {
    return col("interval_mean_days").isNotNull()
        .and(col("recency_days").gt(col("interval_mean_days").multiply(rules.cadenceMultiple())));
  }

  /** Needs recency_days, interval_mean_days and five_tier; null without orders. */
  public static Column flag(SegmentConfig.EarlyWarning rules) {
    return when(col("recency_days").isNotNull(), col("five_tier").notEqual("lost")
        .and(inactive(rules).or(beyondCadence(rules))));
  }

  /** Comma-separated rules that fired, null when not flagged. */
  public static Column reason(SegmentConfig.EarlyWarning rules) {
    return when(col("early_warning"), concat_ws(",", when(inactive(rules), lit("inactive")),
        when(beyondCadence(rules), lit("beyond_cadence"))));
  }
}
