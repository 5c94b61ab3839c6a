package io.c360.core.recs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.config.RecsConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The recommendation candidates of one as-of date: the sources (implicit ALS, basket rules, replenishment,
 * popularity per segment and city with cold start, similar and upgrade products) built on the history up to the
 * date, blended per customer; and the offline evaluation of the same build on a time split.
 */
public final class Recommendations {

  public static final String ALS = "als";
  public static final String RULES = "rules";
  public static final String REPLENISHMENT = "replenishment";
  public static final String POPULARITY = "popularity";
  public static final String COLD_START = "cold_start";
  public static final String SIMILAR = "similar";
  public static final String CATEGORY = "category";
  public static final String REPURCHASE = "repurchase";
  /** The popularity baseline of the evaluation: the same most-bought skus for everyone. */
  public static final String BASELINE = "popularity_baseline";
  /** The blend, in the evaluation. */
  public static final String BLENDED = "blended";

  private final RecsConfig config;

  public Recommendations(RecsConfig config) {
    this.config = config;
  }

  /**
   * What the recommenders read.
   *
   * @param lines     purchase lines: customer_id, order_id, day, sku (Interactions.lines)
   * @param events    customer_id, event_type, sku, day; null without events
   * @param products  sku, name, category, list_price (latest snapshot); null without products
   * @param customers customer_id, segment, city: every customer who gets candidates
   */
  public record Inputs(Dataset<Row> lines, Dataset<Row> events, Dataset<Row> products, Dataset<Row> customers) {

    /** The lines and events up to {@code day}, the customers without segments (a segment can tell the future). */
    public Inputs upTo(LocalDate day) {
      return new Inputs(Interactions.between(lines, null, day),
          events == null ? null : Interactions.between(events, null, day), products,
          customers.withColumn("segment", lit(null).cast("string")));
    }
  }

  /** The built sources, exclusions, rules and reminders of one date. */
  public record Built(Dataset<Row> candidates, Dataset<Row> exclusions, BasketRules.Result rules,
                      Dataset<Row> reminders, Dataset<Row> catalogue) {
  }

  /** The blended top-n, scored and ranked; customer_id, sku, score, sources, reason, rank. */
  public Dataset<Row> blend(Built built, int topN) {
    return Blend.transform(built.candidates(), built.exclusions(), weights(), config.blend().candidatesPerSource(),
        config.blend().rankOffset(), topN);
  }

  /** Source name -> blend weight; cold start shares the ALS weight (it stands in for it). */
  public Map<String, Double> weights() {
    RecsConfig.Blend b = config.blend();
    Map<String, Double> w = new LinkedHashMap<>();
    w.put(ALS, b.als());
    w.put(RULES, b.rules());
    w.put(REPLENISHMENT, b.replenishment());
    w.put(REPURCHASE, b.repurchase());
    w.put(POPULARITY, b.popularity());
    w.put(COLD_START, b.als());
    w.put(CATEGORY, b.category());
    w.put(SIMILAR, b.similar());
    return w;
  }

