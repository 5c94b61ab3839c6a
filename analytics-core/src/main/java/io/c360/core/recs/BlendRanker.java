package io.c360.core.recs;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.log1p;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.RecsConfig;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A learned blend: gradient-boosted trees score each customer x sku the sources propose, from where each source
 * ranks it (1 / (1 + rank), 0 when the source does not propose it), the ALS score and what the history says about
 * the pair: on how many days the customer bought the sku, how long ago, and that time over the customer's mean
 * interval between buying it, the customer's share of lines in the sku's category, how many orders the customer
 * has, how many customers bought the sku and what share of them bought it on two or more days, how new the sku is
 * and its price against what the customer usually pays. Trained on a validation split (label: the customer bought the sku in the period
 * after the cut); the candidates are then ranked by the predicted probability.
 */
public final class BlendRanker {

  /** The history features of {@link #features}, after the per-source ranks. */
  static final List<String> HISTORY = List.of("als_score", "buy_days", "days_since_bought", "cycle_ratio",
      "category_share", "orders", "sku_buyers", "sku_repeat_share", "sku_age_days", "price_ratio");
  private static final String LABEL = "_label";
  private static final String VECTOR = "_features";
  private static final long SEED = 42L;

  private final List<String> sources;
  private final GBTClassificationModel model;

  private BlendRanker(List<String> sources, GBTClassificationModel model) {
    this.sources = List.copyOf(sources);
    this.model = model;
  }

  /**
   * One row per proposed customer x sku: customer_id, sku, sources (comma-separated, sorted), reason (of the
   * source ranking it best), rr_SOURCE for each of {@code sources} and the {@link #HISTORY} features.
   *
   * @param ranked    {@link Blend#ranked} candidates (customer_id, sku, source, source_rank, reason)
   * @param lines     purchase lines of the history window up to {@code cut}
   * @param catalogue sku, category, list_price
   */
  public static Dataset<Row> features(Dataset<Row> ranked, Dataset<Row> lines, Dataset<Row> catalogue,
                                      LocalDate cut, List<String> sources) {
    Column inverse = lit(1.0).divide(col("source_rank").plus(1));
    List<Column> aggs = new ArrayList<>();
    aggs.add(max(struct(inverse, col("reason"))).getField("reason").as("reason"));
    aggs.add(coalesce(max(when(col(Blend.SOURCE).equalTo(Recommendations.ALS), col("score"))), lit(-1.0))
        .as("als_score"));
    for (String source : sources) {
      aggs.add(coalesce(max(when(col(Blend.SOURCE).equalTo(source), inverse)), lit(0.0)).as("rr_" + source));
    }
    Dataset<Row> pooled = ranked.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(concat_ws(",", array_sort(collect_set(col(Blend.SOURCE)))).as("sources"),
            aggs.toArray(new Column[0]));

    Column date = lit(Date.valueOf(cut));
    Dataset<Row> items = catalogue.select(Interactions.SKU, "category", "list_price");
    Dataset<Row> pairs = lines.groupBy(Interactions.CUSTOMER, Interactions.SKU)
        .agg(count_distinct(col(Interactions.DAY)).as("buy_days"), min(col(Interactions.DAY)).as("_since"),
            max(col(Interactions.DAY)).as("_last"));
    Dataset<Row> customers = lines.join(items, Interactions.SKU).groupBy(Interactions.CUSTOMER)
        .agg(count_distinct(col("order_id")).as("orders"), avg(col("list_price")).as("_paid"));
    Dataset<Row> shares = Popularity.categoryShares(lines, Popularity.categories(catalogue))
        .select(Interactions.CUSTOMER, "category", "_share");
    Dataset<Row> skus = pairs.groupBy(Interactions.SKU)
        .agg(count(lit(1)).as("sku_buyers"), avg(when(col("buy_days").geq(2), 1.0).otherwise(0.0))
            .as("sku_repeat_share"), min(col("_since")).as("_first"))
        .join(items, new String[] {Interactions.SKU}, "right");
    String[] pair = {Interactions.CUSTOMER, Interactions.SKU};
    return pooled.join(pairs, pair, "left")
        .join(skus, new String[] {Interactions.SKU}, "left")
        .join(customers, new String[] {Interactions.CUSTOMER}, "left")
        .join(shares, new String[] {Interactions.CUSTOMER, "category"}, "left")
        .withColumn("buy_days", coalesce(col("buy_days"), lit(0L)).cast("double"))
        .withColumn("days_since_bought", coalesce(datediff(date, col("_last")), lit(9999)).cast("double"))
        .withColumn("cycle_ratio", coalesce(col("days_since_bought").divide(datediff(col("_last"), col("_since"))
            .divide(col("buy_days").minus(1))), lit(-1.0)))
        .withColumn("category_share", coalesce(col("_share"), lit(0.0)))
        .withColumn("orders", log1p(coalesce(col("orders"), lit(0L))))
        .withColumn("sku_buyers", log1p(coalesce(col("sku_buyers"), lit(0L))))
        .withColumn("sku_repeat_share", coalesce(col("sku_repeat_share"), lit(0.0)))
        .withColumn("sku_age_days", coalesce(datediff(date, col("_first")), lit(-1)).cast("double"))
        .withColumn("price_ratio", coalesce(log(
            col("list_price").divide(col("_paid"))), lit(0.0)))
        .drop("_since", "_last", "_share", "_paid", "_first", "category", "list_price");
  }

