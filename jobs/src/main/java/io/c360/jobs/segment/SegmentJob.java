package io.c360.jobs.segment;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.SegmentConfig;
import io.c360.core.segment.Kpis;
import io.c360.core.segment.Migration;
import io.c360.core.segment.Segments;
import io.c360.core.segment.Tags;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
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
public final class SegmentJob implements Job {

  @Override
  public String name() {
    return "segments";
  }

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    Date asOf = Date.valueOf(context.asOf());
    String where = "as_of = '" + context.asOf() + "'";
    SegmentConfig config = context.config().segments();
    Dataset<Row> profiles = lake.readAsOf(Tables.CUSTOMER_360, context.asOf(), name(), "customer_360").drop("as_of");
    Dataset<Row> identityMap = IdentityJob.customers(lake, context.asOf(), name());
    Dataset<Row> allOrders = Segments.orders(identityMap, lake.read(Tables.bronze(Source.ORDERS)), context.asOf())
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> orders = allOrders.where(col("customer_id").isNotNull());
    Segments segments = new Segments(config);
    Dataset<Row> wide = segments.wide(profiles, orders, context.asOf()).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      lake.replaceWhere(Tables.CUSTOMER_SEGMENTS, Segments.table(wide), where);
      Dataset<Row> written = lake.read(Tables.CUSTOMER_SEGMENTS).where(col("as_of").equalTo(asOf));
      Dataset<Row> history = segments.history(written);
      lake.replaceWhere(Tables.SEGMENT_HISTORY, history, where);
      Dataset<Row> historyToday = lake.read(Tables.SEGMENT_HISTORY).where(col("as_of").equalTo(asOf));

      Dataset<Row> tags = new Tags(config.tags()).transform(profiles, orders, bronze(lake, Source.ORDER_ITEMS),
          bronze(lake, Source.PRODUCTS), context.asOf());
      lake.replaceWhere(Tables.CUSTOMER_TAGS, tags, where);

      Date previous = lake.read(Tables.SEGMENT_HISTORY).where(col("as_of").lt(asOf)).agg(max("as_of")).first()
          .getDate(0);
      if (previous != null) {
        Dataset<Row> earlier = lake.read(Tables.SEGMENT_HISTORY).where(col("as_of").equalTo(previous));
        lake.replaceWhere(Tables.SEGMENT_MIGRATION, Migration.transform(earlier, previous.toLocalDate(),
            historyToday, context.asOf()), where);
      } else if (lake.exists(Tables.SEGMENT_MIGRATION)) {
        lake.replaceWhere(Tables.SEGMENT_MIGRATION, lake.read(Tables.SEGMENT_MIGRATION).limit(0), where);
      }
      lake.replaceWhere(Tables.KPI_DAILY, Kpis.transform(wide, historyToday, allOrders, config, context.asOf()),
          where);

      Row kpi = lake.read(Tables.KPI_DAILY).where(col("as_of").equalTo(asOf)).first();
      long customers = kpi.getAs("customers");
      if (kpi.isNullAt(kpi.fieldIndex("revenue")) && (long) kpi.getAs("orders") > 0) {
        context.progress().line(name(), "the orders carry no amounts: monetary, m_score, revenue, growth value and "
            + "the value quadrant are empty; the five tiers leave their spend conditions out");
      }
      long tagRows = lake.read(Tables.CUSTOMER_TAGS).where(col("as_of").equalTo(asOf)).count();
      String summary = String.format(Locale.ROOT, "%,d customers, %,d buyers, %,d tags; five tiers %s%s", customers,
          (long) kpi.getAs("buyers"), tagRows, fiveTierSizes(historyToday),
          previous == null ? "; no earlier as-of date for migration" : "; migration from " + previous);
      context.progress().line(name(), summary);
      return new JobResult(customers, customers, summary);
    } finally {
      wide.unpersist();
      allOrders.unpersist();
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
