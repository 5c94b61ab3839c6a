package io.c360.core.config;

import io.c360.core.churn.ChurnSettings;
import java.util.List;
import java.util.Locale;

/**
 * The churn job's settings ({@code c360.churn}).
 *
 * @param model         horizon, lookback, top-k reasons and the XGBoost parameters
 * @param trainingDates rolling training dates T0, at least 3: the latest is the out-of-time evaluation split, the
 *                      latest whose horizon ends by it is the early-stopping validation split, the earlier ones train
 * @param stepDays      days between two consecutive training dates
 * @param trainingCustomers at most about this many customers (a fixed sample by a hash of customer_id) give the
 *                      training, validation and evaluation rows; 0 = every customer. Scoring covers every customer.
 * @param modelVersion  {@code latest} (train when due, else score with the newest registered model) or a pinned
 *                      version from model_registry, e.g. {@code churn-2025-12-31}
 * @param retrainDays   train a new model when the newest registered one is this many days older than the as-of
 *                      date (0 = every run)
 * @param riskBands     how churn_scores.risk_band is assigned
 * @param actions       retention_actions: which customers get one and which action
 * @param driftWarning  PSI above which a feature or the score is reported as drifted
 */
public record ChurnModelConfig(ChurnSettings model, int trainingDates, int stepDays, int trainingCustomers,
                               String modelVersion, int retrainDays, RiskBands riskBands, Actions actions,
                               double driftWarning) {

  public static final String LATEST = "latest";

  public ChurnModelConfig {
    if (model == null) {
      throw new ConfigException("c360.churn: the model settings are missing");
    }
    if (trainingDates < 3 || trainingDates > 60) {
      throw new ConfigException("c360.churn.training-dates must be between 3 and 60 (the latest is the "
          + "evaluation split, one more is the validation split), got " + trainingDates);
    }
    if (stepDays < 1 || stepDays > 3660) {
      throw new ConfigException("c360.churn.step-days must be between 1 and 3660, got " + stepDays);
    }
    int needed = (model.horizonDays() + stepDays - 1) / stepDays + 2;
    if (trainingDates < needed) {
      throw new ConfigException("c360.churn.training-dates must be at least " + needed + " with horizon-days "
          + model.horizonDays() + " and step-days " + stepDays + " (training, validation and evaluation T0s one "
          + "horizon apart), got " + trainingDates);
    }
    if (trainingCustomers < 0) {
      throw new ConfigException("c360.churn.training-customers must be >= 0 (0 = every customer), got "
          + trainingCustomers);
    }
    if (modelVersion == null || modelVersion.isBlank()) {
      throw new ConfigException("c360.churn.model-version must be 'latest' or a registered version");
    }
    if (retrainDays < 0) {
      throw new ConfigException("c360.churn.retrain-days must be >= 0 (0 = train every run), got " + retrainDays);
    }
    if (!(driftWarning > 0)) {
      throw new ConfigException("c360.churn.drift-warning-psi must be > 0, got " + driftWarning);
    }
  }

  public boolean pinned() {
    return !LATEST.equals(modelVersion);
  }

  /** How a score becomes a band. */
  public enum BandMode {
    /** high from probability {@code high}, medium from {@code medium} */
    PROBABILITY,
    /** high = the top {@code high} percent of the scored customers, medium = the next up to {@code medium} percent */
    TOP_PERCENT;

    static BandMode parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("c360.churn.risk-bands.mode must be probability or top-percent, got '" + text + "'");
      }
    }
  }

  /**
   * Risk bands: {@code high} and {@code medium} are probabilities in (0, 1] in mode probability, percentages of
   * the scored customers in (0, 100] in mode top-percent; medium must not be above high (probability) or below it
   * (top-percent).
   */
  public record RiskBands(BandMode mode, double high, double medium) {

    public RiskBands {
      double max = mode == BandMode.PROBABILITY ? 1 : 100;
      if (!(high > 0 && high <= max && medium > 0 && medium <= max)) {
        throw new ConfigException("c360.churn.risk-bands: high and medium must be in (0, " + (int) max + "] in mode "
            + mode.name().toLowerCase(Locale.ROOT).replace('_', '-') + ", got " + high + " and " + medium);
      }
      if (mode == BandMode.PROBABILITY ? medium > high : medium < high) {
        throw new ConfigException("c360.churn.risk-bands: the medium band must start after the high band ("
            + (mode == BandMode.PROBABILITY ? "medium <= high" : "medium >= high") + "), got high " + high
            + " and medium " + medium);
      }
    }

    public static RiskBands of(String mode, double high, double medium) {
      return new RiskBands(BandMode.parse(mode), high, medium);
    }
  }

  /** One rule: customers whose strongest risk-raising reason is {@code reason} (a feature name) get the action. */
  public record ActionRule(String reason, String action) {
  }

  /**
   * Retention actions for the customers in the given bands: the first rule matching the customer's strongest
   * risk-raising reason, else {@code fallback}.
   */
  public record Actions(List<String> bands, List<ActionRule> rules, String fallback) {

    public Actions {
      if (bands.isEmpty() || !List.of("high", "medium", "low").containsAll(bands)) {
        throw new ConfigException("c360.churn.actions.bands must list some of high, medium, low, got " + bands);
      }
      if (fallback == null || fallback.isBlank()) {
        throw new ConfigException("c360.churn.actions.default must name an action");
      }
      bands = List.copyOf(bands);
      rules = List.copyOf(rules);
    }
  }
}
