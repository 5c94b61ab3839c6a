package io.c360.core.clv;

import breeze.linalg.DenseVector;
import breeze.optimize.DiffFunction;
import breeze.optimize.FirstOrderMinimizer;
import breeze.optimize.LBFGS;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import scala.Tuple2;

/**
 * Maximum-likelihood fits of positive parameters with breeze's L-BFGS, on log-parameters {@code u = log(theta)}.
 * The minimised objective is {@code -LL(theta) / N + penalizer * sum(theta^2)} (N = number of customers; the
 * penalty is lifetimes' {@code penalizer_coef} convention, on the parameters themselves).
 */
public final class MaximumLikelihood {

  /** A weighted log-likelihood summed over the data, with its gradient with respect to the log-parameters. */
  @FunctionalInterface
  public interface LogLikelihood {
    /**
     * @param params   natural parameters (all positive)
     * @param gradient receives dLL / d log(theta_i); may be left untouched when the value is not finite
     * @return the log-likelihood, or a non-finite value where it is undefined
     */
    double evaluate(double[] params, double[] gradient);
  }

  /** A log-likelihood without an analytic gradient. */
  @FunctionalInterface
  public interface LogLikelihoodValue {
    double evaluate(double[] params);
  }

  /**
   * Fit settings.
   *
   * @param maxIterations L-BFGS iterations before the fit is declared not converged
   * @param tolerance     relative tolerance of breeze's convergence test (function values and gradient norm)
   * @param penalizer     L2 penalty on the parameters, >= 0 (0: plain maximum likelihood)
   */
  public record Options(int maxIterations, double tolerance, double penalizer) {
    public static final Options DEFAULT = new Options(500, 1e-10, 0.0);

    public Options {
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
      }
      if (!(tolerance > 0 && tolerance < 1)) {
        throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
      }
      if (!(penalizer >= 0) || Double.isInfinite(penalizer)) {
        throw new IllegalArgumentException("penalizer must be a finite number >= 0, got " + penalizer);
      }
    }

