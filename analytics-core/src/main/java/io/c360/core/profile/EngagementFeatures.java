package io.c360.core.profile;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * App engagement of a customer from the events of their devices: events in the last 30 and 90 days, active days
 * in the last 30 days, the latest event, and the usual city: the city with the most location events (events carrying coordinates),
 * then the most events, then the name that sorts last.
 */
public final class EngagementFeatures {

  /** Columns that are 0, not null, for a customer without events. */
  public static final List<String> COUNTS = List.of("events_30d", "events_90d", "active_days_30d");

  private EngagementFeatures() {
  }

  /** @param events events with customer_id, up to the as-of date */
  public static Dataset<Row> aggregate(Dataset<Row> events, AsOfWindow asOf) {
    Column day = to_date(col("event_ts"));
    Column recent = asOf.lastDays(day, 30);
    Column quarter = asOf.lastDays(day, 90);
    Column located = col("lat").isNotNull().and(col("lon").isNotNull());
    Dataset<Row> perCity = events.withColumn("_city", trim(col("city"))).groupBy(Columns.CUSTOMER_ID, "_city").agg(
        count(lit(1)).as("_events"),
        count(when(located, lit(1))).as("_located"),
        count(when(recent, lit(1))).as("_recent"),
        count(when(quarter, lit(1))).as("_quarter"),
        collect_set(when(recent, day)).as("_days"),
        max(col("event_ts")).as("_last"));
    return perCity.groupBy(Columns.CUSTOMER_ID).agg(
        sum("_recent").as("events_30d"),
        sum("_quarter").as("events_90d"),
        size(array_distinct(flatten(collect_list(col("_days"))))).as("active_days_30d"),
        max("_last").as("last_event_ts"),
        max(when(col("_city").isNotNull(), struct(col("_located"), col("_events"), col("_city"))))
            .getField("_city").as("usual_city"));
  }
}
