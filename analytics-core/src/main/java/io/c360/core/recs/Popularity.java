package io.c360.core.recs;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Popularity: distinct buyers per sku in the last window days, overall (the baseline) and per segment and city
 * (the cold-start source: a customer gets the skus most bought by the customers of the same segment and city) and
 * per category weighted by the customer's own categories.
 */
public final class Popularity {

  /** Segment of customers without one (no orders, or not segmented). */
  public static final String NO_SEGMENT = "none";
  /** City of customers without one. */
  public static final String NO_CITY = "unknown";

  private Popularity() {
  }

  /**
   * sku, buyers: distinct customers who bought the sku in the window days ending on {@code asOf}; an order of no
   * customer (customer_id null) counts as a buyer of its own.
   */
  public static Dataset<Row> items(Dataset<Row> lines, LocalDate asOf, int windowDays) {
    return Interactions.between(lines, asOf.minusDays(windowDays), asOf).groupBy(Interactions.SKU)
        .agg(count_distinct(coalesce(col(Interactions.CUSTOMER), concat(lit("order:"), col("order_id"))))
            .as("buyers"));
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
   * The top {@code n} skus by distinct buyers in the window among the customers of the same segment and city;
   * a customer whose segment and city bought nothing in the window (a lapsed segment, a small city) gets the top of
   * the city, else the overall top, so every customer gets candidates.
   *
   * @param customers customer_id, segment, city (either may be null)
   */
  public static Dataset<Row> bySegmentAndCity(Dataset<Row> lines, Dataset<Row> customers, LocalDate asOf,
                                              int windowDays, int n) {
    Dataset<Row> groups = customers.select(col(Interactions.CUSTOMER),
        coalesce(col("segment"), lit(NO_SEGMENT)).as("_segment"), coalesce(col("city"), lit(NO_CITY)).as("_city"));
    Dataset<Row> recent = Interactions.between(lines, asOf.minusDays(windowDays), asOf);
    Dataset<Row> grouped = recent.join(groups, Interactions.CUSTOMER);
    Dataset<Row> bySegmentCity = top(grouped, n, "_segment", "_city");
    Dataset<Row> byCity = top(grouped, n, "_city");
    Dataset<Row> overall = top(recent, n);
    Dataset<Row> levels = groups
        .join(bySegmentCity.select("_segment", "_city").distinct().withColumn("_has_group", lit(true)),
            new String[] {"_segment", "_city"}, "left")
        .join(byCity.select("_city").distinct().withColumn("_has_city", lit(true)), new String[] {"_city"}, "left");
    Dataset<Row> inGroup = levels.where(col("_has_group")).join(bySegmentCity, new String[] {"_segment", "_city"})
        .withColumn("reason", concat(lit("popular with "), col("_segment"), lit(" customers in "), col("_city")));
    Dataset<Row> inCity = levels.where(col("_has_group").isNull().and(col("_has_city")))
        .join(byCity, "_city").withColumn("reason", concat(lit("popular in "), col("_city")));
    Dataset<Row> anywhere = levels.where(col("_has_group").isNull().and(col("_has_city").isNull()))
        .crossJoin(overall).withColumn("reason", lit("popular"));
    return inGroup.unionByName(inCity, true).unionByName(anywhere, true)
        .select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("buyers").cast("double").as("score"),
            col("reason"));
  }

  /** sku, buyers and the grouping columns: the top {@code n} skus by distinct buyers of each group. */
  private static Dataset<Row> top(Dataset<Row> lines, int n, String... groupBy) {
    Column[] keys = Arrays.stream(groupBy).map(functions::col).toArray(Column[]::new);
    List<String> grouping = new ArrayList<>(List.of(groupBy));
    grouping.add(Interactions.SKU);
    return lines.groupBy(grouping.stream().map(functions::col).toArray(Column[]::new))
        .agg(count_distinct(col(Interactions.CUSTOMER)).as("buyers"))
        .withColumn("_r", row_number().over(Window.partitionBy(keys)
            .orderBy(col("buyers").desc(), col(Interactions.SKU))))
        .where(col("_r").leq(n)).drop("_r");
  }

