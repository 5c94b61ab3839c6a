package io.c360.core.identity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Pairwise precision and recall of a clustering against the truth: a pair of items is predicted when both are in
 * one cluster and true when both belong to one person. Computed from group sizes (sum of n(n-1)/2), so nothing
 * grows with the number of pairs.
 */
public final class PairwiseEvaluation {

  /** The scores; precision (recall) is 1 when no pair is predicted (true). */
  public record Scores(double precision, double recall, double f1, long items, long clusters, long persons,
                       long truePairs, long predictedPairs, long correctPairs) {
  }

  private PairwiseEvaluation() {
  }

  /**
   * @param labelled one row per item with columns {@code cluster} (predicted) and {@code person} (truth); items
   *                 without a truth label must be left out by the caller
   */
  public static Scores score(Dataset<Row> labelled) {
    Row clusters = pairs(labelled.groupBy("cluster").agg(count(lit(1)).as("n")));
    Row persons = pairs(labelled.groupBy("person").agg(count(lit(1)).as("n")));
    Row joint = pairs(labelled.groupBy("cluster", "person").agg(count(lit(1)).as("n")));
    Row sizes = labelled.agg(count(lit(1)), count_distinct(col("cluster")), count_distinct(col("person"))).first();
    long predicted = clusters.getLong(0);
    long truth = persons.getLong(0);
    long correct = joint.getLong(0);
    double precision = predicted == 0 ? 1.0 : (double) correct / predicted;
    double recall = truth == 0 ? 1.0 : (double) correct / truth;
    double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    return new Scores(precision, recall, f1, sizes.getLong(0), sizes.getLong(1), sizes.getLong(2), truth, predicted,
        correct);
  }

  private static Row pairs(Dataset<Row> groupSizes) {
    Column n = col("n");
    return groupSizes.agg(org.apache.spark.sql.functions.coalesce(sum(n.multiply(n.minus(1)).divide(2)).cast("long"),
        lit(0L))).first();
  }
}
