package io.c360.jobs;

/**
 * What a job read and wrote, for job_runs and the progress line.
 *
 * @param skipped the job had nothing it could do on the data at hand (a missing source, too little history, a model
 *                that cannot be fitted): {@code message} says why in one line, and later jobs still run
 */
public record JobResult(long rowsIn, long rowsOut, String message, boolean skipped) {

  public JobResult(long rowsIn, long rowsOut, String message) {
    this(rowsIn, rowsOut, message, false);
  }

  /** A job that wrote nothing, and why (one line, e.g. "no tickets source"). */
  public static JobResult skipped(String why) {
    return new JobResult(0, 0, why, true);
  }
}
