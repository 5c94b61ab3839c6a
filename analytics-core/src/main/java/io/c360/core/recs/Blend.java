package io.c360.core.recs;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Reciprocal-rank fusion of the candidate sources: within each source the candidates of a customer are ranked by
 * their score (after the exclusions, the first {@code perSource} kept); a sku's blended score is the sum over the
 * sources proposing it of weight / (rankOffset + rank). Output: customer_id, sku, score, sources (comma-separated,
 * sorted), reason (of the largest contribution), rank 1..topN.
 */
public final class Blend {

  public static final String SOURCE = "source";

  private Blend() {
  }

  /**
   * @param candidates customer_id, sku, score, reason, source
   * @param exclude    customer_id, sku never to recommend (null: none)
   * @param weights    weight by source name; a source without a weight contributes nothing
   */
  public static Dataset<Row> transform(Dataset<Row> candidates, Dataset<Row> exclude, Map<String, Double> weights,
                                       int perSource, int rankOffset, int topN) {
    return fuse(ranked(candidates, exclude, perSource), weights, rankOffset, topN);
  }

  /**
   * The first {@code perSource} candidates of each customer and source after the exclusions, with their
   * source_rank: what {@link #fuse} weighs (kept apart so that several weightings can share it).
   */
  public static Dataset<Row> ranked(Dataset<Row> candidates, Dataset<Row> exclude, int perSource) {
    return Candidates.without(candidates, exclude)
        .withColumn("source_rank", row_number().over(Window.partitionBy(col(Interactions.CUSTOMER), col(SOURCE))
            .orderBy(col("score").desc(), col(Interactions.SKU))))
        .where(col("source_rank").leq(perSource));
  }

  /** The weighted reciprocal-rank fusion of {@link #ranked} candidates, top n per customer. */
  public static Dataset<Row> fuse(Dataset<Row> ranked, Map<String, Double> weights, int rankOffset, int topN) {
    Column weight = lit(0.0);
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      weight = when(col(SOURCE).equalTo(e.getKey()), lit(e.getValue())).otherwise(weight);
    }
    Dataset<Row> weighted = ranked.withColumn("contribution", weight.divide(col("source_rank").plus(rankOffset)))
        .where(col("contribution").gt(0));
    Dataset<Row> fused = weighted.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(sum("contribution").as("score"), concat_ws(",", array_sort(collect_set(col(SOURCE)))).as("sources"),
            max(struct(col("contribution"), col("reason"))).getField("reason").as("reason"));
    return Candidates.top(fused, topN);
  }

  /** Tags a source's candidates (customer_id, sku, score, reason) with its name. */
  public static Dataset<Row> tagged(Dataset<Row> candidates, String source) {
    return candidates.select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("score").cast("double")
        .as("score"), col("reason"), lit(source).as(SOURCE));
  }
}
