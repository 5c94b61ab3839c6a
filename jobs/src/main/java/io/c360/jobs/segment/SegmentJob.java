package io.c360.jobs.segment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.SegmentConfig;
import io.c360.core.segment.Segments;
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
import org.apache.spark.storage.StorageLevel;

/**
 * segments: customer_segments, customer_tags, segment_history, segment_migration (against the latest earlier
 * as-of date in segment_history) and kpi_daily for the as-of date, each replacing that date's rows.
 */
@JobName("segments")
public final class SegmentJob implements Job {

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    Date asOf = Date.valueOf(context.asOf());
    SegmentConfig config = context.config().segments();
    Dataset<Row> profiles = lake.readAsOf(Tables.CUSTOMER_360, context.asOf(), name(), "customer_360")
        .drop(Columns.AS_OF);
    Dataset<Row> identityMap = IdentityJob.customers(lake, context.asOf(), name());
    Dataset<Row> orders = Segments.orders(identityMap, lake.read(Tables.bronze(Source.ORDERS)), context.asOf())
        .persist(StorageLevel.MEMORY_AND_DISK());
    Date previous = lake.exists(Tables.SEGMENT_HISTORY) ? lake.read(Tables.SEGMENT_HISTORY)
        .where(col(Columns.AS_OF).lt(asOf)).agg(max(Columns.AS_OF)).first().getDate(0) : null;
    Segments.Earlier earlier = previous == null ? null : new Segments.Earlier(lake.read(Tables.SEGMENT_HISTORY)
        .where(col(Columns.AS_OF).equalTo(previous)), previous.toLocalDate());
    try (Segments.Output out = new Segments(config).transform(profiles, orders, bronze(lake, Source.ORDER_ITEMS),
        bronze(lake, Source.PRODUCTS), earlier, context.asOf())) {
      lake.replaceAsOf(Tables.CUSTOMER_SEGMENTS, context.asOf(), out.segments());
      lake.replaceAsOf(Tables.SEGMENT_HISTORY, context.asOf(), out.history());
      lake.replaceAsOf(Tables.CUSTOMER_TAGS, context.asOf(), out.tags());
      if (out.migration().isPresent()) {
        lake.replaceAsOf(Tables.SEGMENT_MIGRATION, context.asOf(), out.migration().get());
      } else if (lake.exists(Tables.SEGMENT_MIGRATION)) {
        lake.replaceAsOf(Tables.SEGMENT_MIGRATION, context.asOf(), lake.read(Tables.SEGMENT_MIGRATION).limit(0));
      }
      lake.replaceAsOf(Tables.KPI_DAILY, context.asOf(), out.kpis());

      Row kpi = lake.read(Tables.KPI_DAILY).where(col(Columns.AS_OF).equalTo(asOf)).first();
      long customers = kpi.getAs("customers");
      if (kpi.isNullAt(kpi.fieldIndex("revenue")) && (long) kpi.getAs("orders") > 0) {
        context.progress().line(name(), "the orders carry no amounts: monetary, m_score, revenue, growth value and "
            + "the value quadrant are empty; the five tiers leave their spend conditions out");
      }
      long tagRows = lake.writtenRows(Tables.CUSTOMER_TAGS, context.asOf());
      Dataset<Row> history = lake.read(Tables.SEGMENT_HISTORY).where(col(Columns.AS_OF).equalTo(asOf));
      String summary = String.format(Locale.ROOT, "%,d customers, %,d buyers, %,d tags; five tiers %s%s", customers,
          (long) kpi.getAs("buyers"), tagRows, fiveTierSizes(history),
          previous == null ? "; no earlier as-of date for migration" : "; migration from " + previous);
      context.progress().line(name(), summary);
      return new JobResult(customers, customers, summary);
    } finally {
      orders.unpersist();
    }
  }

  private static String fiveTierSizes(Dataset<Row> history) {
    StringBuilder sb = new StringBuilder();
    for (Row row : history.where(col("segmentation").equalTo("five_tier")).groupBy("segment").count()
        .orderBy("segment").collectAsList()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(row.getString(0)).append(' ')
          .append(String.format(Locale.ROOT, "%,d", row.getLong(1)));
    }
    return sb.toString();
  }

  private static Dataset<Row> bronze(Lake lake, Source source) {
    TableDef table = Tables.bronze(source);
    return lake.exists(table) ? lake.read(table) : null;
  }
}
