package io.c360.jobs.generate;

import java.util.SplittableRandom;

/**
 * Sampling from the distributions of the behaviour model. {@link StrictMath} keeps the draws bit-identical across
 * platforms, so that the same options give the same bytes everywhere.
 */
final class Dist {

  private Dist() {
  }

  static boolean chance(SplittableRandom r, double p) {
    return r.nextDouble() < p;
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  static int between(SplittableRandom r, int lo, int hi) {
    return lo + r.nextInt(hi - lo + 1);
  }

  static double uniform(SplittableRandom r, double lo, double hi) {
    return lo + (hi - lo) * r.nextDouble();
  }

  /** Waiting time of a Poisson process with the given rate. */
  static double exponential(SplittableRandom r, double rate) {
    return -StrictMath.log(1.0 - r.nextDouble()) / rate;
  }

  /** Standard normal by the polar method (the second value is dropped to keep the stream stateless). */
  static double normal(SplittableRandom r) {
    double u;
    double v;
    double s;
    do {
      u = 2.0 * r.nextDouble() - 1.0;
      v = 2.0 * r.nextDouble() - 1.0;
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
  }

  static double logNormal(SplittableRandom r, double median, double sigma) {
    return median * StrictMath.exp(sigma * normal(r));
  }

  /** Gamma with scale 1 (Marsaglia and Tsang; boosted for shapes below 1). */
  static double gamma(SplittableRandom r, double shape) {
    if (shape < 1.0) {
      return gamma(r, shape + 1.0) * StrictMath.pow(r.nextDouble(), 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / StrictMath.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(r);
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      double u = r.nextDouble();
      if (u < 1.0 - 0.0331 * x * x * x * x || StrictMath.log(u) < 0.5 * x * x + d * (1.0 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  static double beta(SplittableRandom r, double a, double b) {
    double x = gamma(r, a);
    double y = gamma(r, b);
    return x / (x + y);
  }

  static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0.0) {
      return 0;
    }
    if (mean < 30.0) {
      double limit = StrictMath.exp(-mean);
      double p = r.nextDouble();
      int k = 0;
      while (p > limit) {
        k++;
        p *= r.nextDouble();
      }
      return k;
    }
    return (int) Math.max(0, Math.round(mean + StrictMath.sqrt(mean) * normal(r)));
  }

  /** Running sums of the weights, for {@link #pick}. */
  static double[] cumulative(double... weights) {
    double[] cum = new double[weights.length];
    double sum = 0.0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cum[i] = sum;
    }
    return cum;
  }

  /** Index drawn with probability proportional to its weight, given the running sums of the weights. */
  static int pick(SplittableRandom r, double[] cumulative) {
    return pick(r.nextDouble(), cumulative);
  }

  static int pick(double unit, double[] cumulative) {
    double u = unit * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
