package io.c360.core.identity;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.c360.core.catalog.Source;
import io.c360.core.config.IdentityConfig;
import io.c360.core.ingest.Snapshots;
import io.c360.core.privacy.Pii;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Links source records into people. Entities are accounts (orders with an account id), guest orders (orders
 * without one that carry a phone or an email, or that an app event names), members and app devices. An order with
 * none of these identifies nobody and belongs to no customer ({@link #identified}). They are linked through shared identifiers: normalised phones and
 * emails, member logins on a device, and orders placed in the app (an event's order id ties its device to the
 * order's account or guest order). An identifier seen on more accounts, or more members, than
 * {@code maxPeoplePerIdentifier} (a family phone), a phone on more than {@code maxGuestOrdersPerPhone} guest orders
 * (a shop's counter phone), and a device logged into by more members, or placing orders of more accounts, than
 * {@code maxPeoplePerIdentifier} (a family tablet) are shared: they link nothing and are reported. A counter phone
 * with few orders so far cannot be told from a person who never registers; it links until it passes the limit.
 * Components come from {@link ConnectedComponents}.
 */
public final class IdentityGraph {

  public static final String ACCOUNT = "account";
  public static final String GUEST_ORDER = "guest_order";
  public static final String MEMBER = "member";
  public static final String DEVICE = "device";
  /** Identifier type of an order id that an app event carries. */
  public static final String ORDER = "order";

  /** Bronze inputs; members and events may be null when those sources are not configured. */
  public record Inputs(Dataset<Row> orders, Dataset<Row> members, Dataset<Row> events) {
  }

  /**
   * @param entities          entity_type, entity_key, source, first_seen, last_seen, linked_by, linked_at, component
   * @param sharedIdentifiers id_type, id_hash, accounts, members, guest_orders, devices_members, reason
   * @param rounds            connected-components rounds
   */
  public record Output(Dataset<Row> entities, Dataset<Row> sharedIdentifiers, int rounds) {
  }

  private final IdentityConfig rules;

  public IdentityGraph(IdentityConfig rules) {
    this.rules = rules;
  }

  public Output resolve(Inputs in) {
    Dataset<Row> entities = entities(in).localCheckpoint();
    // read by the counts, the shared devices, the links and the evidence: checkpointed, the sightings are computed once
    Dataset<Row> occurrences = occurrences(in).localCheckpoint();
    Dataset<Row> counts = occurrences.groupBy("id_type", "id_value").agg(
        count_distinct(when(col("entity_type").equalTo(ACCOUNT), col("entity_key"))).as("accounts"),
        count_distinct(when(col("entity_type").equalTo(MEMBER), col("entity_key"))).as("members"),
        count_distinct(when(col("entity_type").equalTo(GUEST_ORDER), col("entity_key"))).as("guest_orders"),
        count_distinct(col("entity_type"), col("entity_key")).as("entities"));
    Column shared = when(greatest(col("accounts"), col("members")).gt(rules.maxPeoplePerIdentifier()),
        lit("more than " + rules.maxPeoplePerIdentifier() + " people"))
        .when(col("id_type").equalTo("phone").and(col("guest_orders").gt(rules.maxGuestOrdersPerPhone())),
            lit("more than " + rules.maxGuestOrdersPerPhone() + " guest orders"));
    Dataset<Row> judged = counts.withColumn("reason", shared).localCheckpoint();
    Dataset<Row> sharedDevices = sharedDevices(occurrences);

    Dataset<Row> links = occurrences
        .join(judged.where(col("reason").isNull()).where(col("entities").gt(1)), new String[] {"id_type", "id_value"})
        .join(sharedDevices, col("entity_type").equalTo(lit(DEVICE))
            .and(col("entity_key").equalTo(col("shared_device"))), "left_anti");
    Dataset<Row> edges = links.select(node(col("entity_type"), col("entity_key")).as("src"),
            node(col("id_type"), col("id_value")).as("dst"))
        .union(entities.select(col("node").as("src"), col("node").as("dst")));
    ConnectedComponents.Result components = new ConnectedComponents(rules.maxIterations()).run(edges);

    Dataset<Row> evidence = links.groupBy("entity_type", "entity_key").agg(
        concat_ws(",", array_sort(collect_set("id_type"))).as("linked_by"), min("seen_at").as("linked_at"));
    Dataset<Row> resolved = entities
        .join(components.labels(), entities.col("node").equalTo(components.labels().col("node")))
        .join(evidence, new String[] {"entity_type", "entity_key"}, "left")
        .select(col("entity_type"), col("entity_key"), col("source"), col("first_seen"), col("last_seen"),
            coalesce(col("linked_by"), lit("none")).as("linked_by"), col("linked_at"), col("component"));
    Dataset<Row> report = judged.where(col("reason").isNotNull())
        .select(col("id_type"), Pii.hmac(col("id_value"), rules.hmacKey()).as("id_hash"), col("accounts"),
            col("members"), col("guest_orders"), col("reason"))
        .union(sharedDevices.select(lit(DEVICE).as("id_type"), col("shared_device").as("id_hash"),
            col("order_accounts").as("accounts"), col("logins").as("members"), lit(0L).as("guest_orders"),
            lit("more than " + rules.maxPeoplePerIdentifier() + " members logged in or accounts ordering")
                .as("reason")));
    return new Output(resolved, report, components.rounds());
  }

  /** On an order row: the type of entity the order belongs to, its account or, without one, the order itself. */
  public static Column orderEntityType() {
    return when(hasAccount(), lit(ACCOUNT)).otherwise(lit(GUEST_ORDER));
  }

  /** On an order row: the key of the entity the order belongs to (account id or order id). */
  public static Column orderEntityKey() {
    return when(hasAccount(), trim(col("account_id"))).otherwise(col("order_id"));
  }

  private static Column hasAccount() {
    Column account = trim(col("account_id"));
    return account.isNotNull().and(account.notEqual(""));
  }

  /** The node id of an entity or identifier: a 64-bit hash of its type and value. */
  static Column node(Column type, Column value) {
    return xxhash64(type, value);
  }

  private Dataset<Row> entities(Inputs in) {
    Dataset<Row> orders = identified(in).select(orderEntityType().as("entity_type"),
        orderEntityKey().as("entity_key"), lit("orders").as("source"), col("order_ts").as("ts"));
    Dataset<Row> all = orders;
    if (in.members() != null) {
      all = all.union(latestMembers(in.members()).select(lit(MEMBER).as("entity_type"),
          col("member_id").as("entity_key"), lit("members").as("source"),
          coalesce(col("signup_ts"), col("_ingested_at")).as("ts")));
    }
    if (in.events() != null) {
      all = all.union(in.events().select(lit(DEVICE).as("entity_type"), col("device_id").as("entity_key"),
          lit("events").as("source"), col("event_ts").as("ts")));
    }
    return all.groupBy("entity_type", "entity_key", "source")
        .agg(min("ts").as("first_seen"), max("ts").as("last_seen"))
        .withColumn("node", node(col("entity_type"), col("entity_key")));
  }

  /**
   * The orders that belong to someone: those with an account, a phone or an email (normalised), and guest orders
   * an app event names (their device placed them). The others are unidentified: they count in the order and revenue
   * figures but make no customer.
   */
  public Dataset<Row> identified(Inputs in) {
    Column contact = Identifiers.phoneE164(col("phone"), rules.defaultCountryCode()).isNotNull()
        .or(Identifiers.email(col("email"), rules.emailProviderRules()).isNotNull());
    Column known = orderEntityType().equalTo(ACCOUNT).or(contact);
    if (in.events() == null || !Arrays.asList(in.events().columns()).contains("order_id")) {
      return in.orders().where(known);
    }
    Dataset<Row> placed = in.events().select(trim(col("order_id")).as("_placed"))
        .where(col("_placed").isNotNull().and(col("_placed").notEqual(""))).distinct();
    Dataset<Row> guests = in.orders().where(not(known))
        .join(placed, trim(col("order_id")).equalTo(col("_placed")), "left_semi");
    return in.orders().where(known).unionByName(guests);
  }

  /**
   * The contact details of every identified order (see {@link #identified}) and member record, normalised:
   * entity_type, entity_key, name, phone (E.164), email, seen_at. Raw personal data: for the identity graph and the
   * vault only.
   */
  public Dataset<Row> contacts(Inputs in) {
    Column orderName = Arrays.asList(in.orders().columns()).contains("name") ? trim(col("name"))
        : lit(null).cast("string");
    Dataset<Row> contacts = identified(in).select(orderEntityType().as("entity_type"),
        orderEntityKey().as("entity_key"), when(orderName.notEqual(""), orderName).as("name"),
        Identifiers.phoneE164(col("phone"), rules.defaultCountryCode()).as("phone"),
        Identifiers.email(col("email"), rules.emailProviderRules()).as("email"), col("order_ts").as("seen_at"));
    if (in.members() != null) {
      contacts = contacts.union(latestMembers(in.members()).select(lit(MEMBER).as("entity_type"),
          col("member_id").as("entity_key"), trim(col("name")).as("name"),
          Identifiers.phoneE164(col("phone"), rules.defaultCountryCode()).as("phone"),
          Identifiers.email(col("email"), rules.emailProviderRules()).as("email"),
          coalesce(col("signup_ts"), col("_ingested_at")).as("seen_at")));
    }
    return contacts;
  }

  /**
   * Devices used by too many people to link them: shared_device, logins (distinct members logged in), order_accounts
   * (distinct accounts of the orders placed on it); either above {@code maxPeoplePerIdentifier}.
   */
  private Dataset<Row> sharedDevices(Dataset<Row> occurrences) {
    Dataset<Row> onDevices = occurrences.where(col("entity_type").equalTo(DEVICE));
    Dataset<Row> orderAccounts = occurrences
        .where(col("id_type").equalTo(ORDER).and(col("entity_type").equalTo(ACCOUNT)))
        .select(col("id_type"), col("id_value"), col("entity_key").as("account"));
    // on (type, value): a member id may read like an order id (numeric ids from two systems)
    Dataset<Row> perDevice = onDevices.join(orderAccounts, new String[] {"id_type", "id_value"}, "left")
        .groupBy("entity_key").agg(
            count_distinct(when(col("id_type").equalTo(MEMBER), col("id_value"))).as("logins"),
            count_distinct(col("account")).as("order_accounts"));
    int max = rules.maxPeoplePerIdentifier();
    return perDevice.where(col("logins").gt(max).or(col("order_accounts").gt(max)))
        .select(col("entity_key").as("shared_device"), col("logins"), col("order_accounts"));
  }

  /** Each (entity, identifier) sighting with the first time it was seen. */
  private Dataset<Row> occurrences(Inputs in) {
    Dataset<Row> contacts = contacts(in);
    Dataset<Row> sightings = identifierRows(contacts)
        .union(contacts.where(col("entity_type").equalTo(MEMBER)).select(col("entity_type"), col("entity_key"),
            lit(MEMBER).as("id_type"), col("entity_key").as("id_value"), col("seen_at")));
    if (in.events() != null) {
      sightings = sightings.union(in.events().where(col("member_id").isNotNull())
          .select(lit(DEVICE).as("entity_type"), col("device_id").as("entity_key"), lit(MEMBER).as("id_type"),
              trim(col("member_id")).as("id_value"), col("event_ts").as("seen_at")));
      if (Arrays.asList(in.events().columns()).contains("order_id")) {
        sightings = sightings.union(orderSightings(in));
      }
    }
    return sightings.groupBy("entity_type", "entity_key", "id_type", "id_value").agg(min("seen_at").as("seen_at"));
  }

  /**
   * Orders placed in the app: the device of each event with an order id, and the entity of each order that such an
   * event names (the order's account, or the guest order), both sighting the identifier (order, order id).
   */
  private static Dataset<Row> orderSightings(Inputs in) {
    Column orderId = trim(col("order_id"));
    Dataset<Row> placed = in.events().where(orderId.isNotNull().and(orderId.notEqual("")))
        .select(lit(DEVICE).as("entity_type"), col("device_id").as("entity_key"), lit(ORDER).as("id_type"),
            orderId.as("id_value"), col("event_ts").as("seen_at"));
    Dataset<Row> named = placed.select(col("id_value").as("placed_order")).distinct();
    Dataset<Row> orders = in.orders()
        .join(named, trim(in.orders().col("order_id")).equalTo(named.col("placed_order")), "left_semi")
        .select(orderEntityType().as("entity_type"), orderEntityKey().as("entity_key"), lit(ORDER).as("id_type"),
            trim(col("order_id")).as("id_value"), col("order_ts").as("seen_at"));
    return placed.union(orders);
  }

  private static Dataset<Row> identifierRows(Dataset<Row> rows) {
    Dataset<Row> phones = rows.where(col("phone").isNotNull()).select(col("entity_type"), col("entity_key"),
        lit("phone").as("id_type"), col("phone").as("id_value"), col("seen_at"));
    Dataset<Row> emails = rows.where(col("email").isNotNull()).select(col("entity_type"), col("entity_key"),
        lit("email").as("id_type"), col("email").as("id_value"), col("seen_at"));
    return phones.union(emails);
  }

  /** The latest state of each member across snapshot batches. */
  public static Dataset<Row> latestMembers(Dataset<Row> members) {
    return Snapshots.latest(members, Source.MEMBERS);
  }
}
