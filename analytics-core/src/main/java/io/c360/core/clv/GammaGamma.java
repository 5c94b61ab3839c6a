package io.c360.core.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

import java.io.Serializable;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"; Colombo and Jiang 1999): the value of
 * a customer's transactions is Gamma(p, nu) with nu ~ Gamma(q, v) across customers, fitted on repeat buyers only
 * (x > 0) and the mean value of their repeat purchases zbar. Analytic gradient (digamma).
 */
public record GammaGamma(double p, double q, double v) implements Serializable {

  public GammaGamma {
    for (double param : new double[] {p, q, v}) {
      if (!(param > 0) || Double.isInfinite(param)) {
        throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite, got p=" + p + ", q="
            + q + ", v=" + v);
      }
    }
  }

  /** Fits by maximum likelihood from p = q = v = 1. */
  public static Fitted<GammaGamma> fit(SpendPairs data, MaximumLikelihood.Options options) {
    MaximumLikelihood.Result result = MaximumLikelihood.fit("Gamma-Gamma", (p, g) -> logLikelihood(data, p, g),
        data.customers(), new double[] {1, 1, 1}, options);
    double[] p = result.params();
    return new Fitted<>(new GammaGamma(p[0], p[1], p[2]), result);
  }

  /**
   * Sum over repeat buyers of {@code ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q) + q ln v + (px-1) ln zbar
   * + px ln x - (px+q) ln(x zbar + v)}, with its gradient in the log-parameters.
   */
  static double logLikelihood(SpendPairs d, double[] params, double[] gradient) {
    double p = params[0];
    double q = params[1];
    double v = params[2];
    double lgQ = logGamma(q);
    double psiQ = digamma(q);
    double lnV = Math.log(v);
    double ll = 0;
    double gp = 0;
    double gq = 0;
    double gv = 0;
    int cachedX = -1;
    double lgPxq = 0;
    double lgPx = 0;
    double psiPxq = 0;
    double psiPx = 0;
    for (int i = 0; i < d.size(); i++) {
      int x = d.x()[i];
      if (x != cachedX) {
        cachedX = x;
        lgPxq = logGamma(p * x + q);
        lgPx = logGamma(p * x);
        psiPxq = digamma(p * x + q);
        psiPx = digamma(p * x);
      }
      double w = d.count()[i];
      double m = d.zbar()[i];
      double px = p * x;
      double lnM = Math.log(m);
      double lnX = Math.log(x);
      double lnXmv = Math.log(x * m + v);
      ll += w * (lgPxq - lgPx - lgQ + q * lnV + (px - 1) * lnM + px * lnX - (px + q) * lnXmv);
      gp += w * x * (psiPxq - psiPx + lnM + lnX - lnXmv);
      gq += w * (psiPxq - psiQ + lnV - lnXmv);
      gv += w * (q / v - (px + q) / (x * m + v));
    }
    gradient[0] = gp * p;
    gradient[1] = gq * q;
    gradient[2] = gv * v;
    return ll;
  }

  /**
   * Whether the population mean spend {@code p v / (q - 1)} is finite (q > 1). A fit with q <= 1 (heavy-tailed
   * spend, e.g. a few extreme zbar) has no population mean to shrink towards: {@link ClvScores} then falls back to
   * each customer's observed mean ({@link ClvScores.SpendBasis#OBSERVED_MEAN}).
   */
  public boolean hasFiniteMean() {
    return q > 1;
  }

  /**
   * E[Z | x, zbar] = {@code p (v + x zbar) / (p x + q - 1)}: a weighted mean of the population mean
   * {@code p v / (q - 1)} and the customer's own zbar (for x = 0, the population mean).
   *
   * @throws IllegalStateException when q <= 1 (the population mean spend is infinite, see {@link #hasFiniteMean})
   */
  public double conditionalExpectedSpend(double x, double zbar) {
    requireFiniteMean();
    return p * (v + x * zbar) / (p * x + q - 1);
  }

  /**
   * Mean spend per transaction in the population, {@code p v / (q - 1)}.
   *
   * @throws IllegalStateException when q <= 1 (the mean is infinite, see {@link #hasFiniteMean})
   */
  public double meanSpend() {
    requireFiniteMean();
    return p * v / (q - 1);
  }

  private void requireFiniteMean() {
    if (!hasFiniteMean()) {
      throw new IllegalStateException("Gamma-Gamma q = " + q + " <= 1: the expected spend is infinite; check "
          + "zbar for extreme values or refit with a penalizer");
    }
  }
}
