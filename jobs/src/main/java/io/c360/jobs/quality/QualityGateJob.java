package io.c360.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.quality.CheckResult;
import io.c360.core.quality.QualityGate;
import io.c360.jobs.InputException;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.QualityGateException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The quality gate: evaluates the declared checks on the latest batch of every bronze table, appends the
 * results to {@code dq_results}, and fails with {@link QualityGateException} (exit 3) when an Error-level check
 * fails, before any later job publishes.
 */
@JobName("gate")
public final class QualityGateJob implements Job {

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    if (!lake.exists(Tables.INGEST_BATCHES)) {
      throw new InputException("gate: nothing ingested yet in " + lake.root() + "; run `c360 run ingest` first");
    }
    Dataset<Row> latest = lake.read(Tables.INGEST_BATCHES)
        .groupBy("source").agg(max(struct(col(Tables.INGESTED_AT), col(Tables.BATCH_ID),
            col("absent_columns"))).as("b"))
        .select(col("source"), col("b." + Tables.BATCH_ID).as(Tables.BATCH_ID), col("b.absent_columns"));
    Map<String, String> latestBatch = new java.util.HashMap<>();
    Map<Source, Set<String>> absent = new EnumMap<>(Source.class);
    for (Row row : latest.collectAsList()) {
      latestBatch.put(row.getString(0), row.getString(1));
      Source.byId(row.getString(0)).ifPresent(s -> absent.put(s,
          row.isNullAt(2) ? Set.of() : Set.copyOf(row.<String>getList(2))));
    }
    latest = latest.drop("absent_columns");
    Map<Source, Dataset<Row>> batches = new EnumMap<>(Source.class);
    Map<Source, Dataset<Row>> tables = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      TableDef bronze = Tables.bronze(source);
      String batchId = latestBatch.get(source.id());
      if (batchId != null && lake.exists(bronze)) {
        tables.put(source, lake.read(bronze));
        batches.put(source, lake.read(bronze).where(col(Tables.BATCH_ID).equalTo(batchId)));
      }
    }
    Dataset<Row> quarantine = lake.read(Tables.QUARANTINE)
        .join(latest, new String[] {"source", Tables.BATCH_ID}, "left_semi");

    QualityGate gate = new QualityGate(context.config().checks());
    gate.notApplicable(absent).forEach((source, checks) -> context.progress().line(name(), Tables.bronze(source)
        .name() + ": " + String.join(", ", checks) + " left out (the column is not in the source files)"));
    List<CheckResult> results = gate.evaluate(batches, tables, quarantine, context.asOf(), absent);
    save(context, results);
    results.forEach(r -> context.progress().line(name(), r.describe()));
    List<CheckResult> blocking = results.stream().filter(CheckResult::blocks).toList();
    if (!blocking.isEmpty()) {
      CheckResult first = blocking.get(0);
      throw new QualityGateException("quality gate failed: " + blocking.size() + " error-level check(s), first: "
          + first.table() + " " + first.check() + " observed " + first.observed() + ", threshold "
          + first.threshold() + " (see c360.dq_results, run " + context.runId() + ")");
    }
    long failedWarnings = results.stream().filter(r -> !r.passed()).count();
    return new JobResult(results.size(), results.size() - failedWarnings,
        results.size() + " checks, " + failedWarnings + " warnings");
  }

  private static void save(JobContext context, List<CheckResult> results) {
    Timestamp now = Timestamp.from(Instant.now());
    Date asOf = Date.valueOf(context.asOf());
    List<Row> rows = results.stream().map(r -> RowFactory.create(context.runId(), asOf, r.table(), r.check(),
        r.level().label(), r.passed() ? "pass" : "fail", finite(r.observed()), r.threshold(), r.detail(), now))
        .toList();
    context.lake().append(Tables.DQ_RESULTS, context.spark().createDataFrame(rows, Tables.DQ_RESULTS.schema()));
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