  /**
   * Fits the trees on {@link #features} of a validation split; at most {@code config.maxCustomers()} customers
   * (chosen by a hash of their id) train. The rows are put in a fixed order first: the trees' split candidates
   * come from a seeded sample, which must see the same rows in the same partitions on every run.
   *
   * @param relevant customer_id, sku bought after the cut (the positives)
   */
  public static BlendRanker fit(Dataset<Row> features, Dataset<Row> relevant, List<String> sources,
                                RecsConfig.Ranker config, long customers) {
    Dataset<Row> rows = features;
    if (customers > config.maxCustomers()) {
      long buckets = 1_000_000L;
      long keep = buckets * config.maxCustomers() / customers;
      rows = rows.where(pmod(hash(col(Interactions.CUSTOMER)), lit(buckets)).lt(keep));
    }
    Dataset<Row> labelled = rows.join(relevant.select(Interactions.CUSTOMER, Interactions.SKU).distinct()
            .withColumn(LABEL, lit(1.0)), new String[] {Interactions.CUSTOMER, Interactions.SKU}, "left")
        .withColumn(LABEL, coalesce(col(LABEL), lit(0.0)));
    Dataset<Row> training = assembler(sources).transform(labelled).select(VECTOR, LABEL)
        .repartition(Math.max(1, rows.sparkSession().sparkContext().defaultParallelism()),
            col(VECTOR).cast("string"))
        .sortWithinPartitions(col(VECTOR).cast("string"), col(LABEL));
    GBTClassifier trees = new GBTClassifier().setFeaturesCol(VECTOR).setLabelCol(LABEL)
        .setMaxIter(config.trees()).setMaxDepth(config.depth()).setStepSize(config.learningRate())
        .setSeed(SEED).setCacheNodeIds(false);
    return new BlendRanker(sources, trees.fit(training.localCheckpoint()));
  }

  /**
   * The candidates of {@link #features} ranked by the predicted probability, top n per customer: customer_id,
   * sku, score, sources, reason, rank.
   */
  public Dataset<Row> rank(Dataset<Row> features, int topN) {
    Dataset<Row> scored = model.transform(assembler(sources).transform(features))
        .withColumn("score", functions.vector_to_array(col(model.getProbabilityCol()), "float64").getItem(1))
        .select(Interactions.CUSTOMER, Interactions.SKU, "score", "sources", "reason");
    return Candidates.top(scored, topN);
  }

  /** Saves the trees to {@code path} (Spark ML format), replacing what is there. */
  public void save(String path) throws IOException {
    model.write().overwrite().save(path);
  }

  /** The trees {@link #save} wrote, for the sources they were trained with (the same names, in the same order). */
  public static BlendRanker load(String path, List<String> sources) {
    GBTClassificationModel model = GBTClassificationModel.load(path);
    if (model.numFeatures() != names(sources).size()) {
      throw new IllegalArgumentException("the ranker at " + path + " has " + model.numFeatures() + " features, "
          + "the sources " + sources + " give " + names(sources).size());
    }
    return new BlendRanker(sources, model);
  }

  /** Feature name -> importance (the trees' total gain, summing to 1), in feature order. */
  public Map<String, Double> importances() {
    List<String> names = names(sources);
    double[] values = model.featureImportances().toArray();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), values[i]);
    }
    return out;
  }

  private static VectorAssembler assembler(List<String> sources) {
    return new VectorAssembler().setInputCols(names(sources).toArray(new String[0])).setOutputCol(VECTOR);
  }

  private static List<String> names(List<String> sources) {
    List<String> names = new ArrayList<>();
    sources.forEach(s -> names.add("rr_" + s));
    names.addAll(HISTORY);
    return names;
  }
}
