package io.c360.jobs;

import io.c360.jobs.ingest.IngestJob;
import io.c360.jobs.quality.QualityGateJob;
import java.util.List;
import java.util.Optional;

/** The jobs of c360 in pipeline order. Later jobs only run when every earlier one succeeded. */
public final class Pipeline {

  private static final List<Job> JOBS = List.of(new IngestJob(), new QualityGateJob());

  private Pipeline() {
  }

  public static List<Job> jobs() {
    return JOBS;
  }

  public static List<String> names() {
    return JOBS.stream().map(Job::name).toList();
  }

  public static Optional<Job> job(String name) {
    return JOBS.stream().filter(j -> j.name().equals(name)).findFirst();
  }

  /** Runs every job in order; an exception from one stops the pipeline before the next publishes. */
  public static void run(JobContext context) {
    JobRunner runner = new JobRunner(context);
    for (Job job : JOBS) {
      runner.run(job);
    }
  }
}
