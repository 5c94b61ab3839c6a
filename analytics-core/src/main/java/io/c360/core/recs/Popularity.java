package io.c360.core.recs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Popularity: distinct buyers per sku in the last window days, overall (the baseline) and per segment and city
 * (the cold-start source: a customer gets the skus most bought by the customers of the same segment and city).
 */
public final class Popularity {

  /** Segment of customers without one (no orders, or not segmented). */
  public static final String NO_SEGMENT = "none";
  /** City of customers without one. */
  public static final String NO_CITY = "unknown";

  private Popularity() {
  }

  /** sku, buyers: distinct customers who bought the sku in the window days ending on {@code asOf}. */
  public static Dataset<Row> items(Dataset<Row> lines, LocalDate asOf, int windowDays) {
    return Interactions.between(lines, asOf.minusDays(windowDays), asOf).groupBy(Interactions.SKU)
        .agg(count_distinct(col(Interactions.CUSTOMER)).as("buyers"));
  }

  /**
   * The same top {@code n} popular skus for every customer (the baseline): customer_id, sku, score (buyers).
   *
   * @param customers customer_id
   */
  public static Dataset<Row> overall(Dataset<Row> customers, Dataset<Row> items, int n) {
    Dataset<Row> top = items.withColumn("_r", row_number().over(Window.orderBy(col("buyers").desc(),
        col(Interactions.SKU)))).where(col("_r").leq(n)).drop("_r");
    return customers.select(Interactions.CUSTOMER).crossJoin(top)
        .select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("buyers").cast("double").as("score"),
            lit("popular").as("reason"));
  }

  /**
   * The top {@code n} skus by distinct buyers in the window among the customers of the same segment and city.
   *
   * @param customers customer_id, segment, city (either may be null)
   */
  public static Dataset<Row> bySegmentAndCity(Dataset<Row> lines, Dataset<Row> customers, LocalDate asOf,
                                              int windowDays, int n) {
    Dataset<Row> groups = customers.select(col(Interactions.CUSTOMER),
        coalesce(col("segment"), lit(NO_SEGMENT)).as("_segment"), coalesce(col("city"), lit(NO_CITY)).as("_city"));
    Dataset<Row> top = Interactions.between(lines, asOf.minusDays(windowDays), asOf)
        .join(groups, Interactions.CUSTOMER)
        .groupBy("_segment", "_city", Interactions.SKU)
        .agg(count_distinct(col(Interactions.CUSTOMER)).as("buyers"))
        .withColumn("_r", row_number().over(Window.partitionBy("_segment", "_city")
            .orderBy(col("buyers").desc(), col(Interactions.SKU))))
        .where(col("_r").leq(n));
    return groups.join(top, new String[] {"_segment", "_city"})
        .select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("buyers").cast("double").as("score"),
            concat(lit("popular with "), col("_segment"), lit(" customers in "), col("_city")).as("reason"));
  }
}
