package io.c360.jobs.cli;

import io.c360.core.config.ConfigException;
import io.c360.core.sql.SqlAccessDeniedException;
import io.c360.jobs.InputException;
import io.c360.jobs.QualityGateException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The c360 command line. {@code System.exit} happens here only. */
@Command(name = "c360", mixinStandardHelpOptions = true, version = "c360 0.1.0",
    description = "Customer 360 analytics on a Delta lake: ingest, quality gates, SQL.",
    subcommands = {InitCommand.class, GenerateCommand.class, PipelineCommand.class, RunCommand.class, TablesCommand.class,
        SqlCommand.class, ExportSegmentCommand.class, ClvCommand.class, ChurnCommand.class, ExplainCommand.class,
        RecsCommand.class, AbReportCommand.class, AlertsCommand.class, ServeSqlCommand.class, ReportCommand.class,
        ForgetCommand.class, ChecksumCommand.class, EvaluateCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:ok", "1:a job failed", "2:usage or input error (bad option, conf, path, column, SQL)",
        "3:data-quality gate failed (nothing downstream published)", "4:c360 alerts: an Error-level KPI alert fired"})
public final class C360 {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (tests call this). */
  public static int execute(String... args) {
    boolean verbose = Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v");
    RunLog.install(verbose);
    CommandLine cli = new CommandLine(new C360());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      int code = exitCode(e);
      cmd.getErr().println("c360: " + (code == ExitCodes.JOB_FAILED ? "failed: " : "") + firstLine(rootMessage(e)));
      if (verbose) {
        e.printStackTrace(cmd.getErr());
      }
      return code;
    });
    return cli.execute(args);
  }

  static int exitCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof QualityGateException) {
        return ExitCodes.QUALITY_GATE;
      }
      if (t instanceof InputException || t instanceof ConfigException || t instanceof SqlAccessDeniedException
          || t instanceof org.apache.spark.sql.catalyst.parser.ParseException
          || t instanceof org.apache.spark.sql.AnalysisException) {
        return ExitCodes.USAGE;
      }
    }
    return ExitCodes.JOB_FAILED;
  }

  private static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof QualityGateException || t instanceof InputException || t instanceof ConfigException
          || t instanceof SqlAccessDeniedException) {
        return t.getMessage();
      }
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static String firstLine(String message) {
    String trimmed = message.strip();
    int nl = trimmed.indexOf('\n');
    return nl < 0 ? trimmed : trimmed.substring(0, nl);
  }
}
