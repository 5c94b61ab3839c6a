package io.c360.core.clv;

/**
 * The Gauss hypergeometric function 2F1(a, b; c; z), as its logarithm.
 *
 * <p>Method: the defining power series {@code sum_n (a)_n (b)_n / ((c)_n n!) z^n}, summed term by term with the
 * ratio {@code (a+n)(b+n) z / ((c+n)(n+1))}. Valid range: {@code a, b, c > 0} and {@code 0 <= z < 1}; there
 * every term is positive, so the sum has no cancellation and is accurate to a few ulps. The partial sum is
 * rescaled whenever it grows past 1e250, so large values (z near 1 with large a + b - c, e.g. customers with many
 * purchases) do not overflow: the result is returned as a logarithm. The series stops when the remaining tail,
 * bounded by a geometric series with the current term ratio, is below 1e-16 of the sum; the number of terms grows
 * like {@code (a + b) / (1 - z)}, so z very close to 1 costs many terms and past {@link #MAX_TERMS} the
 * function throws {@link NotConvergedException} rather than return an inaccurate value.
 *
 * <p>The BTYD models only need this range: the Pareto/NBD likelihood calls it as 2F1(r+s+x, r+x or s+1; r+s+x+1;
 * |alpha-beta| / (max(alpha, beta) + t)) after the transformation of Fader and Hardie's note that picks the
 * smaller of alpha and beta so that z is in [0, 1); the BG/NBD expectations call it with
 * z = t / (alpha + T + t) in [0, 1).
 */
public final class Hyp2f1 {

  /** Upper bound on the number of series terms. */
  public static final int MAX_TERMS = 5_000_000;

  private static final double RESCALE = 1e250;
  private static final double LOG_RESCALE = Math.log(RESCALE);
  private static final double EPS = 1e-16;

  /** The series did not converge within {@link #MAX_TERMS} terms (z too close to 1). */
  public static final class NotConvergedException extends ArithmeticException {
    NotConvergedException(String message) {
      super(message);
    }
  }

  private Hyp2f1() {
  }

  /** log 2F1(a, b; c; z) for a, b, c > 0 and 0 <= z < 1. */
  public static double log(double a, double b, double c, double z) {
    if (!(a > 0 && b > 0 && c > 0) || !(z >= 0 && z < 1) || Double.isInfinite(a + b + c)) {
      throw new IllegalArgumentException("2F1(a, b; c; z) is implemented for a, b, c > 0 and 0 <= z < 1, got a="
          + a + ", b=" + b + ", c=" + c + ", z=" + z);
    }
    if (z == 0) {
      return 0;
    }
    double term = 1;
    double sum = 1;
    double logScale = 0;
    double previousRatio = Double.POSITIVE_INFINITY;
    for (int n = 0; n < MAX_TERMS; n++) {
      double ratio = (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
      term *= ratio;
      sum += term;
      if (sum > RESCALE) {
        sum /= RESCALE;
        term /= RESCALE;
        logScale += LOG_RESCALE;
      }
      // Past the largest term the ratios move monotonically towards z: bound the tail by a geometric series.
      boolean monotone = ratio <= previousRatio || ratio <= z;
      double bound = Math.max(ratio, z);
      if (monotone && bound < 1 && term * bound / (1 - bound) <= EPS * sum) {
        return Math.log(sum) + logScale;
      }
      previousRatio = ratio;
    }
    throw new NotConvergedException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge in "
        + MAX_TERMS + " terms (z too close to 1)");
  }
}
