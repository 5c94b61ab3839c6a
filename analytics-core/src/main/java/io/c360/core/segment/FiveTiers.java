package io.c360.core.segment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.SegmentConfig;
import java.util.List;
import org.apache.spark.sql.Column;

/**
 * The plan's five tiers, first match wins: lost (no order for more than lost-min-recency-days), sleeping (more than
 * sleeping-min-recency-days), high_value (recent, frequent and top spend), active (frequent, low spend), potential
 * (the rest: recent buyers not yet frequent or high value). Needs recency_days, orders_per_month, m_score. Without
 * amounts (m_score empty) the spend conditions are left out: high_value is recent and frequent, active frequent.
 */
public final class FiveTiers {

  public static final List<String> NAMES = List.of("high_value", "potential", "active", "sleeping", "lost");

  private FiveTiers() {
  }

  public static Column segment(SegmentConfig.FiveTiers rules) {
    Column recency = col("recency_days");
    Column perMonth = col("orders_per_month");
    Column m = col("m_score");
    return when(recency.isNull(), lit(null).cast("string"))
        .when(recency.gt(rules.lostMinRecencyDays()), lit("lost"))
        .when(recency.gt(rules.sleepingMinRecencyDays()), lit("sleeping"))
        .when(recency.leq(rules.highValueMaxRecencyDays()).and(perMonth.geq(rules.highValueMinOrdersPerMonth()))
            .and(coalesce(m.geq(rules.highValueMinMScore()), lit(true))), lit("high_value"))
        .when(perMonth.geq(rules.activeMinOrdersPerMonth()).and(coalesce(m.leq(rules.activeMaxMScore()), lit(true))),
            lit("active"))
        .otherwise(lit("potential"));
  }
}
