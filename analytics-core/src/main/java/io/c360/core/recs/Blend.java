package io.c360.core.recs;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
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
  private static final String RANKS = "_ranks";

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
    Dataset<Row> weighted = ranked.withColumn("contribution",
            contribution(col(SOURCE), col("source_rank"), weights, rankOffset))
        .where(col("contribution").gt(0));
    Dataset<Row> fused = weighted.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(sum("contribution").as("score"), concat_ws(",", array_sort(collect_set(col(SOURCE)))).as("sources"),
            max(struct(col("contribution"), col("reason"))).getField("reason").as("reason"));
    return Candidates.top(fused, topN);
  }

  /**
   * {@link #ranked} candidates pooled per customer x sku: each proposing source with its source_rank, in one
   * array, so that {@link #fuseEach} scores many weightings without grouping the candidates again for each.
   */
  public static Dataset<Row> pooled(Dataset<Row> ranked) {
    return ranked.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(collect_list(struct(col(SOURCE), col("source_rank"))).as(RANKS));
  }

  /**
   * The top n of {@link #fuse} under each of several weightings of {@link #pooled} candidates, in one plan:
   * customer_id, sku, rank and {@code list}, the weighting's position in {@code weights} (as text).
   *
   * @param rankOffsets the rank offset of each weighting, in the order of {@code weights}
   */
  public static Dataset<Row> fuseEach(Dataset<Row> pooled, List<Map<String, Double>> weights,
                                      List<Integer> rankOffsets, int topN, String list) {
    List<Column> scores = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Map<String, Double> w = weights.get(i);
      int offset = rankOffsets.get(i);
      scores.add(aggregate(col(RANKS), lit(0.0), (total, source) -> total.plus(
          contribution(source.getField(SOURCE), source.getField("source_rank"), w, offset))));
    }
    Dataset<Row> scored = pooled.select(col(Interactions.CUSTOMER), col(Interactions.SKU),
            posexplode(array(scores.toArray(Column[]::new))).as(new String[] {list, "score"}))
        .where(col("score").gt(0))
        .withColumn(list, col(list).cast("string"));
    return Candidates.topPerList(scored, list, topN).select(Interactions.CUSTOMER, Interactions.SKU, "rank", list);
  }

  /** A source's share of a sku's fused score: its weight / (rank offset + the sku's rank in it). */
  private static Column contribution(Column source, Column sourceRank, Map<String, Double> weights, int rankOffset) {
    Column weight = lit(0.0);
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      weight = when(source.equalTo(e.getKey()), lit(e.getValue())).otherwise(weight);
    }
    return weight.divide(sourceRank.plus(rankOffset));
  }

  /** Tags a source's candidates (customer_id, sku, score, reason) with its name. */
  public static Dataset<Row> tagged(Dataset<Row> candidates, String source) {
    return candidates.select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("score").cast("double")
        .as("score"), col("reason"), lit(source).as(SOURCE));
  }
}
