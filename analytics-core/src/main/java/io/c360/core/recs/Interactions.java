package io.c360.core.recs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.config.RecsConfig;
import java.time.LocalDate;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Customer x sku interactions: the purchase lines (customer_id, order_id, day, sku) of the orders that were not
 * cancelled, and the implicit-feedback weight of each pair from orders, add-to-cart and view events.
 */
public final class Interactions {

  public static final String CUSTOMER = Columns.CUSTOMER_ID;
  public static final String SKU = "sku";
  public static final String DAY = "day";
  public static final String WEIGHT = "weight";

  private Interactions() {
  }

  /**
   * Purchase lines: one row per order line of an order that is paid (or has no status).
   *
   * @param customerOrders orders with customer_id, order_id, order_ts, status
   * @param items          order_items with order_id, sku
   */
  public static Dataset<Row> lines(Dataset<Row> customerOrders, Dataset<Row> items) {
    Dataset<Row> orders = customerOrders.where(col("status").isNull().or(col("status").equalTo("paid")))
        .select(col(CUSTOMER), col("order_id"), to_date(col("order_ts")).as(DAY));
    return orders.join(items.select(col("order_id"), col(SKU)).where(col(SKU).isNotNull()), "order_id")
        .select(CUSTOMER, "order_id", DAY, SKU);
  }

  /** The rows on days {@code from} (exclusive, null for no bound) to {@code to} (inclusive). */
  public static Dataset<Row> between(Dataset<Row> rows, LocalDate from, LocalDate to) {
    org.apache.spark.sql.Column in = col(DAY).leq(lit(java.sql.Date.valueOf(to)));
    return rows.where(from == null ? in : in.and(col(DAY).gt(lit(java.sql.Date.valueOf(from)))));
  }

  /**
   * Implicit feedback per customer x sku: orders x weights.order + add-to-cart events x weights.add-to-cart + views
   * x weights.view.
   *
   * @param lines  purchase lines
   * @param events customer_id, event_type, sku (may be null)
   */
  public static Dataset<Row> weights(Dataset<Row> lines, Dataset<Row> events, RecsConfig.Weights weights) {
    Dataset<Row> bought = lines.groupBy(CUSTOMER, SKU)
        .agg(count_distinct(col("order_id")).cast("double").multiply(weights.order()).as(WEIGHT));
    if (events == null) {
      return bought;
    }
    Dataset<Row> seen = events.where(col(SKU).isNotNull()
            .and(col("event_type").isin("view", "add_to_cart")))
        .groupBy(CUSTOMER, SKU)
        .agg(sum(when(col("event_type").equalTo("view"), lit(weights.view()))
            .otherwise(lit(weights.addToCart()))).as(WEIGHT));
    return bought.unionByName(seen).groupBy(CUSTOMER, SKU).agg(sum(WEIGHT).as(WEIGHT))
        .where(col(WEIGHT).gt(0));
  }

  /**
   * A dense int id (0, 1, ...) for each distinct value of a string column, numbered in a distributed pass
   * (zipWithIndex), for ALS: {@code column, idColumn}. Checkpointed (locally, eagerly): the order of a distinct
   * can differ between two computations, and the ids must not.
   */
  public static Dataset<Row> index(Dataset<Row> rows, String column, String idColumn) {
    Dataset<Row> distinct = rows.select(column).distinct();
    JavaRDD<Row> numbered = distinct.javaRDD().zipWithIndex()
        .map(t -> RowFactory.create(t._1().getString(0), (int) (long) t._2()));
    StructType schema = new StructType().add(column, DataTypes.StringType, false)
        .add(idColumn, DataTypes.IntegerType, false);
    return rows.sparkSession().createDataFrame(numbered, schema).localCheckpoint();
  }
}