  /**
   * Personal popularity: a customer's share of order lines in a category times a sku's share of the category's
   * buyers (the chance of the next line being that sku if the customer picks categories as before and items as
   * everyone does); the top {@code n} per customer: customer_id, sku, score, reason ("popular in CATEGORY, which
   * you often buy").
   *
   * @param lines     the customers' purchase lines (customer_id, sku)
   * @param catalogue sku, category (Products.catalogue)
   * @param items     sku, buyers ({@link #items})
   */
  public static Dataset<Row> byCategory(Dataset<Row> lines, Dataset<Row> catalogue, Dataset<Row> items, int n) {
    Dataset<Row> categories = categories(catalogue);
    Dataset<Row> shares = categoryShares(lines, categories);
    Dataset<Row> top = items.join(categories, Interactions.SKU)
        .withColumn("_pop", col("buyers").divide(sum("buyers").over(Window.partitionBy("category"))))
        .withColumn("_r", row_number().over(Window.partitionBy("category")
            .orderBy(col("buyers").desc(), col(Interactions.SKU))))
        .where(col("_r").leq(n)).drop("_r");
    return shares.join(top, "category")
        .select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("_share").multiply(col("_pop")).as("score"),
            concat(lit("popular in "), col("category"), lit(", which you often buy")).as("reason"))
        .withColumn("_r", row_number().over(Window.partitionBy(Interactions.CUSTOMER)
            .orderBy(col("score").desc(), col(Interactions.SKU))))
        .where(col("_r").leq(n)).drop("_r");
  }

  /**
   * New arrivals: the skus first sold (in {@code allLines}) at most {@code days} before the as-of date, for the
   * customers who buy new skus. A customer's novelty is the share of their lines bought while the sku was new; the
   * score is novelty x the customer's share of lines in the sku's category x the sku's share of the buyers of the
   * category's new skus; top {@code n} per customer: customer_id, sku, score, reason ("new in CATEGORY").
   *
   * @param allLines every purchase line up to the as-of date (first sales)
   * @param lines    the customers' purchase lines of the history window
   */
  public static Dataset<Row> newArrivals(Dataset<Row> allLines, Dataset<Row> lines, Dataset<Row> catalogue,
                                         LocalDate asOf, int days, int n) {
    Dataset<Row> categories = categories(catalogue);
    Dataset<Row> firstSold = allLines.groupBy(Interactions.SKU).agg(min(col("day")).as("_first"));
    Dataset<Row> novelty = lines.join(firstSold, Interactions.SKU).groupBy(Interactions.CUSTOMER)
        .agg(avg(when(datediff(col("day"), col("_first")).leq(days), 1.0).otherwise(0.0)).as("_novelty"))
        .where(col("_novelty").gt(0));
    Dataset<Row> fresh = Interactions.between(lines, asOf.minusDays(days), asOf)
        .join(firstSold.where(col("_first").gt(lit(Date.valueOf(asOf.minusDays(days))))), Interactions.SKU)
        .groupBy(Interactions.SKU).agg(count_distinct(col(Interactions.CUSTOMER)).as("buyers"))
        .join(categories, Interactions.SKU)
        .withColumn("_pop", col("buyers").divide(sum("buyers").over(Window.partitionBy("category"))));
    return novelty.join(categoryShares(lines, categories), Interactions.CUSTOMER).join(fresh, "category")
        .select(col(Interactions.CUSTOMER), col(Interactions.SKU),
            col("_novelty").multiply(col("_share")).multiply(col("_pop")).as("score"),
            concat(lit("new in "), col("category")).as("reason"))
        .withColumn("_r", row_number().over(Window.partitionBy(Interactions.CUSTOMER)
            .orderBy(col("score").desc(), col(Interactions.SKU))))
        .where(col("_r").leq(n)).drop("_r");
  }

  static Dataset<Row> categories(Dataset<Row> catalogue) {
    return catalogue.where(col("category").isNotNull()).select(Interactions.SKU, "category");
  }

  /** customer_id, category, _share: the customer's share of their lines in the category. */
  static Dataset<Row> categoryShares(Dataset<Row> lines, Dataset<Row> categories) {
    return lines.join(categories, Interactions.SKU)
        .groupBy(Interactions.CUSTOMER, "category").agg(count(lit(1)).as("_lines"))
        .withColumn("_share", col("_lines").divide(sum("_lines").over(Window.partitionBy(Interactions.CUSTOMER))));
  }
}
