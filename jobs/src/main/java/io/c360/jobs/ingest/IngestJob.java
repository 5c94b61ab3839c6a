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
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingest: for each configured source, reads the batch, checks and types every row, and writes the valid rows to
 * {@code bronze_<source>} and the rejected ones to {@code quarantine}, each replacing that batch's rows (so a
 * crashed run is repaired by re-running). The batch is then listed in {@code ingest_batches}; a listed batch
 * is skipped, so re-ingesting the same files changes nothing.
 */
public final class IngestJob implements Job {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public JobResult run(JobContext context) {
    SourceReader reader = new SourceReader(context.spark());
    long rowsIn = 0;
    long rowsOut = 0;
    int ingested = 0;
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
      long[] counts = ingest(context, batch.get());
      rowsIn += counts[0] + counts[1];
      rowsOut += counts[0];
      ingested++;
      context.progress().stage(name(), source.id() + String.format(java.util.Locale.ROOT,
          " (%,d quarantined)", counts[1]), counts[0] + counts[1], counts[0], t0);
    }
    return new JobResult(rowsIn, rowsOut, ingested + " source batches ingested");
  }

  /** Writes one batch; returns {bronze rows, quarantined rows}. */
  private long[] ingest(JobContext context, SourceBatch batch) {
    Lake lake = context.lake();
    Source source = batch.source();
    TableDef bronze = Tables.bronze(source);
    IngestTransform transform = new IngestTransform(source, context.config().ingest(), context.asOf());
    Timestamp now = Timestamp.from(Instant.now());
    Dataset<Row> existing = source.kind() == Source.Kind.FACT && lake.exists(bronze)
        ? lake.read(bronze).where(col(Tables.BATCH_ID).notEqual(batch.batchId()))
            .select(transform.keyColumn().as("_key"))
        : null;
    Dataset<Row> checked = transform.transform(batch.raw(), batch.batchId(), now, existing)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = checked.agg(count(when(IngestTransform.isValid(), 1)), count(lit(1))).first();
      long valid = counts.getLong(0);
      long rejected = counts.getLong(1) - valid;
      String batchPredicate = Tables.BATCH_ID + " = '" + batch.batchId() + "'";
      lake.replaceWhere(bronze, transform.bronze(checked), batchPredicate);
      lake.replaceWhere(Tables.QUARANTINE, transform.quarantine(checked),
          "source = '" + source.id() + "' AND " + batchPredicate);
      Row listed = RowFactory.create(source.id(), batch.batchId(), now, context.runId(),
          (long) batch.files().size(), valid + rejected, valid, rejected);
      lake.append(Tables.INGEST_BATCHES,
          context.spark().createDataFrame(List.of(listed), Tables.INGEST_BATCHES.schema()));
      return new long[] {valid, rejected};
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