  /**
   * Builds every source on the history up to {@code asOf} (the history-days window) except ALS, which the caller
   * adds with {@link #withAls} (the grid fits several).
   */
  public Built build(Inputs in, LocalDate asOf) {
    LocalDate from = asOf.minusDays(config.historyDays());
    Dataset<Row> lines = Interactions.between(in.lines(), from, asOf);
    Dataset<Row> replenishable = Replenishment.replenishable(lines, config.replenishment().minRepeatShare());
    Dataset<Row> exclusions = Replenishment.exclusions(lines, replenishable);
    int perSource = config.blend().candidatesPerSource();

    Dataset<Row> catalogue = in.products() == null ? null
        : Products.catalogue(in.products(), config.similar().priceBands());
    Dataset<Row> recent = Interactions.between(lines, asOf.minusDays(config.rules().recentDays()), asOf)
        .select(Interactions.CUSTOMER, Interactions.SKU).distinct();
    Dataset<Row> items = Popularity.items(lines, asOf, config.popularity().windowDays());

    BasketRules.Result rules = BasketRules.fit(BasketRules.baskets(lines), config.rules().minSupport(),
        config.rules().minConfidence());
    Dataset<Row> reminders = Replenishment.reminders(lines, asOf, config.replenishment());

    Dataset<Row> orders = lines.groupBy(Interactions.CUSTOMER).agg(count_distinct(col("order_id")).as("_orders"));
    Dataset<Row> popular = Popularity.bySegmentAndCity(lines, in.customers(), asOf,
            config.popularity().windowDays(), perSource)
        .join(orders, new String[] {Interactions.CUSTOMER}, "left")
        .withColumn(Blend.SOURCE, org.apache.spark.sql.functions.when(
            coalesce(col("_orders"), lit(0L)).leq(config.popularity().coldMaxOrders()), lit(COLD_START))
            .otherwise(lit(POPULARITY)))
        .drop("_orders");

    List<Dataset<Row>> sources = new ArrayList<>();
    sources.add(Blend.tagged(BasketRules.candidates(rules.rules(), recent, catalogue), RULES));
    sources.add(Blend.tagged(Replenishment.candidates(reminders, catalogue), REPLENISHMENT));
    sources.add(Blend.tagged(Replenishment.repurchases(lines, asOf, catalogue), REPURCHASE));
    sources.add(popular.select(col(Interactions.CUSTOMER), col(Interactions.SKU), col("score"), col("reason"),
        col(Blend.SOURCE)));
    if (catalogue != null) {
      sources.add(Blend.tagged(Popularity.byCategory(lines, catalogue, items, perSource), CATEGORY));
    }
    if (catalogue != null && config.similar().perItem() > 0) {
      sources.add(Blend.tagged(SimilarProducts.candidates(
          SimilarProducts.pairs(catalogue, items, config.similar().perItem()), recent, catalogue), SIMILAR));
    }
    Dataset<Row> candidates = sources.stream().reduce(Dataset::unionByName).orElseThrow();
    return new Built(candidates, exclusions, rules, reminders, catalogue);
  }

  /** The ALS candidates of a grid point on the history up to {@code asOf}, tagged als. */
  public Dataset<Row> als(Inputs in, LocalDate asOf, AlsRecommender.Params params) {
    LocalDate from = asOf.minusDays(config.historyDays());
    Dataset<Row> lines = Interactions.between(in.lines(), from, asOf);
    Dataset<Row> events = in.events() == null ? null : Interactions.between(in.events(), from, asOf);
    Dataset<Row> weights = Interactions.weights(lines, events, config.weights());
    // ask for more than a source keeps: bought skus that are not replenishable are dropped afterwards
    return Blend.tagged(AlsRecommender.recommend(weights, params, config.als(),
        2 * config.blend().candidatesPerSource()), ALS);
  }

  /** The built sources with the ALS candidates added. */
  public static Built withAls(Built built, Dataset<Row> als) {
    return new Built(built.candidates().unionByName(als), built.exclusions(), built.rules(), built.reminders(),
        built.catalogue());
  }

  /** The result of the offline evaluation. */
  public record Evaluation(LocalDate trainEnd, AlsRecommender.Params best, Map<AlsRecommender.Params,
      RankingMetrics.Scores> grid, Map<String, RankingMetrics.Scores> bySource) {
  }

