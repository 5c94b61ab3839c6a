package io.c360.core.profile;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Service-desk features of a customer from the latest state of the tickets created up to the as-of date. A
 * response or resolution after the as-of date has not happened yet at that point: the ticket counts as open and
 * its satisfaction score (given on resolution) is not used.
 */
public final class ServiceFeatures {

  /** Category label of tickets the desk did not classify. */
  public static final String UNCLASSIFIED = "unclassified";

  /** Columns that are 0, not null, for a customer without tickets. */
  public static final List<String> COUNTS = List.of("tickets", "tickets_90d", "open_tickets");

  private ServiceFeatures() {
  }

  /** @param tickets latest ticket states with customer_id, created up to the as-of date */
  public static Dataset<Row> aggregate(Dataset<Row> tickets, AsOfWindow asOf) {
    Column responded = coalesce(asOf.seen(col("first_response_ts")), lit(false));
    Column resolved = coalesce(asOf.seen(col("resolved_ts")), lit(false));
    Column created = unix_timestamp(col("created_ts"));
    return tickets.groupBy(Columns.CUSTOMER_ID).agg(
        count(lit(1)).as("tickets"),
        count(when(asOf.lastDays(to_date(col("created_ts")), 90), lit(1))).as("tickets_90d"),
        count(when(not(resolved), lit(1))).as("open_tickets"),
        max(to_date(col("created_ts"))).as("last_ticket_date"),
        Labels.counts(collect_list(coalesce(lower(trim(col("category"))), lit(UNCLASSIFIED))))
            .as("tickets_by_category"),
        median(when(responded, unix_timestamp(col("first_response_ts")).minus(created).divide(3600.0)))
            .as("median_first_response_hours"),
        median(when(resolved, unix_timestamp(col("resolved_ts")).minus(created).divide(3600.0)))
            .as("median_resolution_hours"),
        avg(when(resolved, col("satisfaction"))).as("mean_satisfaction"));
  }
}
