package io.c360.core.recs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Coordinate search of the blend weights on a validation split: from the start weights, each source's weight in
 * turn is multiplied by each of {@link #FACTORS} (a zero weight tries the mean of the positive ones), and the best
 * change is kept when it raises precision@k (then MAP@k); passes repeat while one changes something, at most
 * {@link #PASSES}. The tries of one source are scored together (one Spark job); only their scores reach the driver.
 */
final class BlendWeights {

  /** Factors tried on a positive weight: 0 drops the source. */
  static final double[] FACTORS = {0, 0.5, 2};
  static final int PASSES = 2;

  private BlendWeights() {
  }

  /**
   * @param start   the configured weights, by source
   * @param tied    sources whose weight follows another's (key follows value) and is not searched on its own
   * @param score   the blend's scores on the validation split with each of the given weightings, in order
   */
  static Map<String, Double> search(Map<String, Double> start, Map<String, String> tied,
                                    Function<List<Map<String, Double>>, List<RankingMetrics.Scores>> score) {
    Map<String, Double> current = new LinkedHashMap<>(start);
    RankingMetrics.Scores best = score.apply(List.of(current)).get(0);
    for (int pass = 0; pass < PASSES; pass++) {
      boolean changed = false;
      for (String source : start.keySet()) {
        if (tied.containsKey(source)) {
          continue;
        }
        double weight = current.get(source);
        double[] values = weight > 0 ? scaled(weight) : new double[] {positiveMean(current)};
        List<Map<String, Double>> trials = new ArrayList<>();
        for (double value : values) {
          Map<String, Double> trial = new LinkedHashMap<>(current);
          trial.put(source, value);
          tied.forEach((follower, leader) -> trial.put(follower, trial.get(leader)));
          trials.add(trial);
        }
        List<RankingMetrics.Scores> scores = score.apply(trials);
        for (int i = 0; i < trials.size(); i++) {
          if (Recommendations.better(scores.get(i), best)) {
            current = trials.get(i);
            best = scores.get(i);
            changed = true;
          }
        }
      }
      if (!changed) {
        break;
      }
    }
    return current;
  }

  private static double[] scaled(double weight) {
    double[] values = new double[FACTORS.length];
    for (int i = 0; i < FACTORS.length; i++) {
      values[i] = weight * FACTORS[i];
    }
    return values;
  }

  private static double positiveMean(Map<String, Double> weights) {
    return weights.values().stream().mapToDouble(Double::doubleValue).filter(w -> w > 0).average().orElse(1.0);
  }
}
