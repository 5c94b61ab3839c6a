package io.c360.core.clv;

import java.io.Serializable;
import java.util.Map;

/**
 * A fitted buy-till-you-die purchase model. Times are in the unit of the summary it was fitted on (see
 * {@link Period}). Implementations are small immutable records, serialised into Spark UDFs as scalars.
 */
public interface PurchaseModel extends Serializable {

  /** Short name: bgnbd or paretonbd. */
  String name();

  /** Parameters by name, in the order of the papers. */
  Map<String, Double> params();

  /** Log-likelihood of one customer's (x, t_x, T). */
  double logLikelihood(double x, double tx, double age);

  /** Probability that a customer with this history is still alive at T. */
  double pAlive(double x, double tx, double age);

  /** E[X(T, T + t) | x, t_x, T]: expected purchases in the next t time units. */
  double conditionalExpectedPurchases(double t, double x, double tx, double age);

  /** E[X(t)]: expected repeat purchases of a new customer in t time units after the first purchase. */
  double expectedPurchases(double t);
}
