package io.c360.core.recs;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.ml.fpm.FPGrowthModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Basket rules with Spark ML's FPGrowth: frequent itemsets of the baskets and the association rules between them
 * (single-item consequents, with support, confidence and lift), applied to the skus of each customer's recent
 * baskets as "often bought with X" candidates.
 */
public final class BasketRules {

  public static final String ITEMS = "items";

  private BasketRules() {
  }

  /** The fitted model, its frequent itemsets (items, freq) and its rules. */
  public record Result(FPGrowthModel model, Dataset<Row> itemsets, Dataset<Row> rules) {
  }

  /** Baskets from purchase lines: one row per order with the distinct skus in {@code items}. */
  public static Dataset<Row> baskets(Dataset<Row> lines) {
    return lines.groupBy("order_id").agg(sort_array(collect_set(col(Interactions.SKU))).as(ITEMS));
  }

  /**
   * Fits FPGrowth on baskets ({@code items}: array of distinct strings).
   *
   * @return rules as antecedent (sorted array), consequent (string), support, confidence, lift
   */
  public static Result fit(Dataset<Row> baskets, double minSupport, double minConfidence) {
    FPGrowthModel model = new FPGrowth().setItemsCol(ITEMS).setMinSupport(minSupport)
        .setMinConfidence(minConfidence).fit(baskets);
    Dataset<Row> rules = model.associationRules()
        .select(sort_array(col("antecedent")).as("antecedent"), element_at(col("consequent"), 1).as("consequent"),
            col("support"), col("confidence"), col("lift"));
    return new Result(model, model.freqItemsets(), rules);
  }

  /**
   * Rules applied to the customers' recent skus: a rule fires when all its antecedent skus are among the
   * customer's; its consequent becomes a candidate unless the customer already has it. Score: the best
   * confidence x lift of the rules proposing the sku; reason: "often bought with NAME" of that rule's
   * antecedent.
   *
   * @param recent customer_id, sku (distinct)
   * @param names  sku, product_name (null: the sku is the name)
   */
  public static Dataset<Row> candidates(Dataset<Row> rules, Dataset<Row> recent, Dataset<Row> names) {
    Dataset<Row> antecedents = rules.select(col("antecedent"), col("consequent"), col("confidence"), col("lift"),
        explode(col("antecedent")).as(Interactions.SKU));
    Dataset<Row> fired = recent.join(antecedents, Interactions.SKU)
        .groupBy(col(Interactions.CUSTOMER), col("antecedent"), col("consequent"))
        .agg(count(lit(1)).as("matched"), first("confidence").as("confidence"), first("lift").as("lift"))
        .where(col("matched").equalTo(size(col("antecedent"))));
    Dataset<Row> proposals = fired.select(col(Interactions.CUSTOMER), col("consequent").as(Interactions.SKU),
            col("confidence").multiply(col("lift")).as("score"), col("antecedent"))
        .join(recent, new String[] {Interactions.CUSTOMER, Interactions.SKU}, "left_anti");
    Dataset<Row> best = proposals.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(max(struct(col("score"), col("antecedent"))).as("best"))
        .select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("best.score").as("score"),
            col("best.antecedent").as("antecedent"));
    Dataset<Row> named = Products.withName(best.select(col(Interactions.CUSTOMER), col(Interactions.SKU).as("_for"),
            col("score"), posexplode(col("antecedent")).as(new String[] {"pos", Interactions.SKU})), names)
        .groupBy(Interactions.CUSTOMER, "_for", "score")
        .agg(sort_array(collect_list(struct(col("pos"), col("product_name")))).as("_names"));
    return named.select(col(Interactions.CUSTOMER), col("_for").as(Interactions.SKU), col("score"),
        concat(lit("often bought with "), array_join(col("_names.product_name"), " and ")).as("reason"));
  }
}
