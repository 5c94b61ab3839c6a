package io.c360.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.SourceConfig;
import io.c360.core.ingest.IngestTransform;
import io.c360.core.ingest.OrderLines;
import io.c360.core.ingest.RawValues;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.privacy.Tombstones;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code bronze_<source>}, replacing that batch's rows, and the rejected rows of every batch to {@code quarantine}
 * in one commit that replaces those batches' rows (so a crashed run is repaired by re-running). The batches are
 * then listed in {@code ingest_batches} in one commit;
 * a listed batch is skipped, so re-ingesting the same files changes nothing. Rows carrying an identifier of a
 * forgotten customer ({@link Tombstones}) are dropped before the checks and counted apart. Sources are opened one
 * after another (a file the user must fix stops the job before anything is written) and then written
 * {@code c360.ingest.parallel-sources} at a time.
 */
@JobName("ingest")
public final class IngestJob implements Job {

  @Override
  public JobResult run(JobContext context) {
    Opened opened = open(context);
    List<List<Row>> ingested = ingestAll(context, opened.pending()).stream().map(Written::listed).toList();
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
        + (opened.forgotten() > 0 ? ", " + opened.forgotten() + " rows of forgotten customers dropped" : ""));
  }

  /**
   * What a run would publish, with nothing written: every batch it would ingest, opened and checked. Throws as the
   * run would for a file the user must fix; the rows' own faults surface when the datasets are read. Close each.
   */
  public List<Checked> check(JobContext context) {
    Timestamp now = Timestamp.from(Instant.now());
    return open(context).pending().stream().map(p -> check(context, p, now)).toList();
  }

  /**
   * One batch checked and typed, before anything is written.
   *
   * @param read       every row read (for an orders file of lines, the lines), valid or not ({@link
   *                   IngestTransform#isValid()})
   * @param bronze     the rows each bronze table gets: the source's own, or the orders, order lines and products
   *                   an orders file of lines makes
   * @param quarantine the rejected rows, in the quarantine table's shape
   */
  public record Checked(Source source, String batchId, Dataset<Row> read, Map<Source, Dataset<Row>> bronze,
                        Dataset<Row> quarantine, List<Dataset<Row>> persisted) implements AutoCloseable {

    @Override
    public void close() {
      persisted.forEach(Dataset::unpersist);
    }
  }

  /**
   * An opened batch waiting to be written: its rows less those of forgotten customers, with the conf's value maps and
   * cancellation rule applied, and the time opening took.
   */
  private record Pending(SourceBatch batch, SourceConfig conf, Dataset<Row> rows, long openNanos) {
  }

  /** The batches found, not yet ingested, with the rows of forgotten customers dropped. */
  private record Opened(List<Pending> pending, long forgotten) {
  }

  private Opened open(JobContext context) {
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
    return new Opened(pending, forgotten);
  }

  /**
   * Writes the pending batches to bronze, {@code c360.ingest.parallel-sources} at a time, then the quarantined rows
   * of every batch written in one commit, and returns the batches in source order. When one fails, the others still
   * finish (each replaces only its own batch's rows, and none is listed) and their quarantined rows are written,
   * then the first failure is thrown.
   */
  private List<Written> ingestAll(JobContext context, List<Pending> pending) {
    int threads = Math.min(context.config().ingest().parallelSources(), pending.size());
    List<Written> written = new ArrayList<>();
    RuntimeException failure = null;
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
    try {
      List<Future<Written>> futures = pending.stream().map(p -> pool.submit(() -> ingest(context, p))).toList();
      for (Future<Written> future : futures) {
        try {
          written.add(future.get());
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
    } finally {
      pool.shutdown();
    }
    quarantine(context, written);
    if (failure != null) {
      throw failure;
    }
    return written;
  }

  /**
   * One batch written to bronze: its {@code ingest_batches} rows (its own first), its rejected rows (a local
   * checkpoint) and the condition that matches its rows in the quarantine table.
   */
  private record Written(List<Row> listed, Dataset<Row> quarantine, String quarantined) {
  }

  /**
   * Checks one batch: the source's rows through {@link IngestTransform}, and for an orders file of lines the lines
   * through {@link OrderLines} too. Reads the lake only for the keys of earlier batches.
   */
  private static Checked check(JobContext context, Pending pending, Timestamp now) {
    SourceBatch batch = pending.batch();
    Source source = batch.source();
    IngestTransform transform = new IngestTransform(batch.contract(), context.config().ingest(), context.asOf(),
        pending.conf().formats());
    if (!pending.conf().layout().derivesOrders()) {
      Dataset<Row> existing = source.kind() == Source.Kind.FACT ? otherBatches(context.lake(),
          Tables.bronze(source), batch).map(rows -> rows.select(transform.keyColumn().as("_key"))).orElse(null) : null;
      Dataset<Row> checked = transform.transform(pending.rows(), batch.batchId(), now, existing)
          .persist(StorageLevel.MEMORY_AND_DISK());
      return new Checked(source, batch.batchId(), checked, Map.of(source, transform.bronze(checked)),
          transform.quarantine(checked), List.of(checked));
    }
    Dataset<Row> checked = transform.transform(pending.rows(), batch.batchId(), now, null)
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> existing = otherBatches(context.lake(), Tables.bronze(Source.ORDERS), batch)
        .map(rows -> rows.select(col("order_id").as("_key"))).orElse(null);
    OrderLines.Output derived = new OrderLines(pending.conf().layout(), context.config().ingest())
        .transform(checked, existing);
    Dataset<Row> lines = derived.lines().persist(StorageLevel.MEMORY_AND_DISK());
    Map<Source, Dataset<Row>> bronze = new LinkedHashMap<>();
    bronze.put(Source.ORDERS, derived.orders());
    if (!batch.absent().contains("sku")) {
      bronze.put(Source.ORDER_ITEMS, derived.items());
      bronze.put(Source.PRODUCTS, derived.products());
    }
    return new Checked(source, batch.batchId(), lines, bronze, transform.quarantine(lines), List.of(lines, checked));
  }

  /** Writes one batch to bronze; its quarantined rows are written with the other batches'. */
  private Written ingest(JobContext context, Pending pending) {
    long t0 = System.nanoTime() - pending.openNanos();
    SourceBatch batch = pending.batch();
    Source source = batch.source();
    Timestamp now = Timestamp.from(Instant.now());
    try (Checked checked = check(context, pending, now)) {
      Row counts = checked.read().agg(count(when(IngestTransform.isValid(), 1)), count(lit(1))).first();
      long valid = counts.getLong(0);
      long rejected = counts.getLong(1) - valid;
      // the rejected rows outlive the batch's persisted rows: checkpointed until every batch is written
      Dataset<Row> quarantined = checked.quarantine().localCheckpoint();
      String where = "source = '" + source.id() + "' AND " + batchPredicate(batch);
      if (pending.conf().layout().derivesOrders()) {
        return new Written(publishLines(context, pending, checked, valid, rejected, now, t0), quarantined, where);
      }
      context.lake().replaceWhere(Tables.bronze(source), checked.bronze().get(source), batchPredicate(batch));
      context.progress().stage(name(), source.id() + String.format(java.util.Locale.ROOT,
          " (%,d quarantined)", rejected), valid + rejected, valid, t0);
      return new Written(List.of(listed(context, source, batch, now, valid + rejected, valid, rejected,
          batch.absent())), quarantined, where);
    }
  }

  /**
   * Publishes an orders file with one row per line ({@link OrderLines}): the orders, order lines and products its
   * valid lines make to their bronze tables (its rejected lines go to quarantine as source orders). Its
   * {@code ingest_batches} rows: orders counts lines (read = kept + quarantined), order_items and products the rows
   * derived.
   */
  private List<Row> publishLines(JobContext context, Pending pending, Checked checked, long kept, long rejected,
                                 Timestamp now, long t0) {
    SourceBatch batch = pending.batch();
    List<Row> listed = new ArrayList<>();
    listed.add(listed(context, Source.ORDERS, batch, now, kept + rejected, kept, rejected,
        OrderLines.absentColumns(Source.ORDERS, batch.absent())));
    Map<Source, Long> written = new LinkedHashMap<>();
    checked.bronze().forEach((table, rows) -> written.put(table, write(context, table, rows, batch, now, listed)));
    Row split = checked.bronze().get(Source.ORDERS).where(col(OrderLines.SHARED_ID).isNotNull())
        .agg(countDistinct(col(OrderLines.SHARED_ID)), count(lit(1))).first();
    if (split.getLong(0) > 0) {
      context.progress().line(name(), String.format(java.util.Locale.ROOT, "orders: %,d order ids carry several "
          + "customers, kept as %,d orders, one per customer (<order id>#2, #3, ...)", split.getLong(0),
          split.getLong(1)));
    }
    context.progress().stage(name(), String.format(java.util.Locale.ROOT,
        "orders (%s): %,d lines -> %,d orders, %,d order lines, %,d products (%,d lines quarantined)",
        pending.conf().layout().confName(), kept + rejected, written.get(Source.ORDERS),
        written.getOrDefault(Source.ORDER_ITEMS, 0L), written.getOrDefault(Source.PRODUCTS, 0L), rejected),
        kept + rejected, kept, t0);
    return listed;
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

  /** The quarantined rows of the written batches in one commit, replacing those batches' earlier rows. */
  private static void quarantine(JobContext context, List<Written> written) {
    if (written.isEmpty()) {
      return;
    }
    context.lake().replaceWhere(Tables.QUARANTINE,
        written.stream().map(Written::quarantine).reduce(Dataset::unionByName).orElseThrow(),
        String.join(" OR ", written.stream().map(w -> "(" + w.quarantined() + ")").toList()));
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
