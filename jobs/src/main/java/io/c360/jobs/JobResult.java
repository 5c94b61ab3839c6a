package io.c360.jobs;

/** What a job read and wrote, for job_runs and the progress line. */
public record JobResult(long rowsIn, long rowsOut, String message) {
}
