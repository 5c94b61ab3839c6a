package io.c360.jobs;

/** A scheduled job: reads from the lake, calls a core transform, writes declared tables. Idempotent per as-of. */
public interface Job {

  /** The name used by {@code c360 run NAME}, in job_runs and in progress lines: the class's {@link JobName}. */
  default String name() {
    JobName name = getClass().getAnnotation(JobName.class);
    if (name == null) {
      throw new IllegalStateException(getClass().getName() + " has no @JobName");
    }
    return name.value();
  }

  JobResult run(JobContext context);
}
