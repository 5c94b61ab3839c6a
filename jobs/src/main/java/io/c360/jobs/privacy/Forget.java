package io.c360.jobs.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.IdentityConfig;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.privacy.Erasure.IdType;
import io.c360.core.privacy.Erasure;
import io.c360.core.privacy.Pii;
import io.c360.jobs.InputException;
import io.c360.jobs.Lake;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.RuntimeConfig;

/**
 * Erases one customer from the lake (the right to erasure). The customer's records are found through identity:
 * the entities (accounts, guest orders, members, devices) the id ever covered, every customer id those entities
 * had on any as-of date, and their phones and emails in the vault (those another customer also uses are kept:
 * they are that customer's data too). Then, in this order, so that an interrupted run can simply be repeated:
 * tombstones (keyed hashes, never raw values) go to {@code forgotten}; the bronze rows carrying an identifier,
 * the quarantined rows mentioning one, and the rows of every table keyed by one of the customer ids (and tickets of
 * the customer's ticket rows) are deleted; identity_history, customer_pii and identity_map come last.
 */
public final class Forget {

  /** Rows deleted from one table. */
  public record Deleted(TableDef table, long rows) {
  }

  /**
   * @param customerIds every customer id of the person (the one asked for first)
   * @param identifiers identifiers recorded as tombstones, per kind
   * @param deleted     tables with deleted rows, in deletion order
   * @param purge       tables whose older versions may hold the customer: all that were searched
   * @param vacuumed    whether the older versions of those tables were purged
   */
  public record Result(List<String> customerIds, Map<IdType, Integer> identifiers, List<Deleted> deleted,
                       List<TableDef> purge, boolean vacuumed) {
    public long rows() {
      return deleted.stream().mapToLong(Deleted::rows).sum();
    }
  }

  private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
  private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

  private final Lake lake;
  private final IdentityConfig rules;

  public Forget(Lake lake, IdentityConfig rules) {
    this.lake = lake;
    this.rules = rules;
  }

  /** Erases the customer; {@code vacuum} also purges the older file versions of the tables it searched. */
  public Result run(String customerId, boolean vacuum) {
    List<Row> entities = entities(customerId);
    Map<IdType, Set<String>> values = identifiers(entities);
    List<String> customerIds = new ArrayList<>(values.get(IdType.CUSTOMER));
    customerIds.remove(customerId);
    customerIds.add(0, customerId);
    Set<String> tickets = tickets(values);
    recordTombstones(values);

    List<Deleted> deleted = new ArrayList<>();
    List<TableDef> searched = new ArrayList<>();
    for (TableDef table : lake.existingTables()) {
      if (!LAST.contains(table)) {
        predicate(table, values, tickets).ifPresent(p -> delete(table, p, deleted, searched));
      }
    }
    Column ids = col(Columns.CUSTOMER_ID).isin(values.get(IdType.CUSTOMER).toArray());
    delete(Tables.IDENTITY_HISTORY, ids.or(col("other_customer_id").isin(values.get(IdType.CUSTOMER).toArray())),
        deleted, searched);
    delete(Tables.CUSTOMER_PII, ids, deleted, searched);
    delete(Tables.IDENTITY_MAP, ids, deleted, searched);
    if (vacuum) {
      vacuum(searched);
    }
    Map<IdType, Integer> counts = new EnumMap<>(IdType.class);
    values.forEach((type, set) -> counts.put(type, set.size()));
    return new Result(List.copyOf(customerIds), counts, List.copyOf(deleted), List.copyOf(searched), vacuum);
  }

  /**
   * The statements that purge the deleted rows from older file versions: Delta keeps removed files for time
   * travel and the change data feed until VACUUM, which refuses a retention under 7 days unless the check is off.
   */
  public List<String> vacuumStatements(List<TableDef> tables) {
    List<String> statements = new ArrayList<>();
    statements.add("SET " + RETENTION_CHECK + " = false;");
    statements.add("SET " + LISTING_PARALLELISM + " = " + listingParallelism() + ";");
    tables.forEach(t -> statements.add("VACUUM delta.`" + lake.path(t) + "` RETAIN 0 HOURS;"));
    return statements;
  }

