package io.c360.core.recs;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-proportion z-test of an arm against the control: pooled z = (p1 - p0) / sqrt(p (1 - p) (1/n0 + 1/n1)) with
 * p = (x0 + x1) / (n0 + n1), two-sided p-value 2 (1 - Phi(|z|)); Wald confidence intervals for each rate and for
 * the difference (unpooled standard error).
 */
public final class TwoProportionTest {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private TwoProportionTest() {
  }

  /** Conversions out of customers, with the rate's confidence interval. */
  public record Rate(long customers, long conversions, double rate, double low, double high) {
  }

  /** The arm against the control. */
  public record Comparison(double difference, double low, double high, double z, double pValue) {
  }

  /** Two-sided normal quantile of a confidence level, e.g. 1.95996 for 0.95. */
  public static double zCritical(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
    }
    return STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  public static Rate rate(long customers, long conversions, double confidence) {
    if (customers <= 0) {
      return new Rate(customers, conversions, Double.NaN, Double.NaN, Double.NaN);
    }
    double p = (double) conversions / customers;
    double half = zCritical(confidence) * Math.sqrt(p * (1 - p) / customers);
    return new Rate(customers, conversions, p, Math.max(0, p - half), Math.min(1, p + half));
  }

  public static Comparison compare(Rate control, Rate arm, double confidence) {
    long n0 = control.customers();
    long n1 = arm.customers();
    if (n0 == 0 || n1 == 0) {
      return new Comparison(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double p0 = control.rate();
    double p1 = arm.rate();
    double pooled = (double) (control.conversions() + arm.conversions()) / (n0 + n1);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n0 + 1.0 / n1));
    double z = se == 0 ? 0 : (p1 - p0) / se;
    double pValue = se == 0 ? 1 : 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z)));
    double half = zCritical(confidence) * Math.sqrt(p0 * (1 - p0) / n0 + p1 * (1 - p1) / n1);
    return new Comparison(p1 - p0, p1 - p0 - half, p1 - p0 + half, z, pValue);
  }
}
