package io.c360.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.catalog.Tables;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Runs jobs and records each run in {@code job_runs}: a row with status running at the start, updated to
 * succeeded, skipped (nothing the job could do on the data at hand; the message says why), failed or gate_failed at
 * the end. A process killed mid-run leaves its row at running.
 */
public final class JobRunner {

  private final JobContext context;

  public JobRunner(JobContext context) {
    this.context = context;
  }

  public JobResult run(Job job) {
    String runId = context.runId() + "-" + job.name();
    Timestamp started = Timestamp.from(Instant.now());
    record(runId, job.name(), started, null, "running", null);
    long t0 = System.nanoTime();
    try {
      JobResult result;
      try {
        result = job.run(new JobContext(context.spark(), context.lake(), context.config(), context.asOf(),
            context.runId(), context.inputDir(), context.progress()));
      } catch (JobSkipped e) {
        result = JobResult.skipped(e.getMessage());
      }
      record(runId, job.name(), started, Timestamp.from(Instant.now()), result.skipped() ? "skipped" : "succeeded",
          result);
      if (result.skipped()) {
        context.progress().line(job.name(), "skipped: " + result.message());
      } else {
        context.progress().stage(job.name(), "done", result.rowsIn(), result.rowsOut(), t0);
      }
      return result;
    } catch (QualityGateException e) {
      record(runId, job.name(), started, Timestamp.from(Instant.now()), "gate_failed",
          new JobResult(0, 0, e.getMessage()));
      throw e;
    } catch (RuntimeException e) {
      record(runId, job.name(), started, Timestamp.from(Instant.now()), "failed",
          new JobResult(0, 0, String.valueOf(e.getMessage())));
      throw e;
    }
  }

  private void record(String runId, String job, Timestamp started, Timestamp ended, String status,
                      JobResult result) {
    Lake lake = context.lake();
    if (ended == null) {
      Row row = RowFactory.create(runId, job, Date.valueOf(context.asOf()), started, null, status, null, null, null);
      lake.append(Tables.JOB_RUNS, context.spark().createDataFrame(List.of(row), Tables.JOB_RUNS.schema()));
      return;
    }
    Map<String, Column> end = new HashMap<>();
    end.put("ended_at", lit(ended));
    end.put("status", lit(status));
    end.put("rows_in", lit(result.rowsIn()));
    end.put("rows_out", lit(result.rowsOut()));
    end.put("message", lit(truncate(result.message())));
    lake.delta(Tables.JOB_RUNS).update(col("run_id").equalTo(runId), end);
  }

  private static String truncate(String message) {
    return message == null || message.length() <= 2000 ? message : message.substring(0, 2000);
  }
}