  /** Tables handled after all others: identity is how the customer is found, so it goes last. */
  private static final List<TableDef> LAST = List.of(Tables.IDENTITY_HISTORY, Tables.CUSTOMER_PII,
      Tables.IDENTITY_MAP, Tables.FORGOTTEN, Tables.IDENTITY_SHARED);

  /** entity_type, source_key of every entity the customer id covered on any as-of date. */
  private List<Row> entities(String customerId) {
    if (!lake.exists(Tables.IDENTITY_MAP)) {
      throw new InputException("forget: the lake at " + lake.root() + " has no identity_map; run the pipeline first");
    }
    List<Row> entities = lake.read(Tables.IDENTITY_MAP).where(col(Columns.CUSTOMER_ID).equalTo(customerId))
        .select("entity_type", "source_key").distinct().collectAsList();
    if (entities.isEmpty()) {
      if (Tombstones.load(lake).contains(IdType.CUSTOMER, Pii.hmac(customerId, rules.hmacKey()))) {
        throw new InputException("forget: customer '" + customerId + "' was already forgotten ("
            + lake.name(Tables.FORGOTTEN) + ")");
      }
      throw new InputException("forget: unknown customer id '" + customerId + "' (not in "
          + lake.name(Tables.IDENTITY_MAP) + ")");
    }
    return entities;
  }

  /** The person's identifiers per kind: customer ids, entity keys, order ids, and phones and emails of theirs only. */
  private Map<IdType, Set<String>> identifiers(List<Row> entities) {
    Map<IdType, Set<String>> values = new EnumMap<>(IdType.class);
    for (IdType type : IdType.values()) {
      values.put(type, new TreeSet<>());
    }
    for (Row entity : entities) {
      String key = entity.getString(1).strip();
      switch (entity.getString(0)) {
        case IdentityGraph.ACCOUNT -> values.get(IdType.ACCOUNT).add(key);
        case IdentityGraph.GUEST_ORDER -> values.get(IdType.ORDER).add(key);
        case IdentityGraph.MEMBER -> values.get(IdType.MEMBER).add(key);
        case IdentityGraph.DEVICE -> values.get(IdType.DEVICE).add(key);
        default -> throw new IllegalStateException("identity_map has an unknown entity_type " + entity.getString(0));
      }
    }
    Dataset<Row> map = lake.read(Tables.IDENTITY_MAP);
    Dataset<Row> keys = lake.spark().createDataFrame(entities, map.select("entity_type", "source_key").schema());
    map.join(keys, new String[] {"entity_type", "source_key"}).select(Columns.CUSTOMER_ID).distinct().collectAsList()
        .forEach(r -> values.get(IdType.CUSTOMER).add(r.getString(0)));

    if (lake.exists(Tables.CUSTOMER_PII)) {
      Column mine = col(Columns.CUSTOMER_ID).isin(values.get(IdType.CUSTOMER).toArray());
      for (IdType type : List.of(IdType.PHONE, IdType.EMAIL)) {
        String column = type.label() + "s";
        Dataset<Row> all = lake.read(Tables.CUSTOMER_PII)
            .select(col(Columns.CUSTOMER_ID), explode(split(col(column), "; ")).as("value"));
        Set<String> theirs = new TreeSet<>();
        all.where(mine).select("value").distinct().collectAsList().forEach(r -> theirs.add(r.getString(0)));
        all.where(not(mine).and(col("value").isin(theirs.toArray()))).select("value").distinct()
            .collectAsList().forEach(r -> theirs.remove(r.getString(0)));
        theirs.remove("");
        values.get(type).addAll(theirs);
      }
    }
    TableDef orders = Tables.bronze(Source.ORDERS);
    if (lake.exists(orders)) {
      lake.read(orders).where(Erasure.carries(Source.ORDERS, values, rules, c -> col(c)))
          .select(trim(col("order_id"))).distinct().collectAsList()
          .forEach(r -> values.get(IdType.ORDER).add(r.getString(0)));
    }
    return values;
  }

