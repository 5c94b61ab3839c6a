package io.c360.jobs.journey;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.journey.Funnels;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.identity.IdentityJob;
import java.sql.Date;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * funnels: funnel_daily for the {@code c360.journey.days} ending on the as-of date ({@link Funnels}), devices
 * labelled with their customer's five-tier segment of the as-of date. Skipped without an events source.
 */
@JobName("funnels")
public final class FunnelJob implements Job {

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    if (!lake.exists(Tables.bronze(Source.EVENTS))) {
      return JobResult.skipped("no events source");
    }
    Date asOf = Date.valueOf(context.asOf());
    Dataset<Row> devices = IdentityJob.customers(lake, context.asOf(), name())
        .where(col("entity_type").equalTo(IdentityGraph.DEVICE))
        .select(col("entity_key").as("device_id"), col(Columns.CUSTOMER_ID));
    Dataset<Row> segments = devices.withColumn("segment", lit(null).cast("string")).drop(Columns.CUSTOMER_ID);
    if (lake.exists(Tables.SEGMENT_HISTORY)) {
      Dataset<Row> fiveTier = lake.read(Tables.SEGMENT_HISTORY)
          .where(col(Columns.AS_OF).equalTo(asOf).and(col("segmentation").equalTo("five_tier")))
          .select(col(Columns.CUSTOMER_ID), col("segment"));
      segments = devices.join(fiveTier, new String[] {Columns.CUSTOMER_ID}, "left").select("device_id", "segment");
    }
    Dataset<Row> funnel = new Funnels(context.config().journey())
        .transform(lake.read(Tables.bronze(Source.EVENTS)), segments, context.asOf())
        .withColumn(Columns.AS_OF, lit(asOf));
    lake.replaceAsOf(Tables.FUNNEL_DAILY, context.asOf(), funnel);
    Dataset<Row> written = lake.read(Tables.FUNNEL_DAILY).where(col(Columns.AS_OF).equalTo(asOf));
    Row totals = written.where(col("step_no").equalTo(1)).agg(org.apache.spark.sql.functions.sum("devices"))
        .first();
    long rows = lake.writtenRows(Tables.FUNNEL_DAILY, context.asOf());
    long entries = totals.isNullAt(0) ? 0 : totals.getLong(0);
    String summary = String.format(Locale.ROOT, "%,d funnel rows; %,d device-days entered the funnel", rows,
        entries);
    context.progress().line(name(), summary);
    return new JobResult(entries, rows, summary);
  }
}
