package io.c360.jobs;

/**
 * Thrown from inside a job that finds nothing it can do on the data at hand (a model that cannot be fitted: too few
 * customers or classes, no convergence). {@link JobRunner} records the job as skipped with this one-line message
 * and the pipeline goes on; nothing of the job's is written.
 */
public final class JobSkipped extends RuntimeException {

  public JobSkipped(String why) {
    super(why);
  }

  public JobSkipped(String why, Throwable cause) {
    super(why, cause);
  }
}
