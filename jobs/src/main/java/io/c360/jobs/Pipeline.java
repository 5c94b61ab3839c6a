package io.c360.jobs;

import io.c360.jobs.churn.ChurnJob;
import io.c360.jobs.alert.AlertJob;
import io.c360.jobs.clv.ClvJob;
import io.c360.jobs.identity.IdentityJob;
import io.c360.jobs.ingest.IngestJob;
import io.c360.jobs.journey.FunnelJob;
import io.c360.jobs.marketing.AttributionJob;
import io.c360.jobs.profile.Customer360Job;
import io.c360.jobs.quality.QualityGateJob;
import io.c360.jobs.recs.RecommendationJob;
import io.c360.jobs.segment.SegmentJob;
import io.c360.jobs.service.TicketJob;
import java.util.List;
import java.util.Optional;

/** The jobs of c360 in pipeline order. Later jobs only run when every earlier one succeeded. */
public final class Pipeline {

  private static final List<Job> JOBS = List.of(new IngestJob(), new QualityGateJob(), new IdentityJob(),
      new Customer360Job(), new SegmentJob(), new ClvJob(), new ChurnJob(), new RecommendationJob(), new TicketJob(),
      new FunnelJob(), new AttributionJob(), new AlertJob());

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

  /**
   * What one job of a pipeline run did and how long it took.
   *
   * @param skipped why the job skipped itself, or null when it ran
   */
  public record Stage(String job, double seconds, long rowsIn, long rowsOut, String skipped) {
  }

  /**
   * Runs every job in order; an exception from one stops the pipeline before the next publishes. A job that skips
   * itself ({@link JobResult#skipped}) does not stop the later ones.
   */
  public static List<Stage> run(JobContext context) {
    JobRunner runner = new JobRunner(context);
    List<Stage> stages = new java.util.ArrayList<>();
    for (Job job : JOBS) {
      long t0 = System.nanoTime();
      JobResult result = runner.run(job);
      stages.add(new Stage(job.name(), (System.nanoTime() - t0) / 1e9, result.rowsIn(), result.rowsOut(),
          result.skipped() ? result.message() : null));
    }
    return stages;
  }
}
