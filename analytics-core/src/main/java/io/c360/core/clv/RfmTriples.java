package io.c360.core.clv;

/**
 * The compressed calibration summary a purchase model is fitted on: distinct (x, t_x, T) triples and how many
 * customers share each, sorted by x. Built in Spark by {@link ClvSummary#compressRfm}; only these rows reach the
 * driver.
 *
 * @param x     repeat purchases
 * @param tx    recency: time from the first to the last purchase
 * @param age   T: time from the first purchase to the calibration end
 * @param count customers with this triple
 */
public record RfmTriples(int[] x, double[] tx, double[] age, double[] count) {
  public RfmTriples {
    if (x.length != tx.length || x.length != age.length || x.length != count.length) {
      throw new IllegalArgumentException("x, t_x, T and count must have the same length");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] < 0 || !(tx[i] >= 0) || !(age[i] >= tx[i]) || !(count[i] > 0)) {
        throw new IllegalArgumentException("invalid summary row " + i + ": x=" + x[i] + ", t_x=" + tx[i] + ", T="
            + age[i] + ", count=" + count[i] + " (need x >= 0, 0 <= t_x <= T, count > 0)");
      }
    }
  }

  public int size() {
    return x.length;
  }

  /** Number of customers (sum of the counts). */
  public double customers() {
    double sum = 0;
    for (double c : count) {
      sum += c;
    }
    return sum;
  }
}