    public Options withPenalizer(double value) {
      return new Options(maxIterations, tolerance, value);
    }
  }

  /**
   * Outcome of a fit.
   *
   * @param params        fitted natural parameters
   * @param logLikelihood log-likelihood at params (without the penalty)
   * @param iterations    L-BFGS iterations
   * @param evaluations   objective evaluations
   * @param gradientNorm  Euclidean norm of the objective's gradient in log-parameters at the end
   * @param reason        breeze's convergence reason
   * @param standardErrors asymptotic standard errors of the parameters (inverse of the observed information, by
   *                       central differences of the gradient, delta method from log-parameters), or null where
   *                       the information matrix is not positive definite
   */
  public record Result(double[] params, double logLikelihood, int iterations, int evaluations, double gradientNorm,
                       String reason, double[] standardErrors) {
  }

  /** Hints appended to every fit failure. */
  static final String HINTS = "hints: use a coarser period (week rather than day), check for customers with T = 0 "
      + "(first purchase on the calibration end) or too short a calibration period, or add a small penalizer";

  private static final double FINITE_DIFFERENCE_STEP = 1e-5;

  private MaximumLikelihood() {
  }

  /** Wraps a value-only log-likelihood with central differences in the log-parameters (step 1e-5). */
  public static LogLikelihood centralDifferences(LogLikelihoodValue f) {
    return (params, gradient) -> {
      double value = f.evaluate(params);
      if (!Double.isFinite(value)) {
        return value;
      }
      double[] shifted = params.clone();
      for (int i = 0; i < params.length; i++) {
        shifted[i] = params[i] * Math.exp(FINITE_DIFFERENCE_STEP);
        double up = f.evaluate(shifted);
        shifted[i] = params[i] * Math.exp(-FINITE_DIFFERENCE_STEP);
        double down = f.evaluate(shifted);
        shifted[i] = params[i];
        if (!Double.isFinite(up) || !Double.isFinite(down)) {
          return Double.NaN;
        }
        gradient[i] = (up - down) / (2 * FINITE_DIFFERENCE_STEP);
      }
      return value;
    };
  }

  /**
   * Maximises the log-likelihood from the given starting parameters.
   *
   * @param model       model name for messages
   * @param customers   number of customers (sum of the weights), scales the objective
   * @throws ClvFitException when the fit does not converge or ends on a non-finite log-likelihood
   */
  public static Result fit(String model, LogLikelihood ll, double customers, double[] initial, Options options) {
    if (!(customers > 0)) {
      throw new ClvFitException(model + ": no customers to fit");
    }
    Objective objective = new Objective(ll, customers, options.penalizer());
    double[] start = Arrays.stream(initial).map(Math::log).toArray();
    double startValue = objective.value(start, new double[start.length]);
    if (!Double.isFinite(startValue)) {
      throw new ClvFitException(model + ": the log-likelihood is not finite at the starting point; " + HINTS);
    }
    LBFGS<DenseVector<Object>> lbfgs = new LBFGS<>(options.maxIterations(), 10, options.tolerance(),
        DenseVector.space_Double());
    FirstOrderMinimizer.State<DenseVector<Object>, ?, ?> state =
        lbfgs.minimizeAndReturnState(objective.asDiffFunction(), new DenseVector<Object>(start));
    double[] u = ((double[]) state.x().data()).clone();
    double[] gradient = new double[u.length];
    double value = objective.value(u, gradient);
    double gradientNorm = Math.sqrt(Arrays.stream(gradient).map(g -> g * g).sum());
    double[] params = Arrays.stream(u).map(Math::exp).toArray();
    double logLikelihood = ll.evaluate(params, new double[u.length]);
    String reason = state.convergenceReason().isDefined() ? state.convergenceReason().get().reason()
        : state.searchFailed() ? "line search failed" : "stopped";
    if (!Double.isFinite(value) || !Double.isFinite(logLikelihood)
        || Arrays.stream(params).anyMatch(p -> !Double.isFinite(p) || p <= 0)) {
      throw new ClvFitException(String.format(Locale.ROOT, "%s: the fit ended on a non-finite log-likelihood or "
          + "parameters %s after %d iterations; %s", model, Arrays.toString(params), state.iter(), HINTS));
    }
    boolean converged = reason.contains("converged") || gradientNorm <= 1e-6 * Math.max(1, Math.abs(value));
    if (!converged) {
      throw new ClvFitException(String.format(Locale.ROOT, "%s: the fit did not converge (%s after %d iterations, "
          + "gradient norm %.3g, parameters %s); %s", model, reason, state.iter(), gradientNorm,
          Arrays.toString(params), HINTS));
    }
    return new Result(params, logLikelihood, state.iter(), objective.evaluations, gradientNorm, reason,
        standardErrors(ll, params));
  }

  /**
   * Standard errors from the observed information in log-parameters, {@code -d2 LL / du_i du_j} by central
   * differences of the gradient (step 1e-4), inverted by Cholesky; {@code se(theta_i) = theta_i sqrt(cov_ii)}.
   *
   * @return the standard errors, or null when the information matrix is not positive definite
   */
  static double[] standardErrors(LogLikelihood ll, double[] params) {
    int k = params.length;
    double step = 1e-4;
    double[][] information = new double[k][k];
    for (int j = 0; j < k; j++) {
      double[] up = params.clone();
      double[] down = params.clone();
      up[j] = params[j] * Math.exp(step);
      down[j] = params[j] * Math.exp(-step);
      double[] gUp = new double[k];
      double[] gDown = new double[k];
      ll.evaluate(up, gUp);
      ll.evaluate(down, gDown);
      for (int i = 0; i < k; i++) {
        information[i][j] = -(gUp[i] - gDown[i]) / (2 * step);
      }
    }
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        double mean = (information[i][j] + information[j][i]) / 2;
        information[i][j] = mean;
        information[j][i] = mean;
      }
    }
    RealMatrix covariance;
    try {
      covariance = new CholeskyDecomposition(new Array2DRowRealMatrix(information)).getSolver().getInverse();
    } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
      return null;
    }
    double[] errors = new double[k];
    for (int i = 0; i < k; i++) {
      errors[i] = params[i] * Math.sqrt(covariance.getEntry(i, i));
    }
    return Arrays.stream(errors).allMatch(Double::isFinite) ? errors : null;
  }

  /** -LL / N + penalty over log-parameters; non-finite values become +infinity so the line search backs off. */
  private static final class Objective {
    private final LogLikelihood ll;
    private final double customers;
    private final double penalizer;
    private int evaluations;

    Objective(LogLikelihood ll, double customers, double penalizer) {
      this.ll = ll;
      this.customers = customers;
      this.penalizer = penalizer;
    }

    double value(double[] u, double[] gradient) {
      evaluations++;
      double[] params = new double[u.length];
      for (int i = 0; i < u.length; i++) {
        params[i] = Math.exp(u[i]);
      }
      double[] llGradient = new double[u.length];
      double logLikelihood;
      try {
        logLikelihood = ll.evaluate(params, llGradient);
      } catch (Hyp2f1.NotConvergedException e) {
        logLikelihood = Double.NaN;
      }
      if (!Double.isFinite(logLikelihood)) {
        Arrays.fill(gradient, 0);
        return Double.POSITIVE_INFINITY;
      }
      double value = -logLikelihood / customers;
      for (int i = 0; i < u.length; i++) {
        value += penalizer * params[i] * params[i];
        gradient[i] = -llGradient[i] / customers + 2 * penalizer * params[i] * params[i];
      }
      return value;
    }

    Tuple2<Object, DenseVector<Object>> calculate(Object x) {
      double[] u = (double[]) ((DenseVector<?>) x).data();
      double[] gradient = new double[u.length];
      double value = value(u, gradient);
      return new Tuple2<>(value, new DenseVector<Object>(gradient));
    }

    /**
     * breeze's DiffFunction is a Scala trait whose two {@code apply} methods (Function1's and its own, returning
     * a primitive double) cannot both be declared in Java source. The JDK's lambda factory builds the
     * implementation of its one abstract method, {@code calculate}, instead; breeze's L-BFGS calls only
     * {@code calculate} and the trait's default methods built on it.
     */
    @SuppressWarnings("unchecked")
    DiffFunction<DenseVector<Object>> asDiffFunction() {
      try {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle calculate = lookup.findVirtual(Objective.class, "calculate",
            MethodType.methodType(Tuple2.class, Object.class));
        CallSite site = LambdaMetafactory.metafactory(lookup, "calculate",
            MethodType.methodType(DiffFunction.class, Objective.class),
            MethodType.methodType(Tuple2.class, Object.class), calculate,
            MethodType.methodType(Tuple2.class, Object.class));
        return (DiffFunction<DenseVector<Object>>) site.getTarget().invoke(this);
      } catch (Throwable e) {
        throw new IllegalStateException("cannot adapt the objective to breeze's DiffFunction", e);
      }
    }
  }
}
