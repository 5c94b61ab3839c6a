package io.c360.core.recs;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

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

  private RankingMetrics() {
  }

  public record Scores(double precision, double recall, double map, double coverage, long customers) {
  }

  /**
   * @param recommended customer_id, sku, rank (1 = best)
   * @param relevant    customer_id, sku: what each evaluated customer bought in the test period
   * @param catalogue   number of skus that could be recommended
   */
  public static Scores evaluate(Dataset<Row> recommended, Dataset<Row> relevant, int k, long catalogue) {
    return evaluateBy(recommended.withColumn(LIST, lit("all")), LIST, List.of("all"), relevant, k, catalogue)
        .get("all");
  }

  /**
   * The scores of several lists in one pass: {@code recommended} holds customer_id, sku, rank (within the list)
   * and the list's name in {@code listColumn}; every list is scored against all relevant customers (a list
   * without rows scores zero).
   *
   * @param names the lists to score, in the order of the result
   */
  public static Map<String, Scores> evaluateBy(Dataset<Row> recommended, String listColumn, List<String> names,
                                               Dataset<Row> relevant, int k, long catalogue) {
    Dataset<Row> truth = relevant.select(Interactions.CUSTOMER, Interactions.SKU).distinct();
    Dataset<Row> perCustomer = truth.groupBy(Interactions.CUSTOMER).agg(count(lit(1)).as("relevant"));
    Dataset<Row> topK = recommended.where(col("rank").leq(k))
        .select(col(listColumn).as(LIST), col(Interactions.CUSTOMER), col(Interactions.SKU), col("rank"));
    Dataset<Row> hits = topK.join(truth.withColumn("hit", lit(1)), new String[] {Interactions.CUSTOMER,
            Interactions.SKU}, "left")
        .withColumn("hit", coalesce(col("hit"), lit(0)))
        .withColumn("hits_so_far", sum("hit").over(Window.partitionBy(LIST, Interactions.CUSTOMER).orderBy("rank")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .groupBy(LIST, Interactions.CUSTOMER)
        .agg(sum("hit").as("hits"), sum(when(col("hit").equalTo(1), col("hits_so_far").divide(col("rank")))
            .otherwise(0.0)).as("ap_sum"));
    Dataset<Row> lists = topK.groupBy(LIST).agg(count_distinct(col(Interactions.SKU)).as("skus"));
    Map<String, Scores> scores = new LinkedHashMap<>();
    for (Row row : lists.crossJoin(perCustomer)
        .join(hits, new String[] {LIST, Interactions.CUSTOMER}, "left")
        .select(col(LIST), col("skus"), coalesce(col("hits"), lit(0L)).divide(k).as("p"),
            coalesce(col("hits"), lit(0L)).divide(col("relevant")).as("r"),
            coalesce(col("ap_sum"), lit(0.0)).divide(least(col("relevant"), lit(k))).as("ap"))
        .groupBy(LIST, "skus").agg(avg("p"), avg("r"), avg("ap"), count(lit(1)))
        .orderBy(LIST).collectAsList()) {
      long skus = row.getLong(1);
      scores.put(row.getString(0), new Scores(row.getDouble(2), row.getDouble(3), row.getDouble(4),
          catalogue == 0 ? 0 : (double) skus / catalogue, row.getLong(5)));
    }
    Map<String, Scores> result = new LinkedHashMap<>();
    long customers = -1;
    for (String name : names) {
      Scores s = scores.get(name);
      if (s == null) {
        customers = customers < 0 ? perCustomer.count() : customers;
        s = new Scores(0, 0, 0, 0, customers);
      }
      result.put(name, s);
    }
    return result;
  }
}
