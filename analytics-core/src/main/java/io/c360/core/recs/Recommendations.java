package io.c360.core.recs;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;

import io.c360.core.config.RecsConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

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
  public static final String NEW_ARRIVALS = "new_arrivals";
  /** The popularity baseline of the evaluation: the same most-bought skus for everyone. */
  public static final String BASELINE = "popularity_baseline";
  /** The blend, in the evaluation. */
  public static final String BLENDED = "blended";
  /** The weighted reciprocal-rank fusion, in the evaluation (the blend unless the learned ranker won). */
  public static final String FUSION = "fusion";
  /** The learned ranker, in the validation check. */
  public static final String RANKER = "ranker";
  /** Rank offsets tried after the weight search: from a steep (1) to a flat (60, the usual RRF constant) fusion. */
  private static final int[] RANK_OFFSETS = {1, 2, 5, 10, 20, 60};
  /** Score differences below this are ties ({@link #better}). */
  private static final double TIE = 1e-9;

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
   * @param anonymous purchase lines of the orders that belong to no customer (customer_id null): they count in the
   *                  skus' popularity and in the basket rules only; null when there are none
   */
  public record Inputs(Dataset<Row> lines, Dataset<Row> events, Dataset<Row> products, Dataset<Row> customers,
                       Dataset<Row> anonymous) {

    public Inputs(Dataset<Row> lines, Dataset<Row> events, Dataset<Row> products, Dataset<Row> customers) {
      this(lines, events, products, customers, null);
    }

    /** The lines and events up to {@code day}, the customers without segments (a segment can tell the future). */
    public Inputs upTo(LocalDate day) {
      return new Inputs(Interactions.between(lines, null, day),
          events == null ? null : Interactions.between(events, null, day), products,
          customers.withColumn("segment", lit(null).cast("string")),
          anonymous == null ? null : Interactions.between(anonymous, null, day));
    }

    /** The lines, events and customers of the customers {@code sample} (a condition on customer_id) keeps. */
    public Inputs sample(Column sample) {
      return new Inputs(lines.where(sample), events == null ? null : events.where(sample), products,
          customers.where(sample), anonymous);
    }

    /** These inputs with the lines, events and customers kept in memory (spilling to disk) once computed. */
    public Inputs persisted() {
      return new Inputs(lines.persist(StorageLevel.MEMORY_AND_DISK()),
          events == null ? null : events.persist(StorageLevel.MEMORY_AND_DISK()), products,
          customers.persist(StorageLevel.MEMORY_AND_DISK()), anonymous);
    }

    /** Drops what {@link #persisted()} kept. */
    public void unpersist() {
      lines.unpersist();
      if (events != null) {
        events.unpersist();
      }
      customers.unpersist();
    }
  }

  /**
   * The built sources, exclusions, rules and reminders of one date, with the purchase lines of the history window
   * and the catalogue (null without products) they were built from.
   */
  public record Built(LocalDate asOf, Dataset<Row> candidates, Dataset<Row> exclusions, BasketRules.Result rules,
                      Dataset<Row> reminders, Dataset<Row> catalogue, Dataset<Row> lines) {
  }

  /**
   * How the sources are blended: a weight per source and the rank offset (the weighted fusion), or, when
   * {@code ranker} is set, the learned ranker.
   */
  public record Blending(Map<String, Double> weights, int rankOffset, BlendRanker ranker) {
  }

  /** The blending as configured (the weighted fusion). */
  public Blending configured() {
    return new Blending(weights(), config.blend().rankOffset(), null);
  }

  /** The blended top-n, scored and ranked; customer_id, sku, score, sources, reason, rank. */
  public Dataset<Row> blend(Built built, Blending blending, int topN) {
    Dataset<Row> ranked = Blend.ranked(built.candidates(), built.exclusions(), config.blend().candidatesPerSource());
    return blend(ranked, built.lines(), built.catalogue(), built.asOf(), blending, topN);
  }

  /** {@link #blend(Built, Blending, int)} of {@link Blend#ranked} candidates. */
  private Dataset<Row> blend(Dataset<Row> ranked, Dataset<Row> lines, Dataset<Row> catalogue, LocalDate asOf,
                             Blending blending, int topN) {
    if (blending.ranker() == null || catalogue == null) {
      return Blend.fuse(ranked, blending.weights(), blending.rankOffset(), topN);
    }
    return blending.ranker().rank(BlendRanker.features(ranked, lines, catalogue, asOf, sources()), topN);
  }

  /** The sources, in the order of {@link #weights}. */
  private List<String> sources() {
    return List.copyOf(weights().keySet());
  }

  /** Source name -> configured blend weight; cold start shares the ALS weight (it stands in for it). */
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
    w.put(NEW_ARRIVALS, b.newArrivals());
    return w;
  }

  /**
   * Builds every source on the history up to {@code asOf} (the history-days window) except ALS, which the caller
   * adds with {@link #withAls} (the grid fits several). What several sources read (the catalogue, the skus'
   * popularity, each customer's recent skus) is materialised first: inlined, each source planned and ran it again,
   * about 110 Spark jobs for the sources of one date at 300 customers.
   */
  public Built build(Inputs in, LocalDate asOf) {
    LocalDate from = asOf.minusDays(config.historyDays());
    Dataset<Row> lines = Interactions.between(in.lines(), from, asOf);
    Dataset<Row> replenishable = Replenishment.replenishable(lines, config.replenishment().minRepeatShare());
    Dataset<Row> exclusions = Replenishment.exclusions(lines, replenishable);
    int perSource = config.blend().candidatesPerSource();

    Dataset<Row> catalogue = in.products() == null ? null
        : Products.catalogue(in.products(), config.similar().priceBands()).localCheckpoint();
    Dataset<Row> recent = Interactions.between(lines, asOf.minusDays(config.rules().recentDays()), asOf)
        .select(Interactions.CUSTOMER, Interactions.SKU).distinct().localCheckpoint();
    // every purchase counts in the skus' popularity and the basket rules, the orders of no customer too
    Dataset<Row> purchases = in.anonymous() == null ? lines
        : lines.unionByName(Interactions.between(in.anonymous(), from, asOf));
    Dataset<Row> items = Popularity.items(purchases, asOf, config.popularity().windowDays()).localCheckpoint();

    BasketRules.Result rules = BasketRules.fit(BasketRules.baskets(purchases), config.rules().minSupport(),
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
      sources.add(Blend.tagged(Popularity.newArrivals(Interactions.between(in.lines(), null, asOf), lines, catalogue,
          asOf, config.popularity().newArrivalsDays(), perSource), NEW_ARRIVALS));
    }
    if (catalogue != null && config.similar().perItem() > 0) {
      sources.add(Blend.tagged(SimilarProducts.candidates(
          SimilarProducts.pairs(catalogue, items, config.similar().perItem()), recent, catalogue), SIMILAR));
    }
    Dataset<Row> candidates = sources.stream().reduce(Dataset::unionByName).orElseThrow();
    return new Built(asOf, candidates, exclusions, rules, reminders, catalogue, lines);
  }

  /** The ALS ratings of the history-days up to {@code asOf}, for {@link #als}. */
  public AlsRecommender.Ratings ratings(Inputs in, LocalDate asOf) {
    LocalDate from = asOf.minusDays(config.historyDays());
    Dataset<Row> lines = Interactions.between(in.lines(), from, asOf);
    Dataset<Row> events = in.events() == null ? null : Interactions.between(in.events(), from, asOf);
    return AlsRecommender.ratings(Interactions.weights(lines, events, config.weights()));
  }

  /**
   * The ALS candidates of a grid point fitted on the ratings, tagged als, for the customers in {@code customers}
   * (customer_id; null for every customer with a rating).
   */
  public Dataset<Row> als(AlsRecommender.Ratings ratings, AlsRecommender.Params params, Dataset<Row> customers) {
    // ask for more than a source keeps: bought skus that are not replenishable are dropped afterwards
    return Blend.tagged(AlsRecommender.recommend(ratings, params, config.als(),
        2 * config.blend().candidatesPerSource(), customers), ALS);
  }

  /** The built sources with the ALS candidates added. */
  public static Built withAls(Built built, Dataset<Row> als) {
    return new Built(built.asOf(), built.candidates().unionByName(als), built.exclusions(), built.rules(),
        built.reminders(), built.catalogue(), built.lines());
  }

  /** The result of the offline evaluation. */
  public record Evaluation(LocalDate trainEnd, AlsRecommender.Params best, Map<AlsRecommender.Params,
      RankingMetrics.Scores> grid, Blending blending, Map<String, RankingMetrics.Scores> check,
      Map<String, RankingMetrics.Scores> bySource) {
  }

  /**
   * A time split at {@code cut}: the history up to it, the customers who bought in the history-days before it and
   * again in (cut, end], the skus they bought then (the relevant ones, also as the metrics' truth), the exclusions
   * (as {@link #build} makes them), the catalogue size of the history, its purchase lines of the history-days window
   * and the product catalogue (null without products).
   */
  private record Split(LocalDate cut, Inputs history, Dataset<Row> relevant, RankingMetrics.Truth truth,
                       Dataset<Row> customers, Dataset<Row> exclusions, long catalogue, Dataset<Row> lines,
                       Dataset<Row> products) {
  }

  private Split split(Inputs in, LocalDate cut, LocalDate end) {
    Inputs history = in.upTo(cut);
    Dataset<Row> lines = Interactions.between(in.lines(), cut.minusDays(config.historyDays()), cut);
    Dataset<Row> relevant = Interactions.between(in.lines(), cut, end)
        .select(Interactions.CUSTOMER, Interactions.SKU).distinct()
        .join(lines.select(Interactions.CUSTOMER).distinct(), Interactions.CUSTOMER).localCheckpoint();
    Dataset<Row> customers = relevant.select(Interactions.CUSTOMER).distinct();
    Dataset<Row> exclusions = Replenishment.exclusions(lines,
        Replenishment.replenishable(lines, config.replenishment().minRepeatShare())).localCheckpoint();
    long catalogue = lines.select(Interactions.SKU).distinct().count();
    Dataset<Row> products = in.products() == null ? null
        : Products.catalogue(in.products(), config.similar().priceBands());
    return new Split(cut, new Inputs(history.lines(), history.events(), history.products(),
        history.customers().join(customers, Interactions.CUSTOMER), history.anonymous()), relevant,
        RankingMetrics.Truth.of(relevant), customers, exclusions, catalogue, lines, products);
  }

  /**
   * The candidates of every source other than ALS for a split's customers, built at the cut. Materialised with
   * short lineage: every list re-reads them, and one plan holding all the sources' plans several times took
   * minutes to plan and ran a 4 GB driver out of memory at 300 customers. Only the split's customers are kept
   * (as {@link #alsAt} does): the weight search and the ranker read no rows of customers they do not score.
   */
  private Dataset<Row> othersAt(Split split) {
    return build(split.history(), split.cut()).candidates()
        .join(split.customers(), new String[] {Interactions.CUSTOMER}, "left_semi").localCheckpoint();
  }

  private Dataset<Row> alsAt(Split split, AlsRecommender.Ratings ratings, AlsRecommender.Params params) {
    return als(ratings, params, split.customers()).localCheckpoint();
  }

  /**
   * Time split: everything up to as-of minus eval-days is the training history, the skus the customers of that
   * history bought afterwards (up to as-of) are the relevant ones. The ALS grid point and the blend weights are
   * chosen on the eval-days before that ({@link #validate}), so the test period never chooses; then each source
   * alone, the blend and the popularity baseline (the same top-k popular skus for everyone, with the same
   * exclusions) are scored at k on the test period.
   */
  public Evaluation evaluate(Inputs in, LocalDate asOf) {
    int k = config.k();
    LocalDate trainEnd = asOf.minusDays(config.evalDays());
    Validation validation = validate(in, trainEnd);
    Split test = split(in, trainEnd, asOf);
    Dataset<Row> all = othersAt(test).unionByName(alsAt(test, ratings(test.history(), test.cut()),
        validation.best()));
    Dataset<Row> items = Popularity.items(test.history().lines(), trainEnd, config.popularity().windowDays());
    Dataset<Row> baseline = Popularity.overall(test.customers(), items, k + config.blend().candidatesPerSource());
    List<String> names = new ArrayList<>(weights().keySet());
    names.addAll(List.of(BASELINE, BLENDED, FUSION));
    String[] columns = {Interactions.CUSTOMER, Interactions.SKU, "rank", Blend.SOURCE};
    Blending blending = validation.blending();
    Blending fusion = new Blending(blending.weights(), blending.rankOffset(), null);
    Dataset<Row> ranked = Blend.ranked(all, test.exclusions(), config.blend().candidatesPerSource());
    Dataset<Row> lists = Candidates.topPerList(Candidates.without(all, test.exclusions()), Blend.SOURCE, k)
        .selectExpr(columns)
        .unionByName(Candidates.top(Candidates.without(baseline, test.exclusions()), k)
            .withColumn(Blend.SOURCE, lit(BASELINE)).selectExpr(columns))
        .unionByName(blend(ranked, test.lines(), test.products(), test.cut(), blending, k)
            .withColumn(Blend.SOURCE, lit(BLENDED)).selectExpr(columns))
        .unionByName(blend(ranked, test.lines(), test.products(), test.cut(), fusion, k)
            .withColumn(Blend.SOURCE, lit(FUSION)).selectExpr(columns))
        .localCheckpoint();
    Map<String, RankingMetrics.Scores> bySource = RankingMetrics.evaluateBy(lists, Blend.SOURCE, names,
        test.truth(), k, test.catalogue());
    return new Evaluation(trainEnd, validation.best(), validation.grid(), validation.blending(), validation.check(),
        bySource);
  }

  /**
   * What the validation period chose: the ALS grid point (with every point's scores) and the blending; check has
   * the learned ranker's and the fusion's scores on the held-out validation customers (empty without the ranker).
   */
  public record Validation(AlsRecommender.Params best, Map<AlsRecommender.Params, RankingMetrics.Scores> grid,
                           Blending blending, Map<String, RankingMetrics.Scores> check) {
  }

  /**
   * The validation period, the eval-days before {@code trainEnd}, on the history before it: every ALS grid point
   * is scored alone (best precision@k, then MAP@k, wins; a grid of one point is not fitted and scores null), then,
   * with blend.tune-weights, the blend weights are searched from the configured ones ({@link BlendWeights}) and
   * then the rank offset among {@link #RANK_OFFSETS}; then, with ranker.enabled and products, the learned ranker
   * is fitted and checked ({@link #learned}).
   */
  private Validation validate(Inputs in, LocalDate trainEnd) {
    List<AlsRecommender.Params> points = AlsRecommender.grid(config.als());
    Map<AlsRecommender.Params, RankingMetrics.Scores> grid = new LinkedHashMap<>();
    boolean learn = config.ranker().enabled() && in.products() != null;
    if (points.size() == 1 && !config.blend().tuneWeights() && !learn) {
      grid.put(points.get(0), null);
      return new Validation(points.get(0), grid, configured(), Map.of());
    }
    int k = config.k();
    Split split = split(in, trainEnd.minusDays(config.evalDays()), trainEnd);
    AlsRecommender.Params best = points.get(0);
    Dataset<Row> bestAls = null;
    if (points.size() == 1) {
      grid.put(best, null);
    } else {
      AlsRecommender.Ratings ratings = ratings(split.history(), split.cut());
      for (AlsRecommender.Params params : points) {
        Dataset<Row> als = alsAt(split, ratings, params);
        RankingMetrics.Scores scores = RankingMetrics.evaluate(Candidates.top(Candidates.without(als,
            split.exclusions()), k), split.truth(), k, split.catalogue());
        grid.put(params, scores);
        if (bestAls == null || better(scores, grid.get(best))) {
          best = params;
          bestAls = als;
        }
      }
    }
    if (!config.blend().tuneWeights() && !learn) {
      return new Validation(best, grid, configured(), Map.of());
    }
    Dataset<Row> all = othersAt(split).unionByName(bestAls != null ? bestAls
        : alsAt(split, ratings(split.history(), split.cut()), best));
    Dataset<Row> ranked = Blend.ranked(all, split.exclusions(), config.blend().candidatesPerSource())
        .localCheckpoint();
    Blending fusion = config.blend().tuneWeights() ? tuned(ranked, split) : configured();
    return learn ? learned(ranked, split, best, grid, fusion) : new Validation(best, grid, fusion, Map.of());
  }

  /** The weights searched from the configured ones, then the best rank offset with them. */
  private Blending tuned(Dataset<Row> ranked, Split split) {
    int offset = config.blend().rankOffset();
    Dataset<Row> pooled = Blend.pooled(ranked).localCheckpoint();
    Map<String, Double> weights = BlendWeights.search(weights(), Map.of(COLD_START, ALS),
        trials -> scoreBlends(pooled, trials.stream().map(w -> new Blending(w, offset, null)).toList(), split));
    List<Blending> offsets = new ArrayList<>(List.of(new Blending(weights, offset, null)));
    for (int o : RANK_OFFSETS) {
      if (o != offset) {
        offsets.add(new Blending(weights, o, null));
      }
    }
    List<RankingMetrics.Scores> scores = scoreBlends(pooled, offsets, split);
    int chosen = 0;
    for (int i = 1; i < offsets.size(); i++) {
      if (better(scores.get(i), scores.get(chosen))) {
        chosen = i;
      }
    }
    return offsets.get(chosen);
  }

  /**
   * The learned ranker, fitted on the validation customers outside one fifth (by a hash of their id) and kept
   * when it beats the fusion at precision@k (then MAP@k) on that fifth.
   */
  private Validation learned(Dataset<Row> ranked, Split split, AlsRecommender.Params best,
                             Map<AlsRecommender.Params, RankingMetrics.Scores> grid, Blending fusion) {
    int k = config.k();
    Dataset<Row> features = BlendRanker.features(ranked, split.lines(), split.products(), split.cut(), sources())
        .localCheckpoint();
    Column held = pmod(hash(col(Interactions.CUSTOMER)), lit(5)).equalTo(0);
    long customers = split.customers().where(not(held)).count();
    BlendRanker ranker = BlendRanker.fit(features.where(not(held)), split.relevant(), sources(), config.ranker(),
        customers);
    String[] columns = {Interactions.CUSTOMER, Interactions.SKU, "rank", Blend.SOURCE};
    Dataset<Row> lists = ranker.rank(features.where(held), k).withColumn(Blend.SOURCE, lit(RANKER))
        .selectExpr(columns)
        .unionByName(Blend.fuse(ranked.where(held), fusion.weights(), fusion.rankOffset(), k)
            .withColumn(Blend.SOURCE, lit(FUSION)).selectExpr(columns));
    Map<String, RankingMetrics.Scores> check = RankingMetrics.evaluateBy(lists, Blend.SOURCE,
        List.of(RANKER, FUSION), split.relevant().where(held), k, split.catalogue());
    Blending chosen = better(check.get(RANKER), check.get(FUSION))
        ? new Blending(fusion.weights(), fusion.rankOffset(), ranker) : fusion;
    return new Validation(best, grid, chosen, check);
  }

  /** The scores of the blend of {@link Blend#pooled} candidates with each blending, in one Spark job. */
  private List<RankingMetrics.Scores> scoreBlends(Dataset<Row> pooled, List<Blending> blendings, Split split) {
    Dataset<Row> lists = Blend.fuseEach(pooled, blendings.stream().map(Blending::weights).toList(),
        blendings.stream().map(Blending::rankOffset).toList(), config.k(), Blend.SOURCE);
    List<String> names = IntStream.range(0, blendings.size()).mapToObj(String::valueOf).toList();
    Map<String, RankingMetrics.Scores> scores = RankingMetrics.evaluateBy(lists, Blend.SOURCE, names, split.truth(),
        config.k(), split.catalogue());
    return names.stream().map(scores::get).toList();
  }

  /**
   * Higher precision@k, then higher MAP@k. Differences within {@link #TIE} count as ties: Spark's sums of doubles
   * depend on the order rows arrive in, and a choice made on the last bits would make re-runs disagree.
   */
  static boolean better(RankingMetrics.Scores a, RankingMetrics.Scores b) {
    double precision = a.precision() - b.precision();
    return precision > TIE || (Math.abs(precision) <= TIE && a.map() - b.map() > TIE);
  }
}
