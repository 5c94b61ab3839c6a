package io.c360.core.clv;

/**
 * The compressed input of the Gamma-Gamma spend model: distinct (x, zbar) pairs of repeat buyers (x > 0,
 * zbar > 0) and how many customers share each. Built in Spark by {@link ClvSummary#compressSpend}.
 *
 * @param x     repeat purchases (> 0)
 * @param zbar  mean value of the repeat purchases (> 0)
 * @param count customers with this pair
 */
public record SpendPairs(int[] x, double[] zbar, double[] count) {
  public SpendPairs {
    if (x.length != zbar.length || x.length != count.length) {
      throw new IllegalArgumentException("x, zbar and count must have the same length");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i] <= 0 || !(zbar[i] > 0) || Double.isInfinite(zbar[i]) || !(count[i] > 0)) {
        throw new IllegalArgumentException("invalid spend row " + i + ": x=" + x[i] + ", zbar=" + zbar[i]
            + " (need x > 0 and zbar > 0)");
      }
    }
  }

  public int size() {
    return x.length;
  }

  public double customers() {
    double sum = 0;
    for (double c : count) {
      sum += c;
    }
    return sum;
  }
}
