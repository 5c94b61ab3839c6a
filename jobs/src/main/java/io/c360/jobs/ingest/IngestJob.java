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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.storage.StorageLevel;

/**
 * Ingest: for each configured source, reads the batch, checks and types every row, and writes the valid rows to
 * {@code bronze_<source>} and the rejected ones to {@code quarantine}, each replacing that batch's rows (so a
 * crashed run is repaired by re-running). The batches are then listed in {@code ingest_batches} in one commit;
 * a listed batch is skipped, so re-ingesting the same files changes nothing. Rows carrying an identifier of a
 * forgotten customer ({@link Tombstones}) are dropped before the checks and counted apart.
 */
public final class IngestJob implements Job {

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public JobResult run(JobContext context) {
    SourceReader reader = new SourceReader(context.spark());
    Tombstones tombstones = Tombstones.load(context.lake());
    long rowsIn = 0;
    long rowsOut = 0;
    long forgotten = 0;
    List<Row> ingested = new ArrayList<>();
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
      Row listed = ingest(context, batch.get(), kept.rows());
      long valid = listed.getAs("rows_bronze");
      long rejected = listed.getAs("rows_quarantined");
      rowsIn += valid + rejected;
      rowsOut += valid;
      ingested.add(listed);
      context.progress().stage(name(), source.id() + String.format(java.util.Locale.ROOT,
          " (%,d quarantined)", rejected), valid + rejected, valid, t0);
    }
    if (!ingested.isEmpty()) {
      context.lake().append(Tables.INGEST_BATCHES,
          context.spark().createDataFrame(ingested, Tables.INGEST_BATCHES.schema()));
    }
    return new JobResult(rowsIn, rowsOut, ingested.size() + " source batches ingested"
        + (forgotten > 0 ? ", " + forgotten + " rows of forgotten customers dropped" : ""));
  }

  /** Writes one batch (its raw rows, less those of forgotten customers) to bronze and quarantine. */
  private Row ingest(JobContext context, SourceBatch batch, Dataset<Row> raw) {
    Lake lake = context.lake();
    Source source = batch.source();
    TableDef bronze = Tables.bronze(source);
    IngestTransform transform = new IngestTransform(source, context.config().ingest(), context.asOf());
    Timestamp now = Timestamp.from(Instant.now());
    Dataset<Row> existing = source.kind() == Source.Kind.FACT && lake.exists(bronze)
        ? lake.read(bronze).where(col(Tables.BATCH_ID).notEqual(batch.batchId()))
            .select(transform.keyColumn().as("_key"))
        : null;
    Dataset<Row> checked = transform.transform(raw, batch.batchId(), now, existing)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = checked.agg(count(when(IngestTransform.isValid(), 1)), count(lit(1))).first();
      long valid = counts.getLong(0);
      long rejected = counts.getLong(1) - valid;
      String batchPredicate = Tables.BATCH_ID + " = '" + batch.batchId() + "'";
      lake.replaceWhere(bronze, transform.bronze(checked), batchPredicate);
      lake.replaceWhere(Tables.QUARANTINE, transform.quarantine(checked),
          "source = '" + source.id() + "' AND " + batchPredicate);
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
