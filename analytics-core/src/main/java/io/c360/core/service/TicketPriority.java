package io.c360.core.service;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.config.ServiceConfig;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.text.SentimentScorer;
import java.time.LocalDate;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Ticket priority and SLA flags as of a date. The score (0-100) is a weighted mean of three parts in [0, 1]
 * ({@code c360.service.priority.weights}):
 * <ul>
 *   <li>value: 0.5 x (M score - 1) / (bins - 1) + 0.3 x the member tier's weight ({@code tier-weights}) + 0.2 if
 *       the customer is VIP (five tier high_value); 0 for a ticket of no known customer;</li>
 *   <li>severity: 0.6 x the category's weight ({@code category-weights}, 0.5 for an unknown category) + 0.4 x the
 *       negative part of the text's sentiment (lexicon scorer, [-1, 1]);</li>
 *   <li>waiting: hours from creation to resolution (open: to the end of the as-of date) / the SLA resolution
 *       hours, capped at 1.</li>
 * </ul>
 * SLA flags ({@code c360.service.sla}): the first response (resolution) is breached when it came, or has not come
 * by the end of the as-of date, more than {@code first-response-hours} ({@code resolution-hours}) after creation.
 */
public final class TicketPriority {

  private final ServiceConfig.Priority priority;
  private final ServiceConfig.Sla sla;
  private final int bins;

  /** @param bins the RFM score levels (c360.segments.rfm.bins) */
  public TicketPriority(ServiceConfig config, int bins) {
    this.priority = config.priority();
    this.sla = config.sla();
    this.bins = bins;
  }

  /**
   * @param tickets   ticket_id, created_ts, first_response_ts, resolved_ts, final_category, text, customer_id
   * @param customers customer_id, m_score, member_tier, vip (boolean); may be null
   * @return the tickets with sentiment, value_score, severity_score, waiting_hours, priority_score,
   *         first_response_breached and resolution_breached
   */
  public Dataset<Row> transform(Dataset<Row> tickets, Dataset<Row> customers, LocalDate asOf) {
    AsOfWindow window = new AsOfWindow(asOf);
    Column end = lit(java.sql.Timestamp.valueOf(asOf.plusDays(1).atStartOfDay())).cast("long");
    Dataset<Row> rows = tickets;
    if (customers != null) {
      rows = rows.join(customers.select(col(Columns.CUSTOMER_ID), col("m_score").as("_m"),
          col("member_tier").as("_tier"), col("vip").as("_vip")), new String[] {Columns.CUSTOMER_ID}, "left");
    } else {
      rows = rows.withColumn("_m", lit(null).cast("int")).withColumn("_tier", lit(null).cast("string"))
          .withColumn("_vip", lit(null).cast("boolean"));
    }
    Column created = col("created_ts").cast("long");
    Column firstResponse = when(col("first_response_ts").isNotNull().and(window.seen(col("first_response_ts"))),
        col("first_response_ts").cast("long")).otherwise(end);
    Column resolved = when(col("resolved_ts").isNotNull().and(window.seen(col("resolved_ts"))),
        col("resolved_ts").cast("long")).otherwise(end);
    Column value = when(col(Columns.CUSTOMER_ID).isNull(), lit(0.0)).otherwise(
        lit(0.5).multiply(coalesce(col("_m").minus(1).divide(bins - 1.0), lit(0.0)))
            .plus(lit(0.3).multiply(weight(col("_tier"), priority.tierWeights(), 0.0)))
            .plus(when(coalesce(col("_vip"), lit(false)), lit(0.2)).otherwise(lit(0.0))));
    Column severity = lit(0.6).multiply(weight(col("final_category"), priority.categoryWeights(), 0.5))
        .plus(lit(0.4).multiply(greatest(lit(0.0), coalesce(col("sentiment"), lit(0.0)).multiply(-1))));
    Column waiting = least(lit(1.0), col("waiting_hours").divide(sla.resolutionHours()));
    double total = priority.valueWeight() + priority.severityWeight() + priority.waitingWeight();
    Column score = round(lit(100.0 / total).multiply(col("value_score").multiply(priority.valueWeight())
        .plus(col("severity_score").multiply(priority.severityWeight()))
        .plus(waiting.multiply(priority.waitingWeight()))), 2);
    return rows
        .withColumn("sentiment", SentimentScorer.sentiment(col("text")))
        .withColumn("value_score", value)
        .withColumn("severity_score", severity)
        .withColumn("waiting_hours", resolved.minus(created).divide(3600.0))
        .withColumn("priority_score", score)
        .withColumn("first_response_breached", firstResponse.minus(created).gt(sla.firstResponseHours() * 3600.0))
        .withColumn("resolution_breached", resolved.minus(created).gt(sla.resolutionHours() * 3600.0))
        .drop("_m", "_tier", "_vip");
  }

  private static Column weight(Column key, Map<String, Double> weights, double otherwise) {
    Column result = lit(otherwise);
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      result = when(key.equalTo(e.getKey()), lit(e.getValue())).otherwise(result);
    }
    return result;
  }
}
