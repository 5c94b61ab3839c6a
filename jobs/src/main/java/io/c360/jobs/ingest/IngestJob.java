package io.c360.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Layout;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.SourceConfig;
import io.c360.core.ingest.IngestTransform;
import io.c360.core.ingest.OrderLines;
import io.c360.core.ingest.RawValues;
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
      Tombstones.Kept kept = tombstones.keep(batch.get().contract(), batch.get().raw(), context.config().identity());
      if (kept.dropped() > 0) {
        context.progress().line(name(), String.format(java.util.Locale.ROOT,
            "%s: dropped %,d rows of forgotten customers (c360.forgotten)", source.id(), kept.dropped()));
        forgotten += kept.dropped();
      }
      pending.add(new Pending(batch.get(), conf.get(), RawValues.apply(kept.rows(), conf.get()),
          System.nanoTime() - t0));
    }
    if (context.config().ordersLayout().derivesOrders() && context.config().sources().get(Source.ORDER_ITEMS)
        .enabled()) {
      context.progress().line(name(), "order_items: not read, the orders file's lines are the order lines (layout "
          + context.config().ordersLayout().confName() + ")");
    }
    List<List<Row>> ingested = ingestAll(context, pending);
    long rowsIn = 0;
    long rowsOut = 0;
    for (List<Row> batch : ingested) {
      // the first row is the batch's own (the lines of an orders file; the rest were derived from them)
      rowsIn += batch.get(0).<Long>getAs("rows_in");
      rowsOut += batch.get(0).<Long>getAs("rows_bronze");
    }
    if (!ingested.isEmpty()) {
      context.lake().append(Tables.INGEST_BATCHES, context.spark().createDataFrame(
          ingested.stream().flatMap(List::stream).toList(), Tables.INGEST_BATCHES.schema()));
    }
    return new JobResult(rowsIn, rowsOut, ingested.size() + " source batches ingested"
        + (forgotten > 0 ? ", " + forgotten + " rows of forgotten customers dropped" : ""));
  }

  /**
   * An opened batch waiting to be written: its rows less those of forgotten customers, with the conf's value maps and
   * cancellation rule applied, and the time opening took.
   */
  private record Pending(SourceBatch batch, SourceConfig conf, Dataset<Row> rows, long openNanos) {
  }

  /**
   * Writes the pending batches, {@code c360.ingest.parallel-sources} at a time, and returns their
   * {@code ingest_batches} rows in source order. When one fails, the others still finish (each replaces only its
   * own batch's rows, and none is listed), then the first failure is thrown.
   */
  private List<List<Row>> ingestAll(JobContext context, List<Pending> pending) {
    int threads = Math.min(context.config().ingest().parallelSources(), pending.size());
    if (threads <= 1) {
      return pending.stream().map(p -> ingest(context, p)).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Row>>> futures = pending.stream().map(p -> pool.submit(() -> ingest(context, p))).toList();
      List<List<Row>> rows = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<List<Row>> future : futures) {
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

  /** Writes one batch to bronze and quarantine and returns its {@code ingest_batches} rows. */
  private List<Row> ingest(JobContext context, Pending pending) {
    if (pending.conf().layout().derivesOrders()) {
      return ingestLines(context, pending);
    }
    long t0 = System.nanoTime() - pending.openNanos();
    SourceBatch batch = pending.batch();
    Lake lake = context.lake();
    Source source = batch.source();
    TableDef bronze = Tables.bronze(source);
    IngestTransform transform = new IngestTransform(batch.contract(), context.config().ingest(), context.asOf(),
        pending.conf().formats());
    Timestamp now = Timestamp.from(Instant.now());
    Dataset<Row> existing = source.kind() == Source.Kind.FACT ? otherBatches(lake, bronze, batch)
        .map(rows -> rows.select(transform.keyColumn().as("_key"))).orElse(null) : null;
    Dataset<Row> checked = transform.transform(pending.rows(), batch.batchId(), now, existing)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = checked.agg(count(when(IngestTransform.isValid(), 1)), count(lit(1))).first();
      long valid = counts.getLong(0);
      long rejected = counts.getLong(1) - valid;
      lake.replaceWhere(bronze, transform.bronze(checked), batchPredicate(batch));
      quarantine(context, source.id(), transform.quarantine(checked), batch);
      context.progress().stage(name(), source.id() + String.format(java.util.Locale.ROOT,
          " (%,d quarantined)", rejected), valid + rejected, valid, t0);
      return List.of(listed(context, source, batch, now, valid + rejected, valid, rejected, batch.absent()));
    } finally {
      checked.unpersist();
    }
  }

  /**
   * An orders file with one row per line ({@link OrderLines}): checks the lines, then writes the orders, order lines
   * and products they make to their bronze tables and the rejected lines to quarantine (source orders). Its
   * {@code ingest_batches} rows: orders counts lines (read = kept + quarantined), order_items and products the rows
   * derived.
   */
  private List<Row> ingestLines(JobContext context, Pending pending) {
    long t0 = System.nanoTime() - pending.openNanos();
    SourceBatch batch = pending.batch();
    Lake lake = context.lake();
    Layout layout = pending.conf().layout();
    IngestTransform transform = new IngestTransform(batch.contract(), context.config().ingest(), context.asOf(),
        pending.conf().formats());
    Timestamp now = Timestamp.from(Instant.now());
    Dataset<Row> checked = transform.transform(pending.rows(), batch.batchId(), now, null)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> existing = otherBatches(lake, Tables.bronze(Source.ORDERS), batch)
        .map(rows -> rows.select(col("order_id").as("_key"))).orElse(null);
    OrderLines.Output derived = new OrderLines(layout, context.config().ingest()).transform(checked, existing);
    Dataset<Row> lines = derived.lines().persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Row counts = lines.agg(count(when(IngestTransform.isValid(), 1)), count(lit(1))).first();
      long kept = counts.getLong(0);
      long rejected = counts.getLong(1) - kept;
      List<Row> listed = new ArrayList<>();
      listed.add(listed(context, Source.ORDERS, batch, now, kept + rejected, kept, rejected,
          OrderLines.absentColumns(Source.ORDERS, batch.absent())));
      long orders = write(context, Source.ORDERS, derived.orders(), batch, now, listed);
      boolean hasLines = !batch.absent().contains("sku");
      long items = hasLines ? write(context, Source.ORDER_ITEMS, derived.items(), batch, now, listed) : 0;
      long products = hasLines ? write(context, Source.PRODUCTS, derived.products(), batch, now, listed) : 0;
      quarantine(context, Source.ORDERS.id(), transform.quarantine(lines), batch);
      Row split = derived.orders().where(col(OrderLines.SHARED_ID).isNotNull())
          .agg(countDistinct(col(OrderLines.SHARED_ID)), count(lit(1))).first();
      if (split.getLong(0) > 0) {
        context.progress().line(name(), String.format(java.util.Locale.ROOT, "orders: %,d order ids carry several "
            + "customers, kept as %,d orders, one per customer (<order id>#2, #3, ...)", split.getLong(0),
            split.getLong(1)));
      }
      context.progress().stage(name(), String.format(java.util.Locale.ROOT,
          "orders (%s): %,d lines -> %,d orders, %,d order lines, %,d products (%,d lines quarantined)",
          layout.confName(), kept + rejected, orders, items, products, rejected), kept + rejected, kept, t0);
      return listed;
    } finally {
      lines.unpersist();
      checked.unpersist();
    }
  }

  /** Writes a table derived from an orders file's lines; adds its ingest_batches row and returns its row count. */
  private long write(JobContext context, Source table, Dataset<Row> rows, SourceBatch batch, Timestamp now,
                     List<Row> listed) {
    Dataset<Row> kept = rows.localCheckpoint();
    long count = kept.count();
    context.lake().replaceWhere(Tables.bronze(table), kept, batchPredicate(batch));
    if (table != Source.ORDERS) {
      listed.add(listed(context, table, batch, now, count, count, 0,
          OrderLines.absentColumns(table, batch.absent())));
    }
    return count;
  }

  private void quarantine(JobContext context, String source, Dataset<Row> rows, SourceBatch batch) {
    // one writer at a time: two overwrites of the same unpartitioned table at once would conflict in Delta
    synchronized (quarantineLock) {
      context.lake().replaceWhere(Tables.QUARANTINE, rows, "source = '" + source + "' AND " + batchPredicate(batch));
    }
  }

  private static Row listed(JobContext context, Source source, SourceBatch batch, Timestamp now, long in,
                            long bronze, long quarantined, List<String> absent) {
    return new GenericRowWithSchema(new Object[] {source.id(), batch.batchId(), now, context.runId(),
        (long) batch.files().size(), in, bronze, quarantined, absent}, Tables.INGEST_BATCHES.schema());
  }

  private static String batchPredicate(SourceBatch batch) {
    return Tables.BATCH_ID + " = '" + batch.batchId() + "'";
  }

  /** The rows of a fact table from other batches than this one, when the table exists. */
  private static Optional<Dataset<Row>> otherBatches(Lake lake, TableDef bronze, SourceBatch batch) {
    return lake.exists(bronze)
        ? Optional.of(lake.read(bronze).where(col(Tables.BATCH_ID).notEqual(batch.batchId()))) : Optional.empty();
  }

  private static boolean alreadyIngested(Lake lake, SourceBatch batch) {
    return lake.exists(Tables.INGEST_BATCHES) && !lake.read(Tables.INGEST_BATCHES)
        .where(col("source").equalTo(batch.source().id()).and(col(Tables.BATCH_ID).equalTo(batch.batchId())))
        .isEmpty();
  }
}
