package io.c360.core.profile;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.config.IdentityConfig;
import io.c360.core.identity.Identifiers;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.ingest.Snapshots;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * customer_360: one row per customer of the identity map, with the masked profile and the order, basket, service,
 * feedback and engagement features as of a date. Every source is cut at the as-of date first (facts by their own
 * time, tickets by creation with later responses and resolutions not yet happened, members by sign-up), so a
 * profile computed today for an earlier date equals the one computed on that date from the same records. Each
 * source is aggregated in one pass; the parts are joined on customer_id.
 */
public final class Customer360 {

  /**
   * The bronze rows (any time; the transform cuts them) and the identity map of the as-of date
   * (entity_type, entity_key, customer_id). Only orders and the identity map are required; a missing optional
   * source (null) leaves its columns empty.
   */
  public record Inputs(Dataset<Row> identityMap, Dataset<Row> orders, Dataset<Row> orderItems, Dataset<Row> products,
                       Dataset<Row> members, Dataset<Row> tickets, Dataset<Row> reviews, Dataset<Row> surveys,
                       Dataset<Row> events) {
  }

  private final IdentityConfig identity;

  public Customer360(IdentityConfig identity) {
    this.identity = identity;
  }

  /** The customer_360 rows of the as-of date, shaped as {@link Tables#CUSTOMER_360}. */
  public Dataset<Row> transform(Inputs in, LocalDate asOfDate) {
    AsOfWindow asOf = new AsOfWindow(asOfDate);
    Dataset<Row> orders = in.orders().where(asOf.seen(col("order_ts")));
    Dataset<Row> members = in.members() == null ? null : Snapshots.latest(in.members(), Source.MEMBERS)
        .where(col("signup_ts").isNull().or(asOf.seen(col("signup_ts"))));
    // checkpointed: read twice (profile, phone keys), and a filter on the cleaned phone would repeat its regexes
    Dataset<Row> contacts = new IdentityGraph(identity).contacts(new IdentityGraph.Inputs(orders, members, null))
        .localCheckpoint();
    CustomerKeys keys = new CustomerKeys(in.identityMap(), contacts);
    Dataset<Row> customerOrders = keys.orders(orders);
    Dataset<Row> orderCustomers = customerOrders.select("order_id", Columns.CUSTOMER_ID);

    Dataset<Row> result = in.identityMap().select(Columns.CUSTOMER_ID).distinct();
    List<String> counts = new ArrayList<>();
    result = join(result, OrderFeatures.aggregate(customerOrders, asOf), counts, OrderFeatures.COUNTS);
    result = join(result, ProfileFeatures.contacts(keys.contactsByCustomer(), identity.hmacKey()), counts, List.of());
    if (members != null) {
      result = join(result, ProfileFeatures.members(keys.members(members), asOf), counts, List.of());
    }
    if (in.orderItems() != null) {
      Dataset<Row> products = in.products() == null ? null : Snapshots.latest(in.products(), Source.PRODUCTS);
      result = join(result, ItemFeatures.aggregate(in.orderItems(), customerOrders, products), counts, List.of());
    }
    if (in.tickets() != null) {
      Dataset<Row> tickets = Snapshots.latest(in.tickets(), Source.TICKETS).where(asOf.seen(col("created_ts")));
      result = join(result, ServiceFeatures.aggregate(keys.attach(tickets, null, phone()), asOf), counts,
          ServiceFeatures.COUNTS);
    }
    if (in.reviews() != null) {
      Dataset<Row> reviews = in.reviews().where(asOf.seen(col("created_ts")));
      result = join(result, FeedbackFeatures.reviews(keys.attach(reviews, orderCustomers, null)), counts,
          FeedbackFeatures.COUNTS);
    }
    if (in.surveys() != null) {
      Dataset<Row> surveys = in.surveys().where(asOf.seen(col("survey_ts")));
      result = join(result, FeedbackFeatures.surveys(keys.attach(surveys, null, phone())), counts, List.of());
    }
    if (in.events() != null) {
      Dataset<Row> events = in.events().where(asOf.seen(col("event_ts")));
      result = join(result, EngagementFeatures.aggregate(keys.devices(events), asOf), counts,
          EngagementFeatures.COUNTS);
    }
    return shape(result, counts, asOf);
  }

  private Column phone() {
    return Identifiers.phoneE164(col("phone"), identity.defaultCountryCode());
  }

  private static Dataset<Row> join(Dataset<Row> result, Dataset<Row> part, List<String> counts, List<String> zeros) {
    counts.addAll(zeros);
    return result.join(part, new String[] {Columns.CUSTOMER_ID}, "left");
  }

  /** The table's columns in order: counts of a present source are 0 without rows; a missing source leaves null. */
  private static Dataset<Row> shape(Dataset<Row> result, List<String> counts, AsOfWindow asOf) {
    List<String> present = List.of(result.columns());
    Dataset<Row> derived = result
        .withColumn("city", present.contains("_member_city")
            ? coalesce(col("_member_city"), col("last_order_city")) : col("last_order_city"))
        .withColumn("tenure_days", datediff(asOf.day(), present.contains("member_since")
            ? least(col("member_since"), col("first_order_date")) : col("first_order_date")))
        .withColumn(Columns.AS_OF, asOf.day());
    List<String> available = List.of(derived.columns());
    List<Column> columns = new ArrayList<>();
    for (io.c360.core.catalog.Column column : Tables.CUSTOMER_360.columns()) {
      String name = column.name();
      Column value = available.contains(name) ? col(name) : lit(null);
      if (counts.contains(name)) {
        value = coalesce(value, lit(0));
      } else if (OrderFeatures.MONEY.contains(name) && available.contains("orders")) {
        // 0 for a customer without orders; a customer whose orders carry no amount keeps it empty
        value = when(col("orders").isNull(), lit(0)).otherwise(value);
      }
      columns.add(value.cast(column.type().sparkType()).as(name));
    }
    return derived.select(columns.toArray(Column[]::new));
  }
}
