package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Tables;
import io.c360.jobs.InputException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "alerts", description = "Prints the KPI alerts of an as-of date (written by the alerts job); "
    + "exits with 4 when an Error-level alert fired, so a scheduler can notify.",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok, or only warnings", "2:usage or input error",
        "4:an Error-level alert fired"})
final class AlertsCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "As-of date (yyyy-MM-dd). Default: the latest date with an alerts run.")
  LocalDate asOf;

  @Override
  public Integer call() {
    try (Workspace ws = Workspace.open(common, true)) {
      if (!ws.lake.exists(Tables.ALERTS)) {
        throw new InputException("alerts: the lake at " + ws.lake.root() + " has no alerts table; run "
            + "`c360 run alerts --as-of DATE` (or the pipeline) first");
      }
      Date date = asOf != null ? Date.valueOf(asOf)
          : ws.lake.read(Tables.ALERTS).agg(max(Columns.AS_OF)).first().getDate(0);
      if (date == null) {
        System.out.println("no alerts have fired yet");
        return ExitCodes.OK;
      }
      List<Row> alerts = ws.lake.read(Tables.ALERTS).where(col(Columns.AS_OF).equalTo(date))
          .orderBy(col("level"), col("rule")).collectAsList();
      if (alerts.isEmpty()) {
        System.out.println("no alerts for " + date);
        return ExitCodes.OK;
      }
      boolean error = false;
      for (Row a : alerts) {
        System.out.println(date + " " + a.getAs("message"));
        error |= "error".equals(a.getAs("level"));
      }
      return error ? ExitCodes.ALERT : ExitCodes.OK;
    }
  }
}
