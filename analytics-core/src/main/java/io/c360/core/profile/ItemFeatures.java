package io.c360.core.profile;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Basket features of a customer from the order lines of orders that were not cancelled: favourite category (most
 * lines; ties go to the category name that sorts last), number of categories bought, and the share of lines whose
 * product was launched at most {@link #NEW_PRODUCT_DAYS} days before the order (novelty seeking).
 */
public final class ItemFeatures {

  /** A product counts as new for this many days after its launch date. */
  public static final int NEW_PRODUCT_DAYS = 90;

  private ItemFeatures() {
  }

  /**
   * @param items order lines (order_id, sku, category)
   * @param orders orders with customer_id (cut at the as-of date)
   * @param products latest product states (sku, category, launch_date), or null
   */
  public static Dataset<Row> aggregate(Dataset<Row> items, Dataset<Row> orders, Dataset<Row> products) {
    Column notCancelled = coalesce(lower(trim(col("status"))).notEqual("cancelled"), lit(true));
    Dataset<Row> lines = items.select(col("order_id"), col("sku"), col("category").as("_item_category"))
        .join(orders.where(notCancelled).select(col("order_id"), col(Columns.CUSTOMER_ID),
            to_date(col("order_ts")).as("_day")), "order_id");
    Column category = col("_item_category");
    Column isNew = lit(false);
    if (products != null) {
      lines = lines.join(products.select(col("sku"), col("category").as("_product_category"), col("launch_date")),
          new String[] {"sku"}, "left");
      category = coalesce(category, col("_product_category"));
      Column age = datediff(col("_day"), col("launch_date"));
      isNew = coalesce(age.between(0, NEW_PRODUCT_DAYS), lit(false));
    }
    Dataset<Row> perCategory = lines.withColumn("_category", lower(trim(category)))
        .groupBy(col(Columns.CUSTOMER_ID), col("_category"))
        .agg(count(lit(1)).as("_lines"), count(when(isNew, lit(1))).as("_new"));
    Column known = col("_category").isNotNull();
    return perCategory.groupBy(Columns.CUSTOMER_ID).agg(
            max(when(known, struct(col("_lines"), col("_category")))).getField("_category").as("favourite_category"),
            count(when(known, lit(1))).cast("int").as("category_count"),
            sum("_new").as("_new"), sum("_lines").as("_lines"))
        .select(col(Columns.CUSTOMER_ID), col("favourite_category"), col("category_count"),
            Labels.share(col("_new"), col("_lines")).as("new_product_share"));
  }
}
