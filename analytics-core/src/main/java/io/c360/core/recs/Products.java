package io.c360.core.recs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.ntile;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** The product catalogue as the recommenders use it: sku, product_name, category, list_price, price_band. */
public final class Products {

  private Products() {
  }

  /**
   * Price band 1..bands of each product within its category by list price (quantiles, 1 = cheapest); products
   * without category or price get none.
   *
   * @param products sku, name, category, list_price (latest snapshot)
   */
  public static Dataset<Row> catalogue(Dataset<Row> products, int bands) {
    Dataset<Row> priced = products.where(col("category").isNotNull().and(col("list_price").isNotNull()))
        .withColumn("price_band", ntile(bands).over(Window.partitionBy("category").orderBy(col("list_price"),
            col(Interactions.SKU))));
    return products.select(col(Interactions.SKU), col("name").as("product_name"), col("category"),
            col("list_price"))
        .join(priced.select(Interactions.SKU, "price_band"), new String[] {Interactions.SKU}, "left");
  }

  /** Adds product_name (the product's name, else the sku) to rows with a sku. */
  public static Dataset<Row> withName(Dataset<Row> rows, Dataset<Row> names) {
    if (names == null) {
      return rows.withColumn("product_name", col(Interactions.SKU));
    }
    Dataset<Row> n = names.select(col(Interactions.SKU).as("_name_sku"), col("product_name").as("_name"));
    return rows.join(n, rows.col(Interactions.SKU).equalTo(n.col("_name_sku")), "left")
        .withColumn("product_name", coalesce(col("_name"), col(Interactions.SKU))).drop("_name_sku", "_name");
  }
}
