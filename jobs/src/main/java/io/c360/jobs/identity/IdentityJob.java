package io.c360.jobs.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.identity.StableIds;
import io.c360.core.identity.Vault;
import io.c360.core.metrics.ModelMetric;
import io.c360.core.metrics.ModelScope;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.privacy.Tombstones;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Identity: links the bronze records seen up to the as-of date into customers ({@link IdentityGraph}), keeps
 * customer ids stable against the latest earlier run ({@link StableIds}) and writes identity_map,
 * identity_history, identity_shared_identifiers and the restricted vault customer_pii for the as-of date
 * (replacing that date's rows). Bronze rows carrying an identifier of a forgotten customer (c360.forgotten) are
 * left out. The share of the previous run's customer ids kept goes to model_metrics.
 */
@JobName("identity")
public final class IdentityJob implements Job {

  public static final String MODEL = "identity";
  public static final String MODEL_VERSION = "rules-v1";

  /** The identity map of an as-of date as entity_type, entity_key, customer_id, for the jobs that attach rows. */
  public static Dataset<Row> customers(Lake lake, LocalDate asOf, String job) {
    return lake.readAsOf(Tables.IDENTITY_MAP, asOf, job, "identity")
        .select(col("entity_type"), col("source_key").as("entity_key"), col(Columns.CUSTOMER_ID));
  }

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    LocalDate asOf = context.asOf();
    Timestamp cutoff = Timestamp.valueOf(asOf.plusDays(1).atStartOfDay());
    Tombstones tombstones = Tombstones.load(lake);
    Dataset<Row> orders = kept(context, tombstones, Source.ORDERS,
        lake.read(Tables.bronze(Source.ORDERS)).where(col("order_ts").lt(cutoff)));
    Dataset<Row> members = lake.exists(Tables.bronze(Source.MEMBERS))
        ? kept(context, tombstones, Source.MEMBERS, lake.read(Tables.bronze(Source.MEMBERS))
            .where(col("signup_ts").isNull().or(col("signup_ts").lt(cutoff)))) : null;
    Dataset<Row> events = lake.exists(Tables.bronze(Source.EVENTS))
        ? kept(context, tombstones, Source.EVENTS,
            lake.read(Tables.bronze(Source.EVENTS)).where(col("event_ts").lt(cutoff))) : null;

    IdentityGraph identity = new IdentityGraph(context.config().identity());
    IdentityGraph.Inputs inputs = new IdentityGraph.Inputs(orders, members, events);
    IdentityGraph.Output graph = identity.resolve(inputs);
    Dataset<Row> previous = previousMap(lake, asOf);
    StableIds.Assignment assignment = StableIds.assign(graph.entities(), previous, asOf);
    Dataset<Row> entities = assignment.entities().localCheckpoint();

    Date date = Date.valueOf(asOf);
    lake.replaceAsOf(Tables.IDENTITY_MAP, asOf, entities.select(lit(date).as(Columns.AS_OF), col("entity_type"),
        col("source"), col("entity_key").as("source_key"), col(Columns.CUSTOMER_ID), col("linked_by"), col("linked_at"),
        col("first_seen"), col("last_seen")));
    lake.replaceAsOf(Tables.IDENTITY_HISTORY, asOf, assignment.history());
    lake.replaceAsOf(Tables.IDENTITY_SHARED, asOf, graph.sharedIdentifiers().withColumn(Columns.AS_OF, lit(date)));

    lake.replaceAsOf(Tables.CUSTOMER_PII, asOf,
        Vault.transform(identity.contacts(inputs), entities).withColumn(Columns.AS_OF, lit(date)));

    Row sizes = entities.agg(count(lit(1)),
        org.apache.spark.sql.functions.count_distinct(col(Columns.CUSTOMER_ID))).first();
    long entityCount = sizes.getLong(0);
    long customers = sizes.getLong(1);
    context.progress().line(name(), String.format(Locale.ROOT, "%,d entities -> %,d customers (%d rounds)",
        entityCount, customers, graph.rounds()));
    if (previous != null) {
      context.metrics().save(ModelScope.of(MODEL, asOf), retention(context, previous, entities));
    }
    return new JobResult(entityCount, customers, customers + " customers");
  }

  /** The bronze rows without those carrying an identifier of a forgotten customer, saying how many were dropped. */
  private Dataset<Row> kept(JobContext context, Tombstones tombstones, Source source, Dataset<Row> rows) {
    Tombstones.Kept kept = tombstones.keep(source, rows, context.config().identity());
    if (!tombstones.isEmpty()) {
      context.progress().line(name(), String.format(Locale.ROOT,
          "bronze_%s: dropped %,d rows of forgotten customers (c360.forgotten)", source.id(), kept.dropped()));
    }
    return kept.rows();
  }

  /** The customer ids of the latest run before the as-of date, or null on the first run. */
  private static Dataset<Row> previousMap(Lake lake, LocalDate asOf) {
    if (!lake.exists(Tables.IDENTITY_MAP)) {
      return null;
    }
    Dataset<Row> earlier = lake.read(Tables.IDENTITY_MAP).where(col(Columns.AS_OF).lt(Date.valueOf(asOf)));
    Row latest = earlier.agg(max(Columns.AS_OF)).first();
    if (latest.isNullAt(0)) {
      return null;
    }
    return earlier.where(col(Columns.AS_OF).equalTo(latest.getDate(0)))
        .select(col("entity_type"), col("source_key").as("entity_key"), col(Columns.CUSTOMER_ID));
  }

  /**
   * Share of the earlier run's customer ids that still exist: of all of them, and of the identified ones (an
   * account, member or order; anonymous device-only ids are provisional and merge into the customer who logs in).
   */
  private List<ModelMetric> retention(JobContext context, Dataset<Row> previous, Dataset<Row> entities) {
    StableIds.Retention kept = StableIds.retention(previous, entities);
    context.progress().line(name(), String.format(Locale.ROOT, "kept %,d of %,d earlier customer ids (%.4f), %,d of "
        + "%,d identified (%.4f)", kept.kept(), kept.earlier(), kept.share(), kept.keptIdentified(),
        kept.earlierIdentified(), kept.identifiedShare()));
    ModelMetric.Key key = new ModelMetric.Key(MODEL, MODEL_VERSION, context.asOf());
    return List.of(
        key.of("id_retention", kept.share(), "share of the previous run's customer ids still present"),
        key.of("id_retention_identified", kept.identifiedShare(),
            "share of the previous run's identified customer ids (account, member or order) still present"));
  }


}
