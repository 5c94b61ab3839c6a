package io.c360.jobs;

/** A scheduled job: reads from the lake, calls a core transform, writes declared tables. Idempotent per as-of. */
public interface Job {

  /** The name used by {@code c360 run NAME}, in job_runs and in progress lines. */
  String name();

  JobResult run(JobContext context);
}
