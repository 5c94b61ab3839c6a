package io.c360.core.clv;

import static org.apache.commons.math3.special.Gamma.digamma;
import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way"): while alive a customer
 * buys at Poisson rate lambda ~ Gamma(r, alpha); after each repeat purchase she drops out with probability
 * p ~ Beta(a, b).
 *
 * <p>Log-likelihood of one customer, in log space (equation 6 of the paper):
 * {@code ln Gamma(r+x) - ln Gamma(r) + r ln alpha + ln B(a, b+x) - ln B(a, b) + logsumexp(A3, A4)} with
 * {@code A3 = -(r+x) ln(alpha+T)} and, for x > 0, {@code A4 = ln a - ln(b+x-1) - (r+x) ln(alpha+t_x)}. The
 * gradient is analytic (digamma).
 */
public record BgNbd(double r, double alpha, double a, double b) implements PurchaseModel {

  public BgNbd {
    for (double p : new double[] {r, alpha, a, b}) {
      if (!(p > 0) || Double.isInfinite(p)) {
        throw new IllegalArgumentException("BG/NBD parameters must be positive and finite, got r=" + r + ", alpha="
            + alpha + ", a=" + a + ", b=" + b);
      }
    }
  }

  /** Fits by maximum likelihood from r = alpha = a = b = 1. */
  public static Fitted<BgNbd> fit(RfmTriples data, MaximumLikelihood.Options options) {
    MaximumLikelihood.Result result = MaximumLikelihood.fit("BG/NBD", (p, g) -> logLikelihood(data, p, g),
        data.customers(), new double[] {1, 1, 1, 1}, options);
    double[] p = result.params();
    return new Fitted<>(new BgNbd(p[0], p[1], p[2], p[3]), result);
  }

  /**
   * Sum of the weighted log-likelihoods and its gradient with respect to the log-parameters. Terms that depend on
   * x only are computed once per distinct x (the rows are sorted by x).
   */
  static double logLikelihood(RfmTriples d, double[] params, double[] gradient) {
    double r = params[0];
    double alpha = params[1];
    double a = params[2];
    double b = params[3];
    double lgR = logGamma(r);
    double psiR = digamma(r);
    double lgB = logGamma(b);
    double psiB = digamma(b);
    double lgAb = logGamma(a + b);
    double psiAb = digamma(a + b);
    double lnAlpha = Math.log(alpha);
    double lnA = Math.log(a);
    int cachedX = -1;
    double a1x = 0;
    double dRx = 0;
    double a2x = 0;
    double dA2a = 0;
    double dA2b = 0;
    double ll = 0;
    double gr = 0;
    double gAlpha = 0;
    double ga = 0;
    double gb = 0;
    for (int i = 0; i < d.size(); i++) {
      int x = d.x()[i];
      double w = d.count()[i];
      if (x != cachedX) {
        cachedX = x;
        a1x = logGamma(r + x) - lgR;
        dRx = digamma(r + x) - psiR;
        double psiAbx = digamma(a + b + x);
        a2x = lgAb + logGamma(b + x) - lgB - logGamma(a + b + x);
        dA2a = psiAb - psiAbx;
        dA2b = psiAb + digamma(b + x) - psiB - psiAbx;
      }
      double rx = r + x;
      double lnAt = Math.log(alpha + d.age()[i]);
      double a3 = -rx * lnAt;
      double logSum;
      double w3;
      double w4;
      double lnAtx = 0;
      if (x > 0) {
        lnAtx = Math.log(alpha + d.tx()[i]);
        double a4 = lnA - Math.log((x - 1) + b) - rx * lnAtx;
        double m = Math.max(a3, a4);
        logSum = m + Math.log(Math.exp(a3 - m) + Math.exp(a4 - m));
        w3 = Math.exp(a3 - logSum);
        w4 = Math.exp(a4 - logSum);
      } else {
        logSum = a3;
        w3 = 1;
        w4 = 0;
      }
      ll += w * (a1x + r * lnAlpha + a2x + logSum);
      gr += w * (dRx + lnAlpha - w3 * lnAt - w4 * lnAtx);
      gAlpha += w * (r / alpha - w3 * rx / (alpha + d.age()[i]) - w4 * rx / (alpha + d.tx()[i]));
      ga += w * (dA2a + w4 / a);
      gb += w * (dA2b - (x > 0 ? w4 / ((x - 1) + b) : 0));
    }
    gradient[0] = gr * r;
    gradient[1] = gAlpha * alpha;
    gradient[2] = ga * a;
    gradient[3] = gb * b;
    return ll;
  }

  @Override
  public String name() {
    return "bgnbd";
  }

  @Override
  public Map<String, Double> params() {
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("r", r);
    params.put("alpha", alpha);
    params.put("a", a);
    params.put("b", b);
    return params;
  }

  @Override
  public double logLikelihood(double x, double tx, double age) {
    double[] unused = new double[4];
    return logLikelihood(new RfmTriples(new int[] {(int) x}, new double[] {tx}, new double[] {age},
        new double[] {1}), new double[] {r, alpha, a, b}, unused);
  }

  /**
   * {@code 1 / (1 + [x > 0] a / (b+x-1) ((alpha+T) / (alpha+t_x))^(r+x))}, the odds in log space; b+x-1 is formed
   * as (x-1)+b, exact in x, so it stays accurate when b is tiny and x = 1.
   */
  @Override
  public double pAlive(double x, double tx, double age) {
    return 1 / (1 + deathOdds(x, tx, age));
  }

  private double deathOdds(double x, double tx, double age) {
    if (x <= 0) {
      return 0;
    }
    return Math.exp(Math.log(a) - Math.log((x - 1) + b) + (r + x) * Math.log1p((age - tx) / (alpha + tx)));
  }

  /**
   * Equation 10 of the paper: {@code (a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x)
   * 2F1(r+x, b+x; a+b+x-1; t/(alpha+T+t))] P(alive)}, the bracket by {@link Hyp2f1#scaledComplement} (with
   * u = t/(alpha+T)): correct for all a, b > 0, including a+b+x-1 <= 0 and a = 1; against mpmath at 50 digits
   * (BtydBoundaryTest) the relative error is below 1e-11, largest where u is large (many series terms).
   */
  @Override
  public double conditionalExpectedPurchases(double t, double x, double tx, double age) {
    if (t == 0) {
      return 0;
    }
    return Hyp2f1.scaledComplement(r + x, b + x, a, t / (alpha + age)) * pAlive(x, tx, age);
  }

  /**
   * Equation 9: {@code (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))]}, equation 10 with
   * x = T = 0; the same method and range as {@link #conditionalExpectedPurchases}.
   */
  @Override
  public double expectedPurchases(double t) {
    if (t == 0) {
      return 0;
    }
    return Hyp2f1.scaledComplement(r, b, a, t / alpha);
  }
}
