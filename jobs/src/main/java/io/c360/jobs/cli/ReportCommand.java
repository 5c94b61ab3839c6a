package io.c360.jobs.cli;

import io.c360.jobs.InputException;
import io.c360.notebooks.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", description = {
    "Writes the analyst notebooks (one Jupyter notebook per topic, outputs pre-rendered) and one self-contained "
        + "HTML report with charts for an as-of date: KPIs and their trend, segments and migrations, the RFM grid, "
        + "CLV, the churn model's lift, gain, calibration and SHAP importance, recommendation precision against "
        + "the baseline, data quality.",
    "Reads the lake as an analyst (aggregates only, no personal data). A section whose table is not in the lake "
        + "says so. report.html and NN_<topic>.ipynb in DIR are replaced."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:reading the lake or writing failed",
        "2:usage or input error: --out is a file, no result tables in the lake"})
final class ReportCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created).")
  Path out;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "As-of date (yyyy-MM-dd). Default: the latest date of kpi_daily (else of the other results).")
  LocalDate asOf;

  @Override
  public Integer call() {
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new InputException("report: --out " + out + " is a file; give a folder");
    }
    try (Workspace ws = Workspace.open(common, true)) {
      String database = ws.lake.database();
      LocalDate day = asOf != null ? asOf : Report.latestAsOf(ws.spark, database).orElseThrow(() ->
          new InputException("report: the lake at " + ws.lake.root() + " has no result tables yet; run the "
              + "pipeline first"));
      Report.Written written = Report.write(ws.spark, database, ws.lake.root(), day, out);
      System.out.println("report as of " + day + ": " + written.html() + " and " + written.notebooks().size()
          + " notebooks in " + out + " (" + written.sections() + " sections"
          + (written.missing().isEmpty() ? ")" : ", without their table: " + String.join(", ", written.missing())
          + ")"));
    }
    return ExitCodes.OK;
  }
}
