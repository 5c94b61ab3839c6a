package io.c360.core.config;

import java.util.List;

/**
 * The recommendations job's settings ({@code c360.recommendations}); every value is validated here with its key.
 *
 * @param topN         candidates kept per customer
 * @param historyDays  interactions window ending on the as-of date
 * @param evalDays     test period of the offline evaluation (the last days before the as-of date)
 * @param k            cut-off of the ranking metrics
 * @param reevaluateDays run the offline evaluation (which chooses the ALS grid point and the blend) again when
 *                     the newest registered choice is this many days older than the as-of date; 0 = every run
 * @param evaluationCustomers the offline evaluation runs on a fixed sample of about this many customers (by a hash
 *                     of customer_id); 0 = every customer
 * @param weights      implicit feedback weights of orders, add-to-cart and view events
 * @param als          implicit ALS grid and settings
 * @param rules        basket rules (FPGrowth)
 * @param popularity   popularity per segment and city, cold start
 * @param similar      similar and upgrade products
 * @param replenishment purchase cycles and reminders
 * @param blend        reciprocal-rank fusion of the sources
 * @param ranker       the learned blend (gradient-boosted trees over the sources' ranks and the history)
 * @param experiment   A/B arms stored with the candidates
 */
public record RecsConfig(int topN, int historyDays, int evalDays, int k, int reevaluateDays,
                         int evaluationCustomers, Weights weights,
                         Als als, Rules rules, Popularity popularity, Similar similar, Replenishment replenishment,
                         Blend blend, Ranker ranker, Experiment experiment) {

  private static final String P = "c360.recommendations.";

  public RecsConfig {
    between(P + "top-n", topN, 1, 1000);
    between(P + "history-days", historyDays, 1, 3650);
    between(P + "eval-days", evalDays, 1, 365);
    between(P + "k", k, 1, 1000);
    between(P + "reevaluate-days", reevaluateDays, 0, 3650);
    if (evaluationCustomers < 0) {
      throw new ConfigException(P + "evaluation-customers must be >= 0 (0 = every customer), got "
          + evaluationCustomers);
    }
  }

  /** Weights of one order, one add-to-cart and one view of a sku. */
  public record Weights(double order, double addToCart, double view) {
    public Weights {
      nonNegative(P + "weights.order", order);
      nonNegative(P + "weights.add-to-cart", addToCart);
      nonNegative(P + "weights.view", view);
      if (order <= 0) {
        throw new ConfigException(P + "weights.order must be positive, got " + order);
      }
    }
  }

  /**
   * The ALS grid (every combination is fitted) and its fixed settings; the build for every customer learns the sku
   * factors from a sample of about fitCustomers customers (0 = all) and folds every customer in.
   */
  public record Als(List<Integer> ranks, List<Double> regParams, List<Double> alphas, int maxIter, long seed,
                    long fitCustomers) {
    public Als {
      ranks = List.copyOf(ranks);
      regParams = List.copyOf(regParams);
      alphas = List.copyOf(alphas);
      if (ranks.isEmpty() || regParams.isEmpty() || alphas.isEmpty()) {
        throw new ConfigException(P + "als.ranks, reg-params and alphas must each hold at least one value");
      }
      ranks.forEach(r -> between(P + "als.ranks", r, 1, 1000));
      regParams.forEach(r -> nonNegative(P + "als.reg-params", r));
      alphas.forEach(a -> nonNegative(P + "als.alphas", a));
      between(P + "als.max-iter", maxIter, 1, 100);
      if (fitCustomers < 0) {
        throw new ConfigException(P + "als.fit-customers must be >= 0 (0 = every customer), got " + fitCustomers);
      }
    }
  }

  public record Rules(double minSupport, double minConfidence, int recentDays) {
    public Rules {
      if (!(minSupport > 0 && minSupport <= 1)) {
        throw new ConfigException(P + "rules.min-support must be in (0, 1], got " + minSupport);
      }
      if (!(minConfidence >= 0 && minConfidence <= 1)) {
        throw new ConfigException(P + "rules.min-confidence must be in [0, 1], got " + minConfidence);
      }
      between(P + "rules.recent-days", recentDays, 1, 3650);
    }
  }

  public record Popularity(int windowDays, int coldMaxOrders, int newArrivalsDays) {
    public Popularity {
      between(P + "popularity.window-days", windowDays, 1, 3650);
      between(P + "popularity.cold-max-orders", coldMaxOrders, 0, 1000);
      between(P + "popularity.new-arrivals-days", newArrivalsDays, 1, 3650);
    }
  }

  public record Similar(int priceBands, int perItem) {
    public Similar {
      between(P + "similar.price-bands", priceBands, 1, 100);
      between(P + "similar.per-item", perItem, 0, 100);
    }
  }

  public record Replenishment(int minPurchases, int dueWithinDays, double minRepeatShare) {
    public Replenishment {
      between(P + "replenishment.min-purchases", minPurchases, 2, 1000);
      between(P + "replenishment.due-within-days", dueWithinDays, 0, 3650);
      if (!(minRepeatShare >= 0 && minRepeatShare <= 1)) {
        throw new ConfigException(P + "replenishment.min-repeat-share must be in [0, 1], got " + minRepeatShare);
      }
    }
  }

  /** Reciprocal-rank fusion: weight / (rank-offset + rank) summed over the sources. */
  public record Blend(int candidatesPerSource, int rankOffset, double als, double rules, double replenishment,
                      double repurchase, double popularity, double category, double similar, double newArrivals,
                      boolean tuneWeights) {
    public Blend {
      between(P + "blend.candidates-per-source", candidatesPerSource, 1, 1000);
      between(P + "blend.rank-offset", rankOffset, 0, 1000);
      nonNegative(P + "blend.weights.als", als);
      nonNegative(P + "blend.weights.rules", rules);
      nonNegative(P + "blend.weights.replenishment", replenishment);
      nonNegative(P + "blend.weights.repurchase", repurchase);
      nonNegative(P + "blend.weights.popularity", popularity);
      nonNegative(P + "blend.weights.category", category);
      nonNegative(P + "blend.weights.similar", similar);
      nonNegative(P + "blend.weights.new-arrivals", newArrivals);
    }
  }

  /** The learned blend ({@code io.c360.core.recs.BlendRanker}): trees fitted on the validation period. */
  public record Ranker(boolean enabled, int trees, int depth, double learningRate, int maxCustomers) {
    public Ranker {
      between(P + "ranker.trees", trees, 1, 1000);
      between(P + "ranker.depth", depth, 1, 12);
      if (!(learningRate > 0 && learningRate <= 1)) {
        throw new ConfigException(P + "ranker.learning-rate must be in (0, 1], got " + learningRate);
      }
      between(P + "ranker.max-customers", maxCustomers, 100, 10_000_000);
    }
  }

  public record Arm(String name, double weight) {
    public Arm {
      if (name == null || name.isBlank()) {
        throw new ConfigException(P + "experiment.arms: every arm needs a name");
      }
      if (!(weight > 0)) {
        throw new ConfigException(P + "experiment.arms: the weight of " + name + " must be positive, got " + weight);
      }
    }
  }

  public record Experiment(String name, List<Arm> arms) {
    public Experiment {
      arms = List.copyOf(arms);
      if (name == null || name.isBlank()) {
        throw new ConfigException(P + "experiment.name must not be empty");
      }
      if (arms.size() < 2) {
        throw new ConfigException(P + "experiment.arms needs at least two arms, got " + arms.size());
      }
      if (arms.stream().map(Arm::name).distinct().count() != arms.size()) {
        throw new ConfigException(P + "experiment.arms: arm names must be unique, got "
            + arms.stream().map(Arm::name).toList());
      }
    }
  }

  private static void between(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static void nonNegative(String key, double value) {
    if (!(value >= 0)) {
      throw new ConfigException(key + " must not be negative, got " + value);
    }
  }
}
