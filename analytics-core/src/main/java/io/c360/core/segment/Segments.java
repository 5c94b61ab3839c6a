package io.c360.core.segment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.c360.core.catalog.Tables;
import io.c360.core.config.SegmentConfig;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.CustomerKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * customer_segments: RFM measures and scores, the five tiers, the RFM names, lifecycle stage, value quadrant,
 * early warning and membership growth value, one row per customer_360 row of the as-of date. Order measures come
 * from the orders themselves (one aggregation, {@link Rfm}); profile columns (tier, favourite category, revenue
 * windows) from customer_360.
 */
public final class Segments {

  private final SegmentConfig config;

  public Segments(SegmentConfig config) {
    this.config = config;
  }

  /**
   * The orders up to the end of the as-of date with their customer_id, found like customer_360 does; null for an
   * order that belongs to no customer (it counts in kpi_daily's order and revenue figures only).
   *
   * @param identityMap entity_type, entity_key, customer_id of the as-of date
   */
  public static Dataset<Row> orders(Dataset<Row> identityMap, Dataset<Row> orders, LocalDate asOf) {
    return new CustomerKeys(identityMap, null).allOrders(orders.where(new AsOfWindow(asOf).seen(col("order_ts"))));
  }

  /**
   * Every customer_segments column plus the KPI helpers (_orders, _period_orders, _previous_period_orders,
   * _active_orders) and the customer_360 columns the tags read.
   *
   * @param profiles customer_360 rows of the as-of date
   */
  public Dataset<Row> wide(Dataset<Row> profiles, Dataset<Row> customerOrders, LocalDate asOfDate) {
    AsOfWindow asOf = new AsOfWindow(asOfDate);
    Dataset<Row> scored = Rfm.score(Rfm.measures(customerOrders, asOf, config), config.rfm().bins());
    Dataset<Row> base = profiles.drop("interval_mean_days", "first_order_date", "order_days")
        .join(scored, new String[] {"customer_id"}, "left");
    return base
        .withColumn("five_tier", FiveTiers.segment(config.fiveTiers()))
        .withColumn("rfm_segment", RfmNames.segment(config.rfmNames()))
        .withColumn("lifecycle_stage", Lifecycle.stage(config.lifecycle(), asOf))
        .withColumn("spend_trend", ValueQuadrant.spendTrend(config.valueQuadrant()))
        .withColumn("value_quadrant", ValueQuadrant.quadrant(config.valueQuadrant()))
        .withColumn("early_warning", EarlyWarning.flag(config.earlyWarning()))
        .withColumn("early_warning_reason", EarlyWarning.reason(config.earlyWarning()))
        .withColumn("growth_value", GrowthValue.value(config.growth()))
        .withColumn("suggested_tier", GrowthValue.suggestedTier(config.growth()))
        .withColumn("tier_change", GrowthValue.change())
        .withColumn("as_of", asOf.day());
  }

  /** The customer_segments columns of {@link #wide}. */
  public static Dataset<Row> table(Dataset<Row> wide) {
    return wide.select(Tables.CUSTOMER_SEGMENTS.columns().stream()
        .map(c -> col(c.name()).cast(c.type().sparkType()).as(c.name())).toArray(Column[]::new));
  }

  /** segment_history rows: one per customer and segmentation in which the customer has a segment. */
  public Dataset<Row> history(Dataset<Row> segments) {
    List<Column> pairs = new ArrayList<>();
    for (Segmentations.Segmentation s : Segmentations.of(config).all()) {
      pairs.add(struct(lit(s.name()).as("segmentation"), col(s.column()).as("segment")));
    }
    return segments.select(col("as_of"), col("customer_id"), explode(array(pairs.toArray(Column[]::new))).as("_s"))
        .where(col("_s.segment").isNotNull())
        .select(col("as_of"), col("customer_id"), col("_s.segmentation").as("segmentation"),
            col("_s.segment").as("segment"));
  }

}
