package io.c360.core.marketing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;

/**
 * A first-order Markov chain over journey states: {@code (start)}, the channels, and the absorbing
 * {@code (conversion)} and {@code (null)}. Small (channels squared), held on the driver.
 */
final class MarkovChain {

  private static final int MAX_SWEEPS = 100_000;
  private static final double TOLERANCE = 1e-15;

  private final List<String> channels;
  /** probabilities[from][to] over states: 0 = start, 1..k = channels, k+1 = conversion, k+2 = null. */
  private final double[][] probabilities;

  private MarkovChain(List<String> channels, double[][] probabilities) {
    this.channels = List.copyOf(channels);
    this.probabilities = probabilities;
  }

  /** From rows (from, to, count) as returned by {@link Attribution#transitions}. */
  static MarkovChain fromCounts(List<Row> counts) {
    TreeSet<String> channels = new TreeSet<>();
    for (Row r : counts) {
      for (int i = 0; i < 2; i++) {
        String state = r.getString(i);
        if (!state.equals(Attribution.START) && !state.equals(Attribution.CONVERSION)
            && !state.equals(Attribution.NULL)) {
          channels.add(state);
        }
      }
    }
    List<String> names = new ArrayList<>(channels);
    int k = names.size();
    double[][] p = new double[k + 3][k + 3];
    for (Row r : counts) {
      p[index(names, r.getString(0))][index(names, r.getString(1))] += r.getLong(2);
    }
    for (double[] row : p) {
      double total = 0;
      for (double v : row) {
        total += v;
      }
      for (int j = 0; total > 0 && j < row.length; j++) {
        row[j] /= total;
      }
    }
    return new MarkovChain(names, p);
  }

  private static int index(List<String> channels, String state) {
    switch (state) {
      case Attribution.START:
        return 0;
      case Attribution.CONVERSION:
        return channels.size() + 1;
      case Attribution.NULL:
        return channels.size() + 2;
      default:
        return channels.indexOf(state) + 1;
    }
  }

  /** Probability of reaching conversion from start; {@code removed} (a channel index or -1) leads to null. */
  double conversionProbability(int removed) {
    int k = channels.size();
    double[] value = new double[k + 3];
    value[k + 1] = 1.0;
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double change = 0;
      for (int s = 0; s <= k; s++) {
        double v = 0;
        if (s != removed) {
          for (int t = 0; t < k + 3; t++) {
            v += probabilities[s][t] * value[t];
          }
        }
        change = Math.max(change, Math.abs(v - value[s]));
        value[s] = v;
      }
      if (change < TOLERANCE) {
        break;
      }
    }
    return value[0];
  }

  /** Removal effect per channel: 1 - P(conversion without the channel) / P(conversion); 0 when nothing converts. */
  Map<String, Double> removalEffects() {
    double base = conversionProbability(-1);
    Map<String, Double> effects = new LinkedHashMap<>();
    for (int c = 0; c < channels.size(); c++) {
      effects.put(channels.get(c), base > 0 ? 1.0 - conversionProbability(c + 1) / base : 0.0);
    }
    return new TreeMap<>(effects);
  }
}
