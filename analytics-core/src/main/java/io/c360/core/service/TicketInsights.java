package io.c360.core.service;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.config.ServiceConfig;
import io.c360.core.ingest.Snapshots;
import io.c360.core.profile.AsOfWindow;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * ticket_insights and ticket_queue of an as-of date: each ticket created up to it with its final category (the
 * desk's, else the predicted one) and where that came from, its priority and SLA flags ({@link TicketPriority}) and
 * its status at the end of the date; then the open ones ranked by priority.
 */
public final class TicketInsights {

  private final TicketPriority priority;

  /** @param bins the RFM score levels (c360.segments.rfm.bins) */
  public TicketInsights(ServiceConfig config, int bins) {
    this.priority = new TicketPriority(config, bins);
  }

  /**
   * The latest state of each ticket created up to the end of the as-of date (ticket_id, member_id, phone, created_ts,
   * first_response_ts, resolved_ts, category, text), an empty category read as none.
   */
  public static Dataset<Row> tickets(Dataset<Row> bronzeTickets, LocalDate asOf) {
    return Snapshots.latest(bronzeTickets, Source.TICKETS)
        .where(new AsOfWindow(asOf).seen(col("created_ts")))
        .select("ticket_id", "member_id", "phone", "created_ts", "first_response_ts", "resolved_ts", "category",
            "text")
        .withColumn("category", when(col("category").equalTo(""), lit(null)).otherwise(col("category")));
  }

  /** The tickets with an empty prediction, for a date without a classifier. */
  public static Dataset<Row> unclassified(Dataset<Row> tickets) {
    return tickets.withColumn(TicketClassifier.PREDICTED, lit(null).cast("string"))
        .withColumn(TicketClassifier.CONFIDENCE, lit(null).cast("double"));
  }

  /**
   * @param classified the tickets created up to the as-of date (ticket_id, created_ts, first_response_ts,
   *                   resolved_ts, category (null when the desk left none), text, customer_id) with
   *                   {@link TicketClassifier#PREDICTED} and {@link TicketClassifier#CONFIDENCE} (null without a
   *                   classifier)
   * @param customers  customer_id, m_score, member_tier, vip; may be null
   * @return the as-of date's ticket_insights rows
   */
  public Dataset<Row> insights(Dataset<Row> classified, Dataset<Row> customers, LocalDate asOf) {
    AsOfWindow window = new AsOfWindow(asOf);
    Dataset<Row> withCategory = classified
        .withColumn("final_category", coalesce(col("category"), col(TicketClassifier.PREDICTED)));
    return priority.transform(withCategory, customers, asOf)
        .withColumn(Columns.AS_OF, lit(Date.valueOf(asOf)))
        .withColumn("status", when(col("resolved_ts").isNotNull().and(window.seen(col("resolved_ts"))),
            lit("resolved")).otherwise(lit("open")))
        .withColumn("category_source", when(col("category").isNotNull(), lit("desk"))
            .when(col(TicketClassifier.PREDICTED).isNotNull(), lit("predicted")).otherwise(lit("none")));
  }

  /** The open tickets of {@code insights} ranked by priority: 1 the highest, ties by creation time, then ticket id. */
  public static Dataset<Row> queue(Dataset<Row> insights) {
    return insights.where(col("status").equalTo("open"))
        .withColumn("queue_rank", row_number().over(Window.orderBy(col("priority_score").desc(),
            col("created_ts"), col("ticket_id"))).cast("long"));
  }
}