  /** Ticket ids of the person's tickets, for the ticket tables whose rows have no customer id. */
  private Set<String> tickets(Map<IdType, Set<String>> values) {
    Set<String> tickets = new TreeSet<>();
    TableDef table = Tables.bronze(Source.TICKETS);
    if (lake.exists(table)) {
      lake.read(table).where(Erasure.carries(Source.TICKETS, values, rules, c -> col(c))).select("ticket_id")
          .collectAsList().forEach(r -> tickets.add(r.getString(0)));
    }
    return tickets;
  }

  /** Writes the keyed hashes of the identifiers to {@code forgotten} (once per identifier). */
  private void recordTombstones(Map<IdType, Set<String>> values) {
    Timestamp now = Timestamp.from(Instant.now());
    String request = UUID.randomUUID().toString();
    List<Row> rows = new ArrayList<>();
    Erasure.hashed(values, rules.hmacKey()).forEach((type, hashes) ->
        hashes.forEach(h -> rows.add(RowFactory.create(type.label(), h, now, request))));
    lake.ensure(Tables.FORGOTTEN);
    lake.delta(Tables.FORGOTTEN).as("t")
        .merge(lake.spark().createDataFrame(rows, Tables.FORGOTTEN.schema()).as("s"),
            "t.id_type = s.id_type AND t.id_hash = s.id_hash")
        .whenNotMatched().insertAll()
        .execute();
  }

  /** The rows of the table that belong to the person, or empty when the table holds none by construction. */
  private Optional<Column> predicate(TableDef table, Map<IdType, Set<String>> values, Set<String> tickets) {
    if (table.equals(Tables.QUARANTINE)) {
      return Optional.of(Erasure.mentions(col("raw_record"), values, rules));
    }
    for (Source source : Source.values()) {
      if (table.equals(Tables.bronze(source))) {
        return Erasure.identifierColumns(source).isEmpty() ? Optional.empty()
            : Optional.of(Erasure.carries(source, values, rules, c -> col(c)));
      }
    }
    Column keyed = lit(false);
    if (table.column(Columns.CUSTOMER_ID).isPresent()) {
      keyed = keyed.or(col(Columns.CUSTOMER_ID).isin(values.get(IdType.CUSTOMER).toArray()));
    }
    if (table.column("ticket_id").isPresent() && !tickets.isEmpty()) {
      keyed = keyed.or(col("ticket_id").isin(tickets.toArray()));
    }
    return table.column(Columns.CUSTOMER_ID).isPresent() || table.column("ticket_id").isPresent()
        ? Optional.of(keyed) : Optional.empty();
  }

  private void delete(TableDef table, Column predicate, List<Deleted> deleted, List<TableDef> searched) {
    if (!lake.exists(table)) {
      return;
    }
    searched.add(table);
    long rows = lake.read(table).where(predicate).count();
    if (rows > 0) {
      lake.delta(table).delete(predicate);
      deleted.add(new Deleted(table, rows));
    }
  }

  /** VACUUM with the retention check off and the file listing sized to the cluster, both for the call only. */
  private void vacuum(List<TableDef> tables) {
    RuntimeConfig conf = lake.spark().conf();
    String check = conf.get(RETENTION_CHECK, "true");
    String parallelism = conf.get(LISTING_PARALLELISM, null);
    conf.set(RETENTION_CHECK, "false");
    conf.set(LISTING_PARALLELISM, listingParallelism());
    try {
      tables.forEach(t -> lake.delta(t).vacuum(0.0));
    } finally {
      conf.set(RETENTION_CHECK, check);
      if (parallelism == null) {
        conf.unset(LISTING_PARALLELISM);
      } else {
        conf.set(LISTING_PARALLELISM, parallelism);
      }
    }
  }

  /**
   * Tasks of VACUUM's file listing: Spark's default of 10,000 (meant for huge partitioned tables) costs seconds
   * per small table; the session's parallelism, unless set explicitly, is plenty for one lake's table folders.
   */
  private long listingParallelism() {
    String set = lake.spark().conf().get(LISTING_PARALLELISM, null);
    return set != null ? Long.parseLong(set) : lake.spark().sparkContext().defaultParallelism();
  }
}
