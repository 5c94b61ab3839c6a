package io.c360.jobs.marketing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.marketing.Attribution;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.identity.IdentityJob;
import java.sql.Date;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * attribution: channel_attribution for the as-of date ({@link Attribution}) from the campaign touches and the
 * orders up to that date. Touches find their customer by account id, then member id (touches that carry only a
 * phone are not attributed); orders that count are those not cancelled, revenue is the paid amount. Skipped
 * without a campaign_touches source.
 */
@JobName("attribution")
public final class AttributionJob implements Job {

  public static final String MODEL_VERSION = "journeys-v1";

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    if (!lake.exists(Tables.bronze(Source.CAMPAIGN_TOUCHES))) {
      return JobResult.skipped("no campaign_touches source");
    }
    Date asOf = Date.valueOf(context.asOf());
    Attribution.Inputs inputs = Attribution.inputs(IdentityJob.customers(lake, context.asOf(), name()),
        lake.read(Tables.bronze(Source.CAMPAIGN_TOUCHES)), lake.read(Tables.bronze(Source.ORDERS)), context.asOf());
    Dataset<Row> attribution = new Attribution(context.config().attribution())
        .transform(inputs.touches(), inputs.orders()).withColumn(Columns.AS_OF, lit(asOf));
    lake.replaceAsOf(Tables.CHANNEL_ATTRIBUTION, context.asOf(), attribution);
    Dataset<Row> written = lake.read(Tables.CHANNEL_ATTRIBUTION).where(col(Columns.AS_OF).equalTo(asOf));
    List<String> perTouch = Attribution.rank(written, Attribution.MARKOV, "conversions_per_1000_touches");
    Row totals = written.where(col("model").equalTo("last_touch").and(col("campaign").isNull()))
        .agg(org.apache.spark.sql.functions.sum("touches"), org.apache.spark.sql.functions.sum("conversions"))
        .first();
    long touchCount = totals.isNullAt(0) ? 0 : totals.getLong(0);
    String summary = String.format(Locale.ROOT, "%,d touches, %,.0f converting journeys; markov conversions per "
        + "touch rank %s", touchCount, totals.isNullAt(1) ? 0.0 : totals.getDouble(1), perTouch);
    context.progress().line(name(), summary);
    return new JobResult(touchCount, lake.writtenRows(Tables.CHANNEL_ATTRIBUTION, context.asOf()), summary);
  }
}
