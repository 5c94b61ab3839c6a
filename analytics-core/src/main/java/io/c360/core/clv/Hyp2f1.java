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
 * <p>The Pareto/NBD likelihood only needs this range: it calls it as 2F1(r+s+x, r+x or s+1; r+s+x+1;
 * |alpha-beta| / (max(alpha, beta) + t)) after the transformation of Fader and Hardie's note that picks the
 * smaller of alpha and beta so that z is in [0, 1). The BG/NBD expectations need 2F1 with c = a+b+x-1, which is
 * negative near the boundary of the fit (a + b < 1 for x = 0); they use {@link #scaledComplement}, which takes
 * the whole expression they need instead of 2F1 alone.
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

  /**
   * {@code c/(c-b) [1 - (1-z)^a 2F1(a, b; c; z)]} with {@code c = b + d - 1} and {@code z = u / (1 + u)}: the
   * bracket of the BG/NBD expectations (Fader, Hardie and Lee 2005, eq. 9 and 10, with a = r+x, b = b+x,
   * d = the model's a, u = t / (alpha+T)). It is also {@code E[(1 - (1 + p u)^-a) / p]} for p ~ Beta(d, b).
   *
   * <p>Valid range: {@code a, b, d > 0} and finite {@code u >= 0}, which includes c <= 0 (b + d < 1), where the
   * 2F1 series has negative terms or is undefined (c = 0), and d = 1 (c = b), a removable 0/0. Method: with
   * {@code q = 1 - z = 1 / (1 + u)} and {@code c - b = d - 1}, {@code c (1 - q^a F) = c (1 - q^a) - q^a H} where
   * {@code H = c (F - 1) = sum_{n>=1} (a)_n (b)_n / ((b+d)_{n-1} n!) z^n} (c + 1 = b + d, never formed as a
   * difference); at d = 1, H = {@code b (q^-a - 1)}. Subtracting that value term by term and dividing by d - 1
   * analytically (the difference of the two Pochhammer products is a sum of positive products) gives
   * <pre>
   *   value = (1 - q^a) + q^a sum_{n>=2} tau_n,
   *   tau_2 = (a+1) z / 2 * beta_1,  tau_{n+1} = (a+n) z / (n+1) * (tau_n + beta_n),
   *   beta_1 = a b z / (b+d),        beta_{n+1} = beta_n (a+n)(b+n) z / ((n+1)(b+d+n))
   * </pre>
   * (beta_n are the terms of 2F1(a, b; b+d; z)). Every term is positive and no parameter difference is formed, so
   * there is no cancellation and no singularity at c = 0 or d = 1; the relative error is a few ulps times the
   * number of terms. As in {@link #log} the sum is rescaled past 1e250 and stops when the tail is below 1e-16 of
   * it: the ratio tau_{k+1}/tau_k = z (a+k)/(k+1) (1 + beta_k/tau_k) is bounded for k >= n by
   * {@code z max(1, (a+n)/(n+1)) (1 + beta_n/tau_n)} because tau_k/beta_k grows by at least 1 a term. The number of
   * terms is about {@code (a + 40) (1 + u)} (the terms peak near n = a u, then decay like z^n); past
   * {@link #MAX_TERMS} (e.g. u = 1e5 with a = 10) it throws {@link NotConvergedException}.
   */
  public static double scaledComplement(double a, double b, double d, double u) {
    if (!(a > 0 && b > 0 && d > 0 && u >= 0) || Double.isInfinite(a + b + d + u)) {
      throw new IllegalArgumentException("scaledComplement is implemented for a, b, d > 0 and finite u >= 0, got a="
          + a + ", b=" + b + ", d=" + d + ", u=" + u);
    }
    if (u == 0) {
      return 0;
    }
    double z = u / (1 + u);
    double logQa = -a * Math.log1p(u);
    double beta = a * b * z / (b + d);
    double tau = 0;
    double sum = 0;
    double logScale = 0;
    for (int n = 1; n < MAX_TERMS; n++) {
      tau = (a + n) * z / (n + 1) * (tau + beta);
      beta *= (a + n) * (b + n) * z / ((n + 1.0) * (b + d + n));
      sum += tau;
      if (sum > RESCALE) {
        sum /= RESCALE;
        tau /= RESCALE;
        beta /= RESCALE;
        logScale += LOG_RESCALE;
      }
      // tau and beta are now tau_{n+1} and beta_{n+1}; tau == 0 means the terms underflowed (z tiny)
      double bound = z * Math.max(1, (a + n + 1) / (n + 2)) * (1 + beta / tau);
      if (tau == 0 || bound < 1 && tau * bound / (1 - bound) <= EPS * sum) {
        return -Math.expm1(logQa) + Math.exp(logQa + Math.log(sum) + logScale);
      }
    }
    throw new NotConvergedException("c/(c-b) [1 - (1-z)^a 2F1(a, b; c; z)] with a=" + a + ", b=" + b + ", c = b + "
        + d + " - 1, z = " + z + " did not converge in " + MAX_TERMS + " terms (z too close to 1)");
  }
}
