package io.c360.core.segment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Tables;
import io.c360.core.config.SegmentConfig;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.CustomerKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

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

  /** The segment_history rows of the latest as-of date before this one, and that date. */
  public record Earlier(Dataset<Row> history, LocalDate asOf) {
  }

  /**
   * The segments job's tables of one as-of date: customer_segments, segment_history, customer_tags, kpi_daily and,
   * when there is an earlier as-of date, segment_migration from it (else empty). Close it to release the rows cached
   * while they are written.
   */
  public record Output(Dataset<Row> segments, Dataset<Row> history, Dataset<Row> tags, Dataset<Row> kpis,
                       Optional<Dataset<Row>> migration, List<Dataset<Row>> cached) implements AutoCloseable {

    @Override
    public void close() {
      cached.forEach(Dataset::unpersist);
    }
  }

  /**
   * @param profiles customer_360 rows of the as-of date
   * @param orders   {@link #orders}: every order up to the as-of date, with its customer_id or null (read several
   *                 times: persist it)
   * @param items    order lines (bronze_order_items), or null
   * @param products the product catalogue (bronze_products), or null
   * @param earlier  the latest earlier as-of date's history, or null on the first
   */
  public Output transform(Dataset<Row> profiles, Dataset<Row> orders, Dataset<Row> items, Dataset<Row> products,
                          Earlier earlier, LocalDate asOf) {
    Dataset<Row> customerOrders = orders.where(col(Columns.CUSTOMER_ID).isNotNull());
    Dataset<Row> wide = wide(profiles, customerOrders, asOf).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> history = history(table(wide));
    Dataset<Row> tags = new Tags(config.tags()).transform(profiles, customerOrders, items, products, asOf);
    Optional<Dataset<Row>> migration = Optional.ofNullable(earlier)
        .map(e -> Migration.transform(e.history(), e.asOf(), history, asOf));
    return new Output(table(wide), history, tags, Kpis.transform(wide, history, orders, config, asOf), migration,
        List.of(wide));
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
        .join(scored, new String[] {Columns.CUSTOMER_ID}, "left");
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
        .withColumn(Columns.AS_OF, asOf.day());
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
    return segments.select(col(Columns.AS_OF), col(Columns.CUSTOMER_ID),
            explode(array(pairs.toArray(Column[]::new))).as("_s"))
        .where(col("_s.segment").isNotNull())
        .select(col(Columns.AS_OF), col(Columns.CUSTOMER_ID), col("_s.segmentation").as("segmentation"),
            col("_s.segment").as("segment"));
  }

}
