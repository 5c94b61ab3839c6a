package io.c360.core.clv;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987): while alive a customer buys at Poisson rate
 * lambda ~ Gamma(r, alpha) and lives an exponential lifetime with rate mu ~ Gamma(s, beta).
 *
 * <p>Log-likelihood of one customer (Fader and Hardie, "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", 2005; lifetimes' implementation): {@code ln Gamma(r+x) - ln Gamma(r) + r ln alpha + s ln beta +
 * logaddexp(-(r+x) ln(alpha+T) - s ln(beta+T), ln s - ln(r+s+x) + ln A0)}, where A0 is a difference of two
 * Gauss hypergeometric functions. To keep their argument in [0, 1) the note's transformation takes
 * {@code z = |alpha - beta| / (max(alpha, beta) + t)} with second parameter r + x when alpha < beta and s + 1
 * otherwise; 2F1 is summed in log space by {@link Hyp2f1}, and the difference is taken with a log-diff-exp.
 * The fit uses central-difference gradients.
 *
 * <p>Range: the 2F1 parameters are positive for all r, s > 0, so the likelihood, P(alive) and the expectations are
 * correct on the boundary of the fit (r or s near 0, s = 1; BtydBoundaryTest checks them against mpmath at 50
 * digits to a relative error below 1e-11). The series needs a number of terms that grows like 1 / (1 - z), with
 * {@code 1 - z = (min(alpha, beta) + t_x) / (max(alpha, beta) + t_x)}: when that is below about 1e-6 (one of alpha,
 * beta a million times the other, for a customer with t_x near 0) the likelihood, P(alive) and the conditional
 * expectation throw an {@link ArithmeticException} that names the model and the customer, rather than return an
 * unconverged value or NaN (at 1 - z = 1e-5 the values are still within 1e-11). A customer with t_x = T needs no
 * series (A0 = 0, P(alive) = 1).
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements PurchaseModel {

  public ParetoNbd {
    for (double p : new double[] {r, alpha, s, beta}) {
      if (!(p > 0) || Double.isInfinite(p)) {
        throw new IllegalArgumentException("Pareto/NBD parameters must be positive and finite, got r=" + r
            + ", alpha=" + alpha + ", s=" + s + ", beta=" + beta);
      }
    }
  }

  /** Fits by maximum likelihood from r = alpha = s = beta = 1. */
  public static Fitted<ParetoNbd> fit(RfmTriples data, MaximumLikelihood.Options options) {
    MaximumLikelihood.Result result = MaximumLikelihood.fit("Pareto/NBD",
        MaximumLikelihood.centralDifferences(p -> logLikelihood(data, p)), data.customers(),
        new double[] {1, 1, 1, 1}, options);
    double[] p = result.params();
    return new Fitted<>(new ParetoNbd(p[0], p[1], p[2], p[3]), result);
  }

  /** Sum of the weighted log-likelihoods; ln Gamma(r + x) once per distinct x (the rows are sorted by x). */
  static double logLikelihood(RfmTriples d, double[] params) {
    ParetoNbd model = new ParetoNbd(params[0], params[1], params[2], params[3]);
    double base = -logGamma(model.r) + model.r * Math.log(model.alpha) + model.s * Math.log(model.beta);
    int cachedX = -1;
    double lgRx = 0;
    double ll = 0;
    for (int i = 0; i < d.size(); i++) {
      int x = d.x()[i];
      if (x != cachedX) {
        cachedX = x;
        lgRx = logGamma(model.r + x);
      }
      ll += d.count()[i] * (lgRx + base + model.logA2(x, d.tx()[i], d.age()[i]));
    }
    return ll;
  }

  /** logaddexp(-(r+x) ln(alpha+T) - s ln(beta+T), ln s - ln(r+s+x) + ln A0). */
  private double logA2(double x, double tx, double age) {
    double first = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
    double second = Math.log(s) - Math.log(r + s + x) + logA0(x, tx, age);
    return logAddExp(first, second);
  }

  /**
   * ln A0 = ln[2F1(..; z(t_x)) / (max + t_x)^(r+s+x) - 2F1(..; z(T)) / (max + T)^(r+s+x)]; A0 = 0 when t_x = T.
   *
   * @throws ArithmeticException when a 2F1 series does not converge (z too close to 1), with the model and the
   *                             customer in the message
   */
  private double logA0(double x, double tx, double age) {
    if (tx >= age) {
      return Double.NEGATIVE_INFINITY;
    }
    double min = Math.min(alpha, beta);
    double max = Math.max(alpha, beta);
    double second = alpha < beta ? r + x : s + 1;
    double rsx = r + s + x;
    double q1 = max + tx;
    double q2 = max + age;
    double p1;
    double p2;
    try {
      p1 = Hyp2f1.log(rsx, second, rsx + 1, (max - min) / q1) - rsx * Math.log(q1);
      p2 = Hyp2f1.log(rsx, second, rsx + 1, (max - min) / q2) - rsx * Math.log(q2);
    } catch (Hyp2f1.NotConvergedException e) {
      ArithmeticException failure = new ArithmeticException("Pareto/NBD " + params() + " cannot be evaluated at x="
          + x + ", t_x=" + tx + ", T=" + age + ": 1 - z = (min(alpha, beta) + t_x) / (max(alpha, beta) + t_x) = "
          + (min + tx) / q1 + " is too small for the 2F1 series (" + e.getMessage() + ")");
      failure.initCause(e);
      throw failure;
    }
    return p2 < p1 ? p1 + Math.log1p(-Math.exp(p2 - p1)) : Double.NEGATIVE_INFINITY;
  }

  private static double logAddExp(double u, double v) {
    if (u == Double.NEGATIVE_INFINITY) {
      return v;
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return u;
    }
    double m = Math.max(u, v);
    return m + Math.log1p(Math.exp(-Math.abs(u - v)));
  }

  @Override
  public String name() {
    return "paretonbd";
  }

  @Override
  public Map<String, Double> params() {
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("r", r);
    params.put("alpha", alpha);
    params.put("s", s);
    params.put("beta", beta);
    return params;
  }

  @Override
  public double logLikelihood(double x, double tx, double age) {
    return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta) + logA2(x, tx, age);
  }

  /** 1 / (1 + s / (r+s+x) (alpha+T)^(r+x) (beta+T)^s A0). */
  @Override
  public double pAlive(double x, double tx, double age) {
    return 1 / (1 + Math.exp(Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + age)
        + s * Math.log(beta + age) + logA0(x, tx, age)));
  }

  /**
   * {@code (r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive)}, continuous at s = 1
   * (the limit is {@code ln(1 + t/(beta+T))} in place of the bracket over s-1).
   */
  @Override
  public double conditionalExpectedPurchases(double t, double x, double tx, double age) {
    if (t == 0) {
      return 0;
    }
    return pAlive(x, tx, age) * (r + x) * (beta + age) / (alpha + age) * powerTerm(t / (beta + age));
  }

  /** {@code r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)]}, continuous at s = 1. */
  @Override
  public double expectedPurchases(double t) {
    return r / alpha * beta * powerTerm(t / beta);
  }

  /** (1 - (1 + u)^-(s-1)) / (s-1), and ln(1 + u) at s = 1 exactly; accurate for s - 1 of any size. */
  private double powerTerm(double u) {
    double logRatio = -Math.log1p(u);
    double sm1 = s - 1;
    return sm1 == 0 ? -logRatio : -Math.expm1(sm1 * logRatio) / sm1;
  }
}
