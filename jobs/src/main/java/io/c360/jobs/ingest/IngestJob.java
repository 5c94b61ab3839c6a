package io.c360.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.SourceConfig;
import io.c360.core.ingest.IngestTransform;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.privacy.Tombstones;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingest: for each configured source, reads the batch, checks and types every row, and writes the valid rows to
 * {@code bronze_<source>} and the rejected ones to {@code quarantine}, each replacing that batch's rows (so a
 * crashed run is repaired by re-running). The batches are then listed in {@code ingest_batches} in one commit;
 * a listed batch is skipped, so re-ingesting the same files changes nothing. Rows carrying an identifier of a
 * forgotten customer ({@link Tombstones}) are dropped before the checks and counted apart. Sources are opened one
 * after another (a file the user must fix stops the job before anything is written) and then written
 * {@code c360.ingest.parallel-sources} at a time.
 */
public final class IngestJob implements Job {

  private final Object quarantineLock = new Object();

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public JobResult run(JobContext context) {
    SourceReader reader = new SourceReader(context.spark());
    Tombstones tombstones = Tombstones.load(context.lake());
    long forgotten = 0;
    List<Pending> pending = new ArrayList<>();
    for (Source source : Source.values()) {
      Optional<SourceConfig> conf = context.config().source(source);
      if (conf.isEmpty()) {
        continue;
      }
      long t0 = System.nanoTime();
      Optional<SourceBatch> batch = reader.open(conf.get(), context.inputDir());
      if (batch.isEmpty()) {
        context.progress().line(name(), source.id() + ": no input, skipped");
        continue;
      }
      if (alreadyIngested(context.lake(), batch.get())) {
        context.progress().line(name(), source.id() + ": batch " + batch.get().batchId()
            + " already ingested, skipped");
        continue;
      }
      Tombstones.Kept kept = tombstones.keep(source, batch.get().raw(), context.config().identity());
      if (kept.dropped() > 0) {
        context.progress().line(name(), String.format(java.util.Locale.ROOT,
            "%s: dropped %,d rows of forgotten customers (c360.forgotten)", source.id(), kept.dropped()));
        forgotten += kept.dropped();
      }
      pending.add(new Pending(batch.get(), kept.rows(), System.nanoTime() - t0));
    }
    List<Row> ingested = ingestAll(context, pending);
    long rowsIn = 0;
    long rowsOut = 0;
    for (Row listed : ingested) {
      rowsIn += listed.<Long>getAs("rows_in");
      rowsOut += listed.<Long>getAs("rows_bronze");
    }
    if (!ingested.isEmpty()) {
      context.lake().append(Tables.INGEST_BATCHES,
          context.spark().createDataFrame(ingested, Tables.INGEST_BATCHES.schema()));
    }
    return new JobResult(rowsIn, rowsOut, ingested.size() + " source batches ingested"
        + (forgotten > 0 ? ", " + forgotten + " rows of forgotten customers dropped" : ""));
  }

  /** An opened batch waiting to be written: its rows less those of forgotten customers, and the time opening took. */
  private record Pending(SourceBatch batch, Dataset<Row> rows, long openNanos) {
  }

  /**
   * Writes the pending batches, {@code c360.ingest.parallel-sources} at a time, and returns their
   * {@code ingest_batches} rows in source order. When one fails, the others still finish (each replaces only its
   * own batch's rows, and none is listed), then the first failure is thrown.
   */
  private List<Row> ingestAll(JobContext context, List<Pending> pending) {
    int threads = Math.min(context.config().ingest().parallelSources(), pending.size());
    if (threads <= 1) {
      return pending.stream().map(p -> ingest(context, p)).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Row>> futures = pending.stream().map(p -> pool.submit(() -> ingest(context, p))).toList();
      List<Row> rows = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<Row> future : futures) {
        try {
          rows.add(future.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("ingest was interrupted", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return rows;
    } finally {
      pool.shutdown();
    }
  }

  /** Writes one batch to bronze and quarantine and returns its {@code ingest_batches} row. */
  private Row ingest(JobContext context, Pending pending) {
    long t0 = System.nanoTime() - pending.openNanos();
    SourceBatch batch = pending.batch();
    Lake lake = context.lake();
    Source source = batch.source();
    TableDef bronze = Tables.bronze(source);
    IngestTransform transform = new IngestTransform(source, context.config().ingest(), context.asOf());
    Timestamp now = Timestamp.from(Instant.now());
    Dataset<Row> existing = source.kind() == Source.Kind.FACT && lake.exists(bronze)
        ? lake.read(bronze).where(col(Tables.BATCH_ID).notEqual(batch.batchId()))
            .select(transform.keyColumn().as("_key"))
        : null;
    Dataset<Row> checked = transform.transform(pending.rows(), batch.batchId(), now, existing)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = checked.agg(count(when(IngestTransform.isValid(), 1)), count(lit(1))).first();
      long valid = counts.getLong(0);
      long rejected = counts.getLong(1) - valid;
      String batchPredicate = Tables.BATCH_ID + " = '" + batch.batchId() + "'";
      lake.replaceWhere(bronze, transform.bronze(checked), batchPredicate);
      // one writer at a time: two overwrites of the same unpartitioned table at once would conflict in Delta
      synchronized (quarantineLock) {
        lake.replaceWhere(Tables.QUARANTINE, transform.quarantine(checked),
            "source = '" + source.id() + "' AND " + batchPredicate);
      }
      context.progress().stage(name(), source.id() + String.format(java.util.Locale.ROOT,
          " (%,d quarantined)", rejected), valid + rejected, valid, t0);
      return new GenericRowWithSchema(new Object[] {source.id(), batch.batchId(), now, context.runId(),
          (long) batch.files().size(), valid + rejected, valid, rejected}, Tables.INGEST_BATCHES.schema());
    } finally {
      checked.unpersist();
    }
  }

  private static boolean alreadyIngested(Lake lake, SourceBatch batch) {
    return lake.exists(Tables.INGEST_BATCHES) && !lake.read(Tables.INGEST_BATCHES)
        .where(col("source").equalTo(batch.source().id()).and(col(Tables.BATCH_ID).equalTo(batch.batchId())))
        .isEmpty();
  }
}
