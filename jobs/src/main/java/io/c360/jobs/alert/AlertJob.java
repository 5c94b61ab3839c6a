package io.c360.jobs.alert;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.c360.core.alert.Alerts;
import io.c360.core.catalog.Columns;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import java.sql.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * alerts: evaluates {@code c360.alerts.rules} ({@link Alerts}) on the as-of date's kpi_daily and service_kpis rows
 * and its data-quality results (the latest gate run of the date: failed checks, failed Error-level checks), change
 * rules against the latest earlier as-of date of kpi_daily, and replaces the date's rows of alerts. The job itself
 * succeeds when alerts fire; {@code c360 alerts} reports them with exit code 4 on an Error-level one.
 */
@JobName("alerts")
public final class AlertJob implements Job {

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    Date asOf = Date.valueOf(context.asOf());
    Map<String, Double> current = metrics(lake, asOf);
    current.putAll(dataQuality(lake, asOf));
    Map<String, Double> previous = new HashMap<>();
    if (lake.exists(Tables.KPI_DAILY)) {
      Date before = lake.read(Tables.KPI_DAILY).where(col(Columns.AS_OF).lt(asOf)).agg(max(Columns.AS_OF)).first()
          .getDate(0);
      if (before != null) {
        previous = metrics(lake, before);
      }
    }
    List<Alerts.Alert> fired = new Alerts(context.config().alerts()).evaluate(current, previous);
    List<Row> rows = fired.stream().map(a -> RowFactory.create(asOf, a.rule(), a.level(), a.metric(), a.observed(),
        a.threshold(), a.message())).toList();
    lake.replaceAsOf(Tables.ALERTS, context.asOf(), context.spark().createDataFrame(rows, Tables.ALERTS.schema()));
    for (Alerts.Alert a : fired) {
      context.progress().line(name(), a.message());
    }
    long errors = fired.stream().filter(a -> a.level().equals("error")).count();
    String summary = String.format(Locale.ROOT, "%d rules on %d metrics: %d alerts (%d error)",
        context.config().alerts().rules().size(), current.size(), fired.size(), errors);
    context.progress().line(name(), summary);
    return new JobResult(current.size(), fired.size(), summary);
  }

  /** The numeric columns of the date's kpi_daily and service_kpis rows. */
  private static Map<String, Double> metrics(Lake lake, Date day) {
    Map<String, Double> values = new HashMap<>();
    for (TableDef table : List.of(Tables.KPI_DAILY, Tables.SERVICE_KPIS)) {
      if (!lake.exists(table)) {
        continue;
      }
      List<Row> rows = lake.read(table).where(col(Columns.AS_OF).equalTo(day)).limit(1).collectAsList();
      if (rows.isEmpty()) {
        continue;
      }
      Row row = rows.get(0);
      for (StructField field : row.schema().fields()) {
        int i = row.fieldIndex(field.name());
        if (field.dataType() instanceof NumericType && !row.isNullAt(i)) {
          values.put(field.name(), ((Number) row.get(i)).doubleValue());
        }
      }
    }
    return values;
  }

  /** dq_failures and dq_errors of the date's latest gate run; nothing when the date has no dq_results. */
  private static Map<String, Double> dataQuality(Lake lake, Date day) {
    if (!lake.exists(Tables.DQ_RESULTS)) {
      return Map.of();
    }
    Dataset<Row> results = lake.read(Tables.DQ_RESULTS).where(col(Columns.AS_OF).equalTo(day));
    Row latest = results.agg(max("checked_at")).first();
    if (latest.isNullAt(0)) {
      return Map.of();
    }
    String run = results.where(col("checked_at").equalTo(lit(latest.getTimestamp(0)))).select("run_id").first()
        .getString(0);
    Row counts = results.where(col("run_id").equalTo(run).and(col("status").equalTo("fail")))
        .agg(org.apache.spark.sql.functions.count(lit(1)),
            org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.when(col("level").equalTo("error"),
                1))).first();
    return Map.of("dq_failures", (double) counts.getLong(0), "dq_errors", (double) counts.getLong(1));
  }
}
