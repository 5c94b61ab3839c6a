package io.c360.core.churn;

/**
 * Settings of the churn model, read from {@code c360.churn} into
 * {@link io.c360.core.config.ChurnModelConfig#model()}. Validated here, with messages that name the setting.
 *
 * @param horizonDays         H: a customer active at T0 churns when she buys nothing in (T0, T0 + H]
 * @param lookbackDays        active at T0 = a purchase in the lookback days ending on T0; 0 = any purchase up to T0
 * @param topK                reasons kept per customer (largest |SHAP| first)
 * @param seed                seed of XGBoost and of the random splits
 * @param rounds              maximum boosting rounds
 * @param maxDepth            maximum tree depth
 * @param eta                 learning rate, in (0, 1]
 * @param earlyStoppingRounds stop when the validation log loss has not improved for this many rounds; 0 = off
 * @param workers             XGBoost workers (Spark barrier tasks); capped at the session's default parallelism
 */
public record ChurnSettings(int horizonDays, int lookbackDays, int topK, long seed, int rounds, int maxDepth,
                            double eta, int earlyStoppingRounds, int workers) {

  public static final ChurnSettings DEFAULT = new ChurnSettings(90, 0, 3, 42L, 300, 4, 0.1, 20, 1);

  public ChurnSettings {
    if (horizonDays < 1 || horizonDays > 3660) {
      throw new IllegalArgumentException("churn horizon-days must be between 1 and 3660, got " + horizonDays);
    }
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("churn lookback-days must be >= 0 (0 = any history), got " + lookbackDays);
    }
    if (topK < 1 || topK > 50) {
      throw new IllegalArgumentException("churn top-k must be between 1 and 50, got " + topK);
    }
    if (rounds < 1 || rounds > 10_000) {
      throw new IllegalArgumentException("churn rounds must be between 1 and 10000, got " + rounds);
    }
    if (maxDepth < 1 || maxDepth > 16) {
      throw new IllegalArgumentException("churn max-depth must be between 1 and 16, got " + maxDepth);
    }
    if (!(eta > 0 && eta <= 1)) {
      throw new IllegalArgumentException("churn eta must be in (0, 1], got " + eta);
    }
    if (earlyStoppingRounds < 0) {
      throw new IllegalArgumentException("churn early-stopping-rounds must be >= 0, got " + earlyStoppingRounds);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("churn workers must be >= 1, got " + workers);
    }
  }

  public ChurnSettings withSeed(long newSeed) {
    return new ChurnSettings(horizonDays, lookbackDays, topK, newSeed, rounds, maxDepth, eta, earlyStoppingRounds,
        workers);
  }

  public ChurnSettings withRounds(int newRounds) {
    return new ChurnSettings(horizonDays, lookbackDays, topK, seed, newRounds, maxDepth, eta, earlyStoppingRounds,
        workers);
  }

  public ChurnSettings withWorkers(int newWorkers) {
    return new ChurnSettings(horizonDays, lookbackDays, topK, seed, rounds, maxDepth, eta, earlyStoppingRounds,
        newWorkers);
  }
}
