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
 * @param priority    weights of the ticket priority score
 * @param sla         service-level limits
 */
public record ServiceConfig(double testFraction, int numFeatures, double regParam, int maxIter, int minLabelled,
                            int kpiWindowDays, java.util.List<String> complaintCategories, Priority priority,
                            Sla sla) {

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

  /**
   * Ticket priority ({@code c360.service.priority}): the weights of the value, severity and waiting parts, the
   * severity weight of each category and the value weight of each member tier, all in [0, 1].
   */
  public record Priority(double valueWeight, double severityWeight, double waitingWeight,
                         java.util.Map<String, Double> categoryWeights, java.util.Map<String, Double> tierWeights) {
    public Priority {
      categoryWeights = java.util.Map.copyOf(categoryWeights);
      tierWeights = java.util.Map.copyOf(tierWeights);
      check(valueWeight >= 0 && severityWeight >= 0 && waitingWeight >= 0
          && valueWeight + severityWeight + waitingWeight > 0,
          "priority.weights must be >= 0 with a positive sum, got " + valueWeight + ", " + severityWeight + ", "
              + waitingWeight);
      for (java.util.Map.Entry<String, Double> e : categoryWeights.entrySet()) {
        check(e.getValue() >= 0 && e.getValue() <= 1, "priority.category-weights." + e.getKey()
            + " must be between 0 and 1, got " + e.getValue());
      }
      for (java.util.Map.Entry<String, Double> e : tierWeights.entrySet()) {
        check(e.getValue() >= 0 && e.getValue() <= 1, "priority.tier-weights." + e.getKey()
            + " must be between 0 and 1, got " + e.getValue());
      }
    }
  }

  /** SLA limits ({@code c360.service.sla}) in hours after the ticket's creation. */
  public record Sla(double firstResponseHours, double resolutionHours) {
    public Sla {
      check(firstResponseHours > 0, "sla.first-response-hours must be > 0, got " + firstResponseHours);
      check(resolutionHours > 0, "sla.resolution-hours must be > 0, got " + resolutionHours);
    }
  }
}
