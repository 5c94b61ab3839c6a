package io.c360.core.segment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.SegmentConfig;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * Current value (M score) x potential. No CLV table exists yet, so potential is the spend trend: revenue of the
 * last 30 or 90 days annualised / revenue of the last 365 days (customer_360), 1.0 = steady; no revenue in the
 * year = low potential.
 */
public final class ValueQuadrant {

  public static final List<String> NAMES = List.of("high_value_high_potential", "high_value_low_potential",
      "low_value_high_potential", "low_value_low_potential");

  private ValueQuadrant() {
  }

  /** Needs revenue_30d / revenue_90d and revenue_365d. */
  public static Column spendTrend(SegmentConfig.ValueQuadrant rules) {
    int days = rules.trendWindowDays();
    Column recent = col("revenue_" + days + "d").cast("double").multiply(365.0 / days);
    Column year = col("revenue_365d").cast("double");
    return when(year.gt(0), recent.divide(year));
  }

  /** Needs m_score and spend_trend. */
  public static Column quadrant(SegmentConfig.ValueQuadrant rules) {
    Column value = when(col("m_score").geq(rules.highValueMinMScore()), lit("high_value"))
        .otherwise(lit("low_value"));
    Column potential = when(col("spend_trend").geq(rules.highPotentialMinTrend()), lit("high_potential"))
        .otherwise(lit("low_potential"));
    return when(col("m_score").isNotNull(), concat(value, lit("_"), potential));
  }
}
