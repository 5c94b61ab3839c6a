package io.c360.core.journey;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.JourneyConfig;
import io.c360.core.profile.AsOfWindow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Journey funnels per day, channel and segment. A device reaches step k on a day when it has events of every step
 * 1..k on that day (in any order within the day), so step counts never grow along the funnel. Two aggregations:
 * per day and device (one flag per step), then per day, channel and segment.
 */
public final class Funnels {

  /** The events source holds app events; a later web or store source would bring its own channel. */
  public static final String APP = "app";
  public static final String UNKNOWN_SEGMENT = "unknown";

  private final JourneyConfig config;

  public Funnels(JourneyConfig config) {
    this.config = config;
  }

  /**
   * @param events   device_id, event_ts, event_type (bronze events)
   * @param segments device_id, segment (null or missing device: unknown)
   * @return day, channel, segment, step_no, step, devices, conversion, step_conversion, drop_off for the
   *         {@code journey.days} ending on the as-of date
   */
  public Dataset<Row> transform(Dataset<Row> events, Dataset<Row> segments, LocalDate asOf) {
    List<String> steps = config.steps();
    AsOfWindow window = new AsOfWindow(asOf);
    List<Column> flags = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      flags.add(max(when(col("event_type").equalTo(steps.get(i)), 1).otherwise(0)).as("_s" + i));
    }
    Dataset<Row> perDevice = events
        .where(col("event_type").isin(steps.toArray()).and(window.seen(col("event_ts"))))
        .withColumn("day", to_date(col("event_ts")))
        .where(window.lastDays(col("day"), config.days()))
        .groupBy(col("day"), col("device_id"))
        .agg(flags.get(0), flags.subList(1, flags.size()).toArray(new Column[0]));
    Dataset<Row> labelled = perDevice.join(segments.select(col("device_id"), col("segment").as("_segment")),
            new String[] {"device_id"}, "left")
        .withColumn("channel", lit(APP))
        .withColumn("segment", coalesce(col("_segment"), lit(UNKNOWN_SEGMENT)));
    List<Column> reached = new ArrayList<>();
    for (int k = 0; k < steps.size(); k++) {
      Column all = col("_s0");
      if (k > 0) {
        Column[] upTo = new Column[k + 1];
        for (int i = 0; i <= k; i++) {
          upTo[i] = col("_s" + i);
        }
        all = least(upTo);
      }
      reached.add(sum(all).as("_d" + k));
    }
    Dataset<Row> counts = labelled.groupBy("day", "channel", "segment")
        .agg(reached.get(0), reached.subList(1, reached.size()).toArray(new Column[0]))
        .where(col("_d0").gt(0));
    Column[] stepRows = new Column[steps.size()];
    for (int k = 0; k < steps.size(); k++) {
      Column devices = col("_d" + k);
      Column previous = k == 0 ? devices : col("_d" + (k - 1));
      Column stepConversion = when(previous.gt(0), devices.divide(previous));
      stepRows[k] = struct(lit(k + 1).as("step_no"), lit(steps.get(k)).as("step"), devices.cast("long").as("devices"),
          devices.divide(col("_d0")).as("conversion"), stepConversion.as("step_conversion"),
          lit(1.0).minus(stepConversion).as("drop_off"));
    }
    return counts.withColumn("_step", explode(array(stepRows)))
        .select(col("day"), col("channel"), col("segment"), col("_step.step_no").as("step_no"),
            col("_step.step").as("step"), col("_step.devices").as("devices"),
            col("_step.conversion").as("conversion"), col("_step.step_conversion").as("step_conversion"),
            col("_step.drop_off").as("drop_off"));
  }
}
