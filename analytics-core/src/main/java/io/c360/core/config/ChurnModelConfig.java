package io.c360.core.config;

import io.c360.core.churn.ChurnSettings;

/**
 * The churn job's settings ({@code c360.churn}).
 *
 * @param model         horizon, lookback, top-k reasons and the XGBoost parameters
 * @param trainingDates rolling training dates T0 (the latest is as-of minus the horizon; the latest one is held out
 *                      as the out-of-time evaluation split)
 * @param stepDays      days between two consecutive training dates
 */
public record ChurnModelConfig(ChurnSettings model, int trainingDates, int stepDays) {

  public ChurnModelConfig {
    if (model == null) {
      throw new ConfigException("c360.churn: the model settings are missing");
    }
    if (trainingDates < 2 || trainingDates > 60) {
      throw new ConfigException("c360.churn.training-dates must be between 2 and 60 (the latest is the "
          + "evaluation split), got " + trainingDates);
    }
    if (stepDays < 1 || stepDays > 3660) {
      throw new ConfigException("c360.churn.step-days must be between 1 and 3660, got " + stepDays);
    }
  }
}
