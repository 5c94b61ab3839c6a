package io.c360.jobs.cli;

import io.c360.core.catalog.TableDef;
import io.c360.jobs.JobContext;
import io.c360.jobs.Pipeline;
import io.c360.jobs.Progress;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pipeline", description = {
    "Runs every job in order for one as-of date (the jobs, in order: c360 help run).",
    "Re-running the same as-of date never duplicates. A failed Error-level quality check stops the run "
        + "(exit 3) before anything downstream is published."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:a job failed",
        "2:usage or input error", "3:data-quality gate failed (nothing downstream published)"})
final class PipelineCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Mixin
  AsOfOption asOf;

  @Option(names = "--sources", paramLabel = "DIR",
      description = "Folder of the raw sources (one sub-folder per source). Default: c360.input-dir (./sample).")
  Path sources;

  @Option(names = "--json", description = "Print a JSON summary (stage times, rows, peak heap) instead of the tables.")
  boolean json;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    try (Workspace ws = Workspace.open(common, false)) {
      JobContext context = RunIds.context(ws, asOf.value(), sources, Progress.stderr());
      List<Pipeline.Stage> stages = Pipeline.run(context);
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf(Locale.ROOT, "[pipeline] as-of %s done in %.1f s, lake %s%n", context.asOf(), seconds,
          ws.lake.root());
      if (json) {
        System.out.println(summary(context, stages, seconds));
        return ExitCodes.OK;
      }
      for (TableDef table : ws.lake.existingTables()) {
        System.out.printf(Locale.ROOT, "%-32s %,12d rows%n", ws.lake.name(table), ws.lake.read(table).count());
      }
      return ExitCodes.OK;
    }
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
