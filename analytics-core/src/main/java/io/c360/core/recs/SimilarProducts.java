package io.c360.core.recs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Variety: for a sku, the most popular other skus of the same category and price band (similar) and of the same
 * category one band up (upgrade); applied to the skus a customer bought recently.
 */
public final class SimilarProducts {

  private SimilarProducts() {
  }

  /**
   * sku, other_sku, kind (similar / upgrade), buyers of the other sku: the top {@code perItem} of each kind.
   *
   * @param catalogue sku, category, price_band (Products.catalogue)
   * @param items     sku, buyers (Popularity.items)
   */
  public static Dataset<Row> pairs(Dataset<Row> catalogue, Dataset<Row> items, int perItem) {
    Dataset<Row> banded = catalogue.where(col("price_band").isNotNull())
        .join(items, new String[] {Interactions.SKU}, "left")
        .select(col(Interactions.SKU), col("category"), col("price_band"),
            coalesce(col("buyers"), lit(0L)).as("buyers"));
    Dataset<Row> other = banded.select(col(Interactions.SKU).as("other_sku"), col("category").as("_category"),
        col("price_band").as("_band"), col("buyers").as("other_buyers"));
    Dataset<Row> joined = banded.join(other, banded.col("category").equalTo(other.col("_category"))
            .and(banded.col(Interactions.SKU).notEqual(other.col("other_sku")))
            .and(other.col("_band").equalTo(banded.col("price_band"))
                .or(other.col("_band").equalTo(banded.col("price_band").plus(1)))))
        .withColumn("kind", when(col("_band").equalTo(col("price_band")), lit("similar")).otherwise(lit("upgrade")))
        .where(col("other_buyers").gt(0));
    return joined.withColumn("_r", row_number().over(Window.partitionBy(Interactions.SKU, "kind")
            .orderBy(col("other_buyers").desc(), col("other_sku"))))
        .where(col("_r").leq(perItem))
        .select(Interactions.SKU, "other_sku", "kind", "other_buyers");
  }

  /**
   * Candidates from the customers' recent skus: customer_id, sku, score (buyers of the proposed sku), reason
   * ("similar to NAME" / "an upgrade of NAME").
   *
   * @param recent customer_id, sku (distinct)
   */
  public static Dataset<Row> candidates(Dataset<Row> pairs, Dataset<Row> recent, Dataset<Row> names) {
    Dataset<Row> proposals = Products.withName(recent.join(pairs, Interactions.SKU), names)
        .select(col(Interactions.CUSTOMER), col("other_sku").as("_proposed"), col("other_buyers").cast("double")
            .as("score"), concat(when(col("kind").equalTo("similar"), lit("similar to "))
            .otherwise(lit("an upgrade of ")), col("product_name")).as("reason"))
        .withColumnRenamed("_proposed", Interactions.SKU)
        .join(recent, new String[] {Interactions.CUSTOMER, Interactions.SKU}, "left_anti");
    return proposals.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(max(struct(col("score"), col("reason"))).as("best"))
        .select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("best.score").as("score"),
            col("best.reason").as("reason"));
  }
}
