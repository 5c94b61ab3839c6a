package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.jobs.InputException;
import io.c360.jobs.JobContext;
import io.c360.jobs.Pipeline;
import io.c360.jobs.Progress;
import io.c360.jobs.ingest.LatestOrder;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pipeline", description = {
    "Runs every job in order for one as-of date (the jobs, in order: c360 help run). Without --as-of, the date "
        + "is the day of the latest order in the sources.",
    "Re-running the same as-of date never duplicates. A failed Error-level quality check stops the run "
        + "(exit 3) before anything downstream is published."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:a job failed",
        "2:usage or input error", "3:data-quality gate failed (nothing downstream published)"})
final class PipelineCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Mixin
  AsOfOption asOf;

  @Mixin
  SourcesOption sources;

  @Option(names = "--json", description = "Print a JSON summary (stage times, rows, peak heap) instead of the tables.")
  boolean json;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    try (Workspace ws = Workspace.open(common, false)) {
      JobContext context = RunIds.context(ws, asOfDate(ws), sources.value(ws.config), Progress.stderr());
      List<Pipeline.Stage> stages = Pipeline.run(context);
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (json) {
        System.out.println(summary(context, stages, seconds));
      } else {
        for (TableDef table : ws.lake.existingTables()) {
          System.out.printf(Locale.ROOT, "%-32s %,12d rows%n", ws.lake.name(table), ws.lake.read(table).count());
        }
      }
      System.err.printf(Locale.ROOT, "[pipeline] as-of %s done in %.1f s, lake %s%n", context.asOf(), seconds,
          ws.lake.root());
      unidentified(ws, context).ifPresent(System.err::println);
      RunLog.written().ifPresent(log -> System.err.println("[pipeline] Spark's warnings and errors: " + log));
      List<String> skipped = stages.stream().filter(s -> s.skipped() != null)
          .map(s -> s.job() + " (" + s.skipped() + ")").toList();
      if (!skipped.isEmpty()) {
        System.err.println("[pipeline] skipped: " + String.join("; ", skipped));
      }
      return ExitCodes.OK;
    }
  }

  /**
   * --as-of, else the day of the latest order in the sources (a scheduler passes its own date; a user's export
   * is computed as of its own end, not as of today).
   */
  private LocalDate asOfDate(Workspace ws) {
    if (asOf.asOf != null) {
      return asOf.asOf;
    }
    Path input = sources.value(ws.config);
    LocalDate latest = LatestOrder.day(ws.spark, ws.config, input).orElseThrow(() -> new InputException(
        "orders: no order with a valid order_ts in " + input + "; pass --as-of DATE"));
    System.err.println("[pipeline] as-of " + latest + ": the day of the latest order in the sources (--as-of DATE "
        + "to choose another)");
    return latest;
  }

  /** The line on the orders no customer could be found for, from kpi_daily of the run's date. */
  private static Optional<String> unidentified(Workspace ws, JobContext context) {
    if (!ws.lake.exists(Tables.KPI_DAILY)) {
      return Optional.empty();
    }
    List<Row> kpis = ws.lake.read(Tables.KPI_DAILY).where(col(Columns.AS_OF).equalTo(Date.valueOf(context.asOf())))
        .select("orders", "unidentified_order_share", "unidentified_revenue_share").collectAsList();
    if (kpis.isEmpty() || kpis.get(0).isNullAt(0)) {
      return Optional.empty();
    }
    Row k = kpis.get(0);
    String revenue = k.isNullAt(2) ? "" : String.format(Locale.ROOT, ", %.1f%% of the revenue", 100 * k.getDouble(2));
    return Optional.of(String.format(Locale.ROOT, "[pipeline] %,d orders in the %d days to %s; %.1f%% of them%s "
        + "belong to no customer (no account, member, phone or email)", k.getLong(0),
        ws.config.segments().rfm().monetaryWindowDays(), context.asOf(), k.isNullAt(1) ? 0.0 : 100 * k.getDouble(1),
        revenue));
  }

  private static String summary(JobContext context, List<Pipeline.Stage> stages, double seconds) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "{\"as_of\":\"%s\",\"run_id\":\"%s\",\"seconds\":%.3f,\"peak_heap_mb\":%d,"
        + "\"stages\":[", context.asOf(), context.runId(), seconds, peakHeapMb()));
    for (int i = 0; i < stages.size(); i++) {
      Pipeline.Stage s = stages.get(i);
      sb.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"job\":\"%s\",\"seconds\":%.3f,\"rows_in\":%d,\"rows_out\":%d}", s.job(), s.seconds(), s.rowsIn(),
          s.rowsOut()));
    }
    return sb.append("]}").toString();
  }

  /** Sum of the heap pools' peak usage in this JVM (the driver, and the executors in local mode). */
  static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }
}
