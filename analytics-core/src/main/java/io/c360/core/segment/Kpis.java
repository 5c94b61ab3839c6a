package io.c360.core.segment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** kpi_daily: one row of cockpit figures per as-of date from the wide segment rows and segment_history. */
public final class Kpis {

  private Kpis() {
  }

  /**
   * @param wide    {@link Segments#wide} rows of the as-of date
   * @param history segment_history rows of the as-of date
   */
  public static Dataset<Row> transform(Dataset<Row> wide, Dataset<Row> history, LocalDate asOf) {
    Column buyer = col("recency_days").isNotNull();
    Column previous = col("_previous_period_orders").gt(0);
    Dataset<Row> figures = wide.agg(
        count(lit(1)).as("customers"),
        count(when(buyer, lit(1))).as("buyers"),
        count(when(col("_active_orders").gt(0), lit(1))).as("active_customers"),
        count(when(col("_orders").geq(2), lit(1))).as("_repeat"),
        sum(col("monetary")).as("_revenue"),
        sum(col("paid_orders_window")).as("_paid"),
        count(when(previous, lit(1))).as("_previous"),
        count(when(previous.and(col("_period_orders").gt(0)), lit(1))).as("_retained"),
        count(when(col("lifecycle_stage").equalTo("churned"), lit(1))).as("_churned"),
        count(when(col("nps_class").equalTo("promoter"), lit(1))).as("_promoters"),
        count(when(col("nps_class").equalTo("detractor"), lit(1))).as("_detractors"),
        count(when(col("nps_class").isNotNull(), lit(1))).as("_answers"),
        count(when(col("early_warning"), lit(1))).as("early_warnings"));
    Dataset<Row> sizes = history.groupBy("segmentation", "segment").count()
        .agg(map_from_entries(collect_list(struct(concat(col("segmentation"), lit(":"), col("segment")),
            col("count")))).as("segment_sizes"));
    return figures.crossJoin(sizes).select(
        lit(Date.valueOf(asOf)).as("as_of"), col("customers"), col("buyers"), col("active_customers"),
        ratio(col("_repeat"), col("buyers")).as("repeat_purchase_rate"),
        ratio(col("_revenue"), col("_paid")).as("avg_order_value"),
        ratio(col("_retained"), col("_previous")).as("retention_rate"),
        ratio(col("_churned"), col("buyers")).as("churn_rate"),
        ratio(col("_promoters").minus(col("_detractors")).multiply(100), col("_answers")).as("nps"),
        col("early_warnings"), col("segment_sizes"));
  }

  private static Column ratio(Column part, Column whole) {
    return when(whole.gt(0), part.cast("double").divide(whole.cast("double")));
  }
}
