package io.c360.core.service;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.config.ServiceConfig;
import io.c360.core.profile.AsOfWindow;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * service_kpis: one row of customer-service figures for the as-of date, over the {@code kpi-window-days} ending on
 * it. Rates per order are null when the window holds no order.
 */
public final class ServiceKpis {

  private ServiceKpis() {
  }

  /**
   * @param insights the as-of date's ticket_insights (created_ts, status, final_category, first_response_breached,
   *                 resolution_breached)
   * @param orders   orders (order_id, order_ts, status); cancelled ones do not count
   * @return one row with the columns of {@code Tables.SERVICE_KPIS}
   */
  public static Dataset<Row> transform(Dataset<Row> insights, Dataset<Row> orders, ServiceConfig config,
                                       LocalDate asOf) {
    AsOfWindow window = new AsOfWindow(asOf);
    int days = config.kpiWindowDays();
    Dataset<Row> recent = insights.where(window.lastDays(to_date(col("created_ts")), days));
    Dataset<Row> figures = recent.agg(count(lit(1)).as("tickets"),
        count(when(col("final_category").isin(config.complaintCategories().toArray()), 1)).as("complaints"),
        count(when(col("final_category").equalTo("delivery_delay"), 1)).as("delivery_delay_tickets"),
        avg(col("first_response_breached").cast("double")).as("first_response_breach_rate"),
        avg(col("resolution_breached").cast("double")).as("resolution_breach_rate"));
    Dataset<Row> orderCount = orders.where(window.lastDays(to_date(col("order_ts")), days)
            .and(col("status").isNull().or(col("status").notEqual("cancelled"))))
        .agg(countDistinct(col("order_id")).as("orders"));
    Dataset<Row> open = insights.where(col("status").equalTo("open")).agg(count(lit(1)).as("open_tickets"));
    Dataset<Row> byCategory = recent.groupBy(coalesce(col("final_category"), lit("unknown")).as("k"))
        .agg(count(lit(1)).as("v"))
        .agg(map_from_entries(collect_list(struct(col("k"), col("v")))).as("tickets_by_category"));
    Dataset<Row> byDay = recent.groupBy(date_format(col("created_ts"), "yyyy-MM-dd").as("k"))
        .agg(avg(col("resolution_breached").cast("double")).as("v"))
        .agg(map_from_entries(collect_list(struct(col("k"), col("v")))).as("resolution_breach_rate_by_day"));
    return figures.crossJoin(orderCount).crossJoin(open).crossJoin(byCategory).crossJoin(byDay).select(
        lit(Date.valueOf(asOf)).as(Columns.AS_OF), lit(days).as("window_days"), col("tickets"), col("orders"),
        col("complaints"), perOrder("complaints").as("complaint_rate"), col("delivery_delay_tickets"),
        perOrder("delivery_delay_tickets").as("delivery_delay_rate"), col("open_tickets"),
        col("tickets_by_category"), col("first_response_breach_rate"), col("resolution_breach_rate"),
        col("resolution_breach_rate_by_day"));
  }

  private static Column perOrder(String count) {
    return when(col("orders").equalTo(0), lit(null).cast("double")).otherwise(col(count).divide(col("orders")));
  }
}
