package io.c360.core.config;

import io.c360.core.clv.ClvConfig;
import io.c360.core.clv.Period;
import java.util.List;

/**
 * The clv job's settings ({@code c360.clv}).
 *
 * @param model       purchase model: bgnbd or paretonbd
 * @param period      time unit of the customer summaries
 * @param holdoutDays validation: also fit on the history up to as-of minus this many days and compare the forecast
 *                    of those days with what happened; 0 turns it off
 * @param scoring     horizons, CLV months, margin, discount rate and penalty of the scores
 */
public record ClvModelConfig(String model, Period period, int holdoutDays, ClvConfig scoring) {

  public static final List<String> MODELS = List.of("bgnbd", "paretonbd");

  public ClvModelConfig {
    if (!MODELS.contains(model)) {
      throw new ConfigException("c360.clv.model must be one of " + MODELS + ", got " + model);
    }
    if (holdoutDays < 0 || holdoutDays > 3650) {
      throw new ConfigException("c360.clv.holdout-days must be between 0 and 3650, got " + holdoutDays);
    }
  }
}
