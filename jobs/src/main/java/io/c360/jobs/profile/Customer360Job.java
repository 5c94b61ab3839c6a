package io.c360.jobs.profile;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.profile.Customer360;
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
 * customer_360: the profile of every customer of the as-of date's identity map, from the bronze tables cut at that
 * date ({@link Customer360}); replaces the as-of date's rows.
 */
@JobName("customer_360")
public final class Customer360Job implements Job {

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    Date asOf = Date.valueOf(context.asOf());
    Dataset<Row> identityMap = IdentityJob.customers(lake, context.asOf(), name());
    Customer360.Inputs inputs = inputs(lake, identityMap);
    Dataset<Row> profiles = new Customer360(context.config().identity()).transform(inputs, context.asOf());
    lake.replaceAsOf(Tables.CUSTOMER_360, context.asOf(), profiles);

    Row sizes = lake.read(Tables.CUSTOMER_360).where(col(Columns.AS_OF).equalTo(asOf))
        .agg(count(lit(1)), count(when(col("orders").gt(0), lit(1)))).first();
    long customers = sizes.getLong(0);
    String summary = String.format(Locale.ROOT, "%,d customers, %,d with orders", customers, sizes.getLong(1));
    context.progress().line(name(), summary);
    return new JobResult(customers, customers, summary);
  }

  /** The identity map and every bronze source customer_360 reads (null for a source never ingested). */
  public static Customer360.Inputs inputs(Lake lake, Dataset<Row> identityMap) {
    return new Customer360.Inputs(identityMap, bronze(lake, Source.ORDERS), bronze(lake, Source.ORDER_ITEMS),
        bronze(lake, Source.PRODUCTS), bronze(lake, Source.MEMBERS), bronze(lake, Source.TICKETS),
        bronze(lake, Source.REVIEWS), bronze(lake, Source.SURVEYS), bronze(lake, Source.EVENTS));
  }

  private static Dataset<Row> bronze(Lake lake, Source source) {
    TableDef table = Tables.bronze(source);
    return lake.exists(table) ? lake.read(table) : null;
  }
}
