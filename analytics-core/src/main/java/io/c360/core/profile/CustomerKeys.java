package io.c360.core.profile;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.min;

import io.c360.core.catalog.Columns;
import io.c360.core.identity.IdentityGraph;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finds the customer of a source row from the identity map of the as-of date: orders by their account (or, for
 * guest orders, the order itself), members and devices by their id, and rows that only carry a phone by a phone
 * that belongs to exactly one customer (a counter or family phone shared by several customers attaches nothing).
 *
 * @param identityMap entity_type, entity_key, customer_id
 * @param contacts normalised contact details (IdentityGraph.contacts): entity_type, entity_key, phone, ...
 */
public record CustomerKeys(Dataset<Row> identityMap, Dataset<Row> contacts) {

  /** Orders with their customer_id (orders of no known entity are dropped). */
  public Dataset<Row> orders(Dataset<Row> orders) {
    return keyed(orders, "inner");
  }

  /**
   * Every order with its customer_id, null for an unidentified order (no account, phone or email: it belongs to no
   * customer but counts in the order and revenue figures).
   */
  public Dataset<Row> allOrders(Dataset<Row> orders) {
    return keyed(orders, "left");
  }

  private Dataset<Row> keyed(Dataset<Row> orders, String join) {
    return orders.withColumn("entity_type", IdentityGraph.orderEntityType())
        .withColumn("entity_key", IdentityGraph.orderEntityKey())
        .join(identityMap, new String[] {"entity_type", "entity_key"}, join)
        .drop("entity_type", "entity_key");
  }

  /** Contact rows with their customer_id. */
  public Dataset<Row> contactsByCustomer() {
    return contacts.join(identityMap, new String[] {"entity_type", "entity_key"});
  }

  /**
   * Rows with a customer_id found by member id first, then by another key: {@code byOrderId} (order_id) and/or
   * {@code byPhone} (a raw phone, normalised like identity does). Rows that match nothing are dropped.
   */
  public Dataset<Row> attach(Dataset<Row> rows, Dataset<Row> orderCustomers, Column normalisedPhone) {
    Dataset<Row> keyed = rows;
    Column customer = col("_by_member");
    keyed = keyed.join(entity(IdentityGraph.MEMBER, "_by_member"), keyed.col("member_id").equalTo(col("_key_member")),
        "left").drop("_key_member");
    if (orderCustomers != null) {
      keyed = keyed.join(orderCustomers.select(col("order_id").as("_key_order"),
              col(Columns.CUSTOMER_ID).as("_by_order")), col("order_id").equalTo(col("_key_order")), "left")
          .drop("_key_order");
      customer = coalesce(customer, col("_by_order"));
    }
    if (normalisedPhone != null) {
      keyed = keyed.withColumn("_phone", normalisedPhone)
          .join(uniquePhones(), col("_phone").equalTo(col("_key_phone")), "left").drop("_key_phone", "_phone");
      customer = coalesce(customer, col("_by_phone"));
    }
    return keyed.withColumn(Columns.CUSTOMER_ID, customer).where(col(Columns.CUSTOMER_ID).isNotNull())
        .drop("_by_member", "_by_order", "_by_phone");
  }

  /** Device events with their customer_id. */
  public Dataset<Row> devices(Dataset<Row> events) {
    return events.join(entity(IdentityGraph.DEVICE, Columns.CUSTOMER_ID), col("device_id").equalTo(col("_key_device")))
        .drop("_key_device");
  }

  /** Members with their customer_id. */
  public Dataset<Row> members(Dataset<Row> members) {
    return members.join(entity(IdentityGraph.MEMBER, Columns.CUSTOMER_ID), col("member_id").equalTo(col("_key_member")))
        .drop("_key_member");
  }

  private Dataset<Row> entity(String type, String customerColumn) {
    return identityMap.where(col("entity_type").equalTo(type))
        .select(col("entity_key").as("_key_" + type), col(Columns.CUSTOMER_ID).as(customerColumn));
  }

  /** Phones seen on exactly one customer. */
  private Dataset<Row> uniquePhones() {
    return contactsByCustomer().where(col("phone").isNotNull()).groupBy("phone")
        .agg(count_distinct(col(Columns.CUSTOMER_ID)).as("_customers"), min(Columns.CUSTOMER_ID).as("_by_phone"))
        .where(col("_customers").equalTo(1))
        .select(col("phone").as("_key_phone"), col("_by_phone"));
  }
}
