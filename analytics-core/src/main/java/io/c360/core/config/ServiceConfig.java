package io.c360.core.config;

/**
 * Customer-service analytics ({@code c360.service}): the ticket classifier and the service KPIs.
 *
 * @param testFraction     share of the labelled tickets held out for evaluation (by a hash of the ticket id)
 * @param numFeatures      hashed feature space of the TF-IDF vectors
 * @param regParam         L2 regularisation of the logistic regression
 * @param maxIter          iterations of the logistic regression
 * @param minLabelled      fewer labelled tickets than this: no model is trained and nothing is predicted
 * @param kpiWindowDays    the service KPIs cover the N days ending on the as-of date
 * @param complaintCategories ticket categories that count as complaints for the complaint rate
 */
public record ServiceConfig(double testFraction, int numFeatures, double regParam, int maxIter, int minLabelled,
                            int kpiWindowDays, java.util.List<String> complaintCategories) {

  private static final String P = "c360.service.";

  public ServiceConfig {
    complaintCategories = java.util.List.copyOf(complaintCategories);
    check(testFraction > 0 && testFraction < 1, "classifier.test-fraction must be between 0 and 1, got "
        + testFraction);
    check(numFeatures >= 16, "classifier.num-features must be >= 16, got " + numFeatures);
    check(regParam >= 0, "classifier.reg-param must be >= 0, got " + regParam);
    check(maxIter >= 1, "classifier.max-iter must be >= 1, got " + maxIter);
    check(minLabelled >= 2, "classifier.min-labelled must be >= 2, got " + minLabelled);
    check(kpiWindowDays >= 1, "kpi-window-days must be >= 1, got " + kpiWindowDays);
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new ConfigException(P + message);
    }
  }
}
