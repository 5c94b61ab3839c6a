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
    Dataset<Row> truth = relevant.select(Interactions.CUSTOMER, Interactions.SKU).distinct();
    Dataset<Row> perCustomer = truth.groupBy(Interactions.CUSTOMER).agg(count(lit(1)).as("relevant"));
    Dataset<Row> topK = recommended.where(col("rank").leq(k)).select(Interactions.CUSTOMER, Interactions.SKU, "rank");
    Dataset<Row> hits = topK.join(truth.withColumn("hit", lit(1)), new String[] {Interactions.CUSTOMER,
            Interactions.SKU}, "left")
        .withColumn("hit", coalesce(col("hit"), lit(0)))
        .withColumn("hits_so_far", sum("hit").over(Window.partitionBy(Interactions.CUSTOMER).orderBy("rank")
            .rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .groupBy(Interactions.CUSTOMER)
        .agg(sum("hit").as("hits"), sum(when(col("hit").equalTo(1), col("hits_so_far").divide(col("rank")))
            .otherwise(0.0)).as("ap_sum"));
    Row row = perCustomer.join(hits, new String[] {Interactions.CUSTOMER}, "left")
        .select(coalesce(col("hits"), lit(0L)).divide(k).as("p"),
            coalesce(col("hits"), lit(0L)).divide(col("relevant")).as("r"),
            coalesce(col("ap_sum"), lit(0.0)).divide(least(col("relevant"), lit(k))).as("ap"))
        .agg(avg("p"), avg("r"), avg("ap"), count(lit(1)))
        .first();
    long recommendedSkus = topK.agg(count_distinct(col(Interactions.SKU))).first().getLong(0);
    long customers = row.getLong(3);
    return new Scores(customers == 0 ? 0 : row.getDouble(0), customers == 0 ? 0 : row.getDouble(1),
        customers == 0 ? 0 : row.getDouble(2), catalogue == 0 ? 0 : (double) recommendedSkus / catalogue, customers);
  }
}
