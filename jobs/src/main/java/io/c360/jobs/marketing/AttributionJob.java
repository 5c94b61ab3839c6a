package io.c360.jobs.marketing;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.marketing.Attribution;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.CustomerKeys;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
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
public final class AttributionJob implements Job {

  public static final String MODEL_VERSION = "journeys-v1";

  @Override
  public String name() {
    return "attribution";
  }

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    if (!lake.exists(Tables.bronze(Source.CAMPAIGN_TOUCHES))) {
      return JobResult.skipped("no campaign_touches source");
    }
    Date asOf = Date.valueOf(context.asOf());
    AsOfWindow window = new AsOfWindow(context.asOf());
    Dataset<Row> identityMap = IdentityJob.customers(lake, context.asOf(), name());
    Dataset<Row> accounts = identityMap.where(col("entity_type").equalTo(IdentityGraph.ACCOUNT))
        .select(col("entity_key").as("_account"), col("customer_id").as("_by_account"));
    Dataset<Row> members = identityMap.where(col("entity_type").equalTo(IdentityGraph.MEMBER))
        .select(col("entity_key").as("_member"), col("customer_id").as("_by_member"));
    Dataset<Row> raw = lake.read(Tables.bronze(Source.CAMPAIGN_TOUCHES)).where(window.seen(col("touch_ts")));
    Dataset<Row> touches = raw
        .join(accounts, raw.col("account_id").equalTo(col("_account")), "left")
        .join(members, raw.col("member_id").equalTo(col("_member")), "left")
        .withColumn("customer_id", coalesce(col("_by_account"), col("_by_member")))
        .where(col("customer_id").isNotNull().and(col("channel").isNotNull()))
        .select("customer_id", "touch_id", "channel", "campaign", "touch_ts", "cost");
    Dataset<Row> orders = new CustomerKeys(identityMap, null).orders(lake.read(Tables.bronze(Source.ORDERS))
            .where(window.seen(col("order_ts"))))
        .where(col("status").isNull().or(col("status").notEqual("cancelled")))
        .select(col("customer_id"), col("order_id"), col("order_ts"),
            when(col("status").isNull().or(col("status").equalTo("paid")), col("total_amount")).otherwise(lit(0))
                .cast("double").as("revenue"));
    Dataset<Row> attribution = new Attribution(context.config().attribution()).transform(touches, orders)
        .withColumn("as_of", lit(asOf));
    lake.replaceWhere(Tables.CHANNEL_ATTRIBUTION, attribution, "as_of = '" + context.asOf() + "'");
    Dataset<Row> written = lake.read(Tables.CHANNEL_ATTRIBUTION).where(col("as_of").equalTo(asOf));
    List<String> perTouch = Attribution.rank(written, Attribution.MARKOV, "conversions_per_1000_touches");
    Row totals = written.where(col("model").equalTo("last_touch").and(col("campaign").isNull()))
        .agg(org.apache.spark.sql.functions.sum("touches"), org.apache.spark.sql.functions.sum("conversions"))
        .first();
    long touchCount = totals.isNullAt(0) ? 0 : totals.getLong(0);
    String summary = String.format(Locale.ROOT, "%,d touches, %,.0f converting journeys; markov conversions per "
        + "touch rank %s", touchCount, totals.isNullAt(1) ? 0.0 : totals.getDouble(1), perTouch);
    context.progress().line(name(), summary);
    return new JobResult(touchCount, written.count(), summary);
  }
}