  /**
   * Time split: everything up to as-of minus eval-days is the training history, the skus the customers of that
   * history bought afterwards (up to as-of) are the relevant ones. The ALS grid point is chosen on the eval-days
   * before that (fitted on the history up to as-of minus twice eval-days, best precision@k, then MAP@k, wins), so
   * the test period never chooses; the chosen point is refitted on the training history, then each source alone,
   * the blend and the popularity baseline (the same top-k popular skus for everyone, with the same exclusions) are
   * scored at k on the test period.
   */
  public Evaluation evaluate(Inputs in, LocalDate asOf) {
    int k = config.k();
    LocalDate trainEnd = asOf.minusDays(config.evalDays());
    Inputs train = in.upTo(trainEnd);
    Dataset<Row> trainBuyers = Interactions.between(in.lines(), trainEnd.minusDays(config.historyDays()), trainEnd)
        .select(Interactions.CUSTOMER).distinct();
    Dataset<Row> relevant = Interactions.between(in.lines(), trainEnd, asOf)
        .select(Interactions.CUSTOMER, Interactions.SKU).distinct()
        .join(trainBuyers, Interactions.CUSTOMER).localCheckpoint();
    Dataset<Row> evaluatedCustomers = relevant.select(Interactions.CUSTOMER).distinct();
    Inputs evaluated = new Inputs(train.lines(), train.events(), train.products(),
        train.customers().join(evaluatedCustomers, Interactions.CUSTOMER));
    long catalogue = Interactions.between(train.lines(), trainEnd.minusDays(config.historyDays()), trainEnd)
        .select(Interactions.SKU).distinct().count();

    Built built = build(evaluated, trainEnd);
    // materialised with short lineage: every list below re-reads them, and one plan holding all the sources' plans
    // several times took minutes to plan and ran a 4 GB driver out of memory at 300 customers
    Dataset<Row> others = built.candidates().localCheckpoint();
    Dataset<Row> exclusions = built.exclusions().localCheckpoint();
    Map<AlsRecommender.Params, RankingMetrics.Scores> grid = chooseAls(in, trainEnd);
    AlsRecommender.Params best = null;
    for (Map.Entry<AlsRecommender.Params, RankingMetrics.Scores> e : grid.entrySet()) {
      if (best == null || e.getValue() != null && better(e.getValue(), grid.get(best))) {
        best = e.getKey();
      }
    }
    Dataset<Row> bestAls = als(train, trainEnd, best).join(evaluatedCustomers, Interactions.CUSTOMER)
        .localCheckpoint();
    Dataset<Row> all = others.unionByName(bestAls);
    Dataset<Row> items = Popularity.items(train.lines(), trainEnd, config.popularity().windowDays());
    Dataset<Row> baseline = Popularity.overall(evaluatedCustomers, items, k + config.blend().candidatesPerSource());
    Built blended = new Built(all, exclusions, built.rules(), built.reminders(), built.catalogue());
    List<String> names = new ArrayList<>(weights().keySet());
    names.addAll(List.of(BASELINE, BLENDED));
    String[] columns = {Interactions.CUSTOMER, Interactions.SKU, "rank", Blend.SOURCE};
    Dataset<Row> lists = Candidates.topPerList(Candidates.without(all, exclusions), Blend.SOURCE, k)
        .selectExpr(columns)
        .unionByName(Candidates.top(Candidates.without(baseline, exclusions), k)
            .withColumn(Blend.SOURCE, lit(BASELINE)).selectExpr(columns))
        .unionByName(blend(blended, k).withColumn(Blend.SOURCE, lit(BLENDED)).selectExpr(columns))
        .localCheckpoint();
    Map<String, RankingMetrics.Scores> bySource = RankingMetrics.evaluateBy(lists, Blend.SOURCE, names, relevant, k,
        catalogue);
    return new Evaluation(trainEnd, best, grid, bySource);
  }

  /**
   * Every ALS grid point's scores on the validation period, the eval-days before {@code trainEnd}, fitted on the
   * history before it; a grid of one point is not fitted (its value is null).
   */
  private Map<AlsRecommender.Params, RankingMetrics.Scores> chooseAls(Inputs in, LocalDate trainEnd) {
    List<AlsRecommender.Params> points = AlsRecommender.grid(config.als());
    Map<AlsRecommender.Params, RankingMetrics.Scores> grid = new LinkedHashMap<>();
    if (points.size() == 1) {
      grid.put(points.get(0), null);
      return grid;
    }
    int k = config.k();
    LocalDate fitEnd = trainEnd.minusDays(config.evalDays());
    Inputs history = in.upTo(fitEnd);
    Dataset<Row> lines = Interactions.between(in.lines(), fitEnd.minusDays(config.historyDays()), fitEnd);
    Dataset<Row> relevant = Interactions.between(in.lines(), fitEnd, trainEnd)
        .select(Interactions.CUSTOMER, Interactions.SKU).distinct()
        .join(lines.select(Interactions.CUSTOMER).distinct(), Interactions.CUSTOMER).localCheckpoint();
    Dataset<Row> customers = relevant.select(Interactions.CUSTOMER).distinct();
    Dataset<Row> exclusions = Replenishment.exclusions(lines,
        Replenishment.replenishable(lines, config.replenishment().minRepeatShare())).localCheckpoint();
    long catalogue = lines.select(Interactions.SKU).distinct().count();
    for (AlsRecommender.Params params : points) {
      Dataset<Row> als = als(history, fitEnd, params).join(customers, Interactions.CUSTOMER).localCheckpoint();
      grid.put(params, RankingMetrics.evaluate(Candidates.top(Candidates.without(als, exclusions), k), relevant, k,
          catalogue));
    }
    return grid;
  }

  private static boolean better(RankingMetrics.Scores a, RankingMetrics.Scores b) {
    return a.precision() > b.precision() || (a.precision() == b.precision() && a.map() > b.map());
  }
}
