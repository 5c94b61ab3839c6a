package io.c360.jobs.cli;

/** The documented exit codes of every c360 command. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int JOB_FAILED = 1;
  public static final int USAGE = 2;
  public static final int QUALITY_GATE = 3;
  public static final int ALERT = 4;

  static final String[] HELP = {
      "0:ok",
      "1:a job failed",
      "2:usage or input error (bad option, conf, path, column, SQL)",
      "3:data-quality gate failed (nothing downstream published)",
      "4:c360 alerts: an Error-level KPI alert fired"};

  private ExitCodes() {
  }
}
