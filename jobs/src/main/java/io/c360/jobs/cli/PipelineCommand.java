package io.c360.jobs.cli;

import io.c360.core.catalog.TableDef;
import io.c360.jobs.JobContext;
import io.c360.jobs.Pipeline;
import io.c360.jobs.Progress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pipeline", description = {
    "Runs every job in order for one as-of date: ingest -> gate.",
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

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    try (Workspace ws = Workspace.open(common, false)) {
      JobContext context = RunIds.context(ws, asOf.value(), sources, Progress.stderr());
      Pipeline.run(context);
      System.err.printf(Locale.ROOT, "[pipeline] as-of %s done in %.1f s, lake %s%n", context.asOf(),
          (System.nanoTime() - t0) / 1e9, ws.lake.root());
      for (TableDef table : ws.lake.existingTables()) {
        System.out.printf(Locale.ROOT, "%-32s %,12d rows%n", ws.lake.name(table), ws.lake.read(table).count());
      }
      return ExitCodes.OK;
    }
  }
}
