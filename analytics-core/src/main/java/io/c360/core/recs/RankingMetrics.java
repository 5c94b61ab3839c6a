package io.c360.core.recs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Offline ranking metrics of top-k lists against what the customers bought afterwards, averaged over the
 * customers with at least one relevant sku (a customer without a list counts as zero):
 * precision@k = hits / k, recall@k = hits / relevant, AP@k = sum over hit ranks r of (hits up to r) / r, divided
 * by min(relevant, k); MAP@k is its mean. Coverage = distinct recommended skus / catalogue size.
 */
public final class RankingMetrics {

  private static final String LIST = "_list";
  private static final String RELEVANT = "_relevant";

  private RankingMetrics() {
  }

  public record Scores(double precision, double recall, double map, double coverage, long customers) {
  }

  /**
   * What the evaluated customers bought, prepared once for scoring many lists against it: each distinct
   * customer x sku with the customer's number of relevant skus (materialised), and the number of customers.
   */
  public record Truth(Dataset<Row> pairs, long customers) {

    /** @param relevant customer_id, sku: what each evaluated customer bought in the test period */
    public static Truth of(Dataset<Row> relevant) {
      Dataset<Row> distinct = relevant.select(Interactions.CUSTOMER, Interactions.SKU).distinct();
      Dataset<Row> pairs = distinct.join(distinct.groupBy(Interactions.CUSTOMER).agg(count(lit(1)).as(RELEVANT)),
          Interactions.CUSTOMER).localCheckpoint();
      return new Truth(pairs, pairs.select(Interactions.CUSTOMER).distinct().count());
    }
  }

  /**
   * @param recommended customer_id, sku, rank (1 = best)
   * @param relevant    customer_id, sku: what each evaluated customer bought in the test period
   * @param catalogue   number of skus that could be recommended
   */
  public static Scores evaluate(Dataset<Row> recommended, Dataset<Row> relevant, int k, long catalogue) {
    return evaluate(recommended, Truth.of(relevant), k, catalogue);
  }

  /** {@link #evaluate(Dataset, Dataset, int, long)} against a prepared {@link Truth}. */
  public static Scores evaluate(Dataset<Row> recommended, Truth truth, int k, long catalogue) {
    return evaluateBy(recommended.withColumn(LIST, lit("all")), LIST, List.of("all"), truth, k, catalogue)
        .get("all");
  }

  /** {@link #evaluateBy(Dataset, String, List, Truth, int, long)} against {@code relevant} (customer_id, sku). */
  public static Map<String, Scores> evaluateBy(Dataset<Row> recommended, String listColumn, List<String> names,
                                               Dataset<Row> relevant, int k, long catalogue) {
    return evaluateBy(recommended, listColumn, names, Truth.of(relevant), k, catalogue);
  }

  /**
   * The scores of several lists in one pass: {@code recommended} holds customer_id, sku, rank (within the list)
   * and the list's name in {@code listColumn}; every list is scored against all of the truth's customers (a list
   * without rows scores zero). Only the hits are aggregated: a customer without one adds zero to every sum, so each
   * mean is a sum over the hit customers divided by the truth's customer count.
   *
   * @param names the lists to score, in the order of the result
   */
  public static Map<String, Scores> evaluateBy(Dataset<Row> recommended, String listColumn, List<String> names,
                                               Truth truth, int k, long catalogue) {
    Dataset<Row> topK = recommended.where(col("rank").leq(k))
        .select(col(listColumn).as(LIST), col(Interactions.CUSTOMER), col(Interactions.SKU), col("rank"));
    Dataset<Row> sums = topK.join(truth.pairs(), new String[] {Interactions.CUSTOMER, Interactions.SKU})
        .withColumn("hits_so_far", row_number().over(Window.partitionBy(LIST, Interactions.CUSTOMER)
            .orderBy("rank")))
        .groupBy(LIST, Interactions.CUSTOMER)
        .agg(count(lit(1)).as("hits"), sum(col("hits_so_far").divide(col("rank"))).as("ap_sum"),
            first(RELEVANT).as(RELEVANT))
        .groupBy(LIST)
        .agg(sum(col("hits").divide(k)).as("p"), sum(col("hits").divide(col(RELEVANT))).as("r"),
            sum(col("ap_sum").divide(least(col(RELEVANT), lit(k)))).as("ap"));
    Map<String, Scores> scores = new LinkedHashMap<>();
    long customers = truth.customers();
    if (customers > 0) {
      for (Row row : topK.groupBy(LIST).agg(count_distinct(col(Interactions.SKU)).as("skus"))
          .join(sums, new String[] {LIST}, "left").collectAsList()) {
        long skus = row.getLong(1);
        scores.put(row.getString(0), new Scores(sumOrZero(row, 2) / customers, sumOrZero(row, 3) / customers,
            sumOrZero(row, 4) / customers, catalogue == 0 ? 0 : (double) skus / catalogue, customers));
      }
    }
    Map<String, Scores> result = new LinkedHashMap<>();
    for (String name : names) {
      result.put(name, scores.getOrDefault(name, new Scores(0, 0, 0, 0, customers)));
    }
    return result;
  }

  private static double sumOrZero(Row row, int i) {
    return row.isNullAt(i) ? 0 : row.getDouble(i);
  }
}
