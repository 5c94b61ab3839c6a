package io.c360.core.segment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.config.SegmentConfig;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.OrderFeatures;
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
   * @param orders  every order up to the as-of date with its customer_id, null for an unidentified order
   *                ({@link Segments#orders})
   */
  public static Dataset<Row> transform(Dataset<Row> wide, Dataset<Row> history, Dataset<Row> orders,
                                       SegmentConfig config, LocalDate asOf) {
    Column day = to_date(col("order_ts"));
    Column inWindow = new AsOfWindow(asOf).lastDays(day, config.rfm().monetaryWindowDays());
    Column paid = Rfm.paid().and(inWindow);
    Column unidentified = col(Columns.CUSTOMER_ID).isNull();
    Dataset<Row> sales = orders.agg(
        count(when(Rfm.kept().and(inWindow), lit(1))).as("orders"),
        count(when(Rfm.kept().and(inWindow).and(unidentified), lit(1))).as("_unidentified"),
        count(when(paid, lit(1))).as("_paid"),
        OrderFeatures.money(sum(when(paid, col("total_amount"))), paid).cast("double").as("revenue"),
        sum(when(paid.and(unidentified), col("total_amount"))).cast("double").as("_unidentified_revenue"));
    Column buyer = col("recency_days").isNotNull();
    Column previous = col("_previous_period_orders").gt(0);
    Dataset<Row> figures = wide.agg(
        count(lit(1)).as("customers"),
        count(when(buyer, lit(1))).as("buyers"),
        count(when(col("_active_orders").gt(0), lit(1))).as("active_customers"),
        count(when(col("_orders").geq(2), lit(1))).as("_repeat"),

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
    return figures.crossJoin(sizes).crossJoin(sales).select(
        lit(Date.valueOf(asOf)).as(Columns.AS_OF), col("customers"), col("buyers"), col("active_customers"),
        ratio(col("_repeat"), col("buyers")).as("repeat_purchase_rate"),
        col("orders"), col("revenue"),
        ratio(col("_unidentified"), col("orders")).as("unidentified_order_share"),
        ratio(coalesce(col("_unidentified_revenue"), lit(0.0)), col("revenue")).as("unidentified_revenue_share"),
        ratio(col("revenue"), col("_paid")).as("avg_order_value"),
        ratio(col("_retained"), col("_previous")).as("retention_rate"),
        ratio(col("_churned"), col("buyers")).as("churn_rate"),
        ratio(col("_promoters").minus(col("_detractors")).multiply(100), col("_answers")).as("nps"),
        col("early_warnings"), col("segment_sizes"));
  }

  private static Column ratio(Column part, Column whole) {
    return when(whole.gt(0), part.cast("double").divide(whole.cast("double")));
  }
}
