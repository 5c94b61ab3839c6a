package io.c360.jobs.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.identity.StableIds;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.privacy.Tombstones;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Identity: links the bronze records seen up to the as-of date into customers ({@link IdentityGraph}), keeps
 * customer ids stable against the latest earlier run ({@link StableIds}) and writes identity_map,
 * identity_history, identity_shared_identifiers and the restricted vault customer_pii for the as-of date
 * (replacing that date's rows). Bronze rows carrying an identifier of a forgotten customer (c360.forgotten) are
 * left out. The share of the previous run's customer ids kept goes to model_metrics.
 */
public final class IdentityJob implements Job {

  public static final String MODEL_VERSION = "rules-v1";

  @Override
  public String name() {
    return "identity";
  }

  /** The identity map of an as-of date as entity_type, entity_key, customer_id, for the jobs that attach rows. */
  public static Dataset<Row> customers(Lake lake, LocalDate asOf, String job) {
    return lake.readAsOf(Tables.IDENTITY_MAP, asOf, job, "identity")
        .select(col("entity_type"), col("source_key").as("entity_key"), col("customer_id"));
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
    String partition = "as_of = '" + asOf + "'";
    lake.replaceWhere(Tables.IDENTITY_MAP, entities.select(lit(date).as("as_of"), col("entity_type"),
        col("source"), col("entity_key").as("source_key"), col("customer_id"), col("linked_by"), col("linked_at"),
        col("first_seen"), col("last_seen")), partition);
    lake.replaceWhere(Tables.IDENTITY_HISTORY, assignment.history(), partition);
    lake.replaceWhere(Tables.IDENTITY_SHARED, graph.sharedIdentifiers().withColumn("as_of", lit(date)), partition);

    lake.replaceWhere(Tables.CUSTOMER_PII, vault(identity.contacts(inputs), entities).withColumn("as_of", lit(date)),
        partition);

    Row sizes = entities.agg(count(lit(1)),
        org.apache.spark.sql.functions.count_distinct(col("customer_id"))).first();
    long entityCount = sizes.getLong(0);
    long customers = sizes.getLong(1);
    context.progress().line(name(), String.format(Locale.ROOT, "%,d entities -> %,d customers (%d rounds)",
        entityCount, customers, graph.rounds()));
    List<Row> metrics = new ArrayList<>();
    if (previous != null) {
      metrics.addAll(retention(context, previous, entities));
    }
    if (!metrics.isEmpty()) {
      lake.replaceWhere(Tables.MODEL_METRICS, context.spark().createDataFrame(metrics, Tables.MODEL_METRICS.schema()),
          "model = 'identity' AND as_of = '" + asOf + "'");
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

  /** Raw personal data per customer, for the restricted vault table only. */
  private static Dataset<Row> vault(Dataset<Row> contacts, Dataset<Row> entities) {
    Column memberKey = when(col("entity_type").equalTo(IdentityGraph.MEMBER), col("entity_key"));
    Column accountKey = when(col("entity_type").equalTo(IdentityGraph.ACCOUNT), col("entity_key"));
    return entities.select("entity_type", "entity_key", "customer_id")
        .join(contacts, new String[] {"entity_type", "entity_key"}, "left")
        .groupBy("customer_id").agg(
            joined(col("name")).as("names"), joined(col("phone")).as("phones"), joined(col("email")).as("emails"),
            joined(memberKey).as("member_ids"), joined(accountKey).as("account_ids"));
  }

  private static Column joined(Column values) {
    return org.apache.spark.sql.functions.concat_ws("; ",
        org.apache.spark.sql.functions.array_sort(org.apache.spark.sql.functions.collect_set(values)));
  }

  /** The customer ids of the latest run before the as-of date, or null on the first run. */
  private static Dataset<Row> previousMap(Lake lake, LocalDate asOf) {
    if (!lake.exists(Tables.IDENTITY_MAP)) {
      return null;
    }
    Dataset<Row> earlier = lake.read(Tables.IDENTITY_MAP).where(col("as_of").lt(Date.valueOf(asOf)));
    Row latest = earlier.agg(max("as_of")).first();
    if (latest.isNullAt(0)) {
      return null;
    }
    return earlier.where(col("as_of").equalTo(latest.getDate(0)))
        .select(col("entity_type"), col("source_key").as("entity_key"), col("customer_id"));
  }

  /**
   * Share of the earlier run's customer ids that still exist: of all of them, and of the identified ones (an
   * account, member or order; anonymous device-only ids are provisional and merge into the customer who logs in).
   */
  private List<Row> retention(JobContext context, Dataset<Row> previous, Dataset<Row> entities) {
    Dataset<Row> before = previous.groupBy("customer_id").agg(max(StableIds.identified()).as("identified"));
    Dataset<Row> now = entities.select("customer_id").distinct().withColumn("kept", lit(1));
    Row counts = before.join(now, new String[] {"customer_id"}, "left").agg(
        count(lit(1)), count(col("kept")), count(when(col("identified").equalTo(1), lit(1))),
        count(when(col("identified").equalTo(1), col("kept")))).first();
    Date date = Date.valueOf(context.asOf());
    List<Row> rows = new ArrayList<>();
    String[] labels = {"", "_identified"};
    String[] details = {"share of the previous run's customer ids still present",
        "share of the previous run's identified customer ids (account, member or order) still present"};
    for (int i = 0; i < 2; i++) {
      long earlier = counts.getLong(2 * i);
      long kept = counts.getLong(2 * i + 1);
      double share = earlier == 0 ? 1.0 : (double) kept / earlier;
      context.progress().line(name(), String.format(Locale.ROOT, "kept %,d of %,d earlier%s customer ids (%.4f)",
          kept, earlier, i == 0 ? "" : " identified", share));
      rows.add(RowFactory.create("identity", MODEL_VERSION, date, "id_retention" + labels[i], share, details[i]));
    }
    return rows;
  }
}
