package io.c360.core.recs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Candidate lists (customer_id, sku, score, ...): exclusions and the top n per customer by score. */
public final class Candidates {

  private Candidates() {
  }

  /** Drops the customer x sku pairs of {@code exclude} (null: none). */
  public static Dataset<Row> without(Dataset<Row> candidates, Dataset<Row> exclude) {
    return exclude == null ? candidates
        : candidates.join(exclude, new String[] {Interactions.CUSTOMER, Interactions.SKU}, "left_anti");
  }

  /** Adds rank 1..n per customer (higher score first, then sku) and keeps the first n. */
  public static Dataset<Row> top(Dataset<Row> candidates, int n) {
    return candidates.withColumn("rank", row_number().over(Window.partitionBy(Interactions.CUSTOMER)
            .orderBy(col("score").desc(), col(Interactions.SKU))))
        .where(col("rank").leq(n));
  }

  /** Like {@link #top} within each list of a customer ({@code list} names the list column, e.g. source). */
  public static Dataset<Row> topPerList(Dataset<Row> candidates, String list, int n) {
    return candidates.withColumn("rank", row_number().over(Window.partitionBy(col(Interactions.CUSTOMER),
            col(list)).orderBy(col("score").desc(), col(Interactions.SKU))))
        .where(col("rank").leq(n));
  }
}
