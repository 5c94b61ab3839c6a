package io.c360.core.alert;

import io.c360.core.config.AlertConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * KPI alert rules over one as-of date's figures (kpi_daily, service_kpis, data-quality failures): a handful of
 * numbers per date, so the rules run on the driver. A rule fires when its threshold is strictly exceeded: above /
 * below on the value, rise / drop on the change since the previous as-of date. A rule whose metric has no value (a
 * missing table or column, no previous date for a change rule) does not fire.
 */
public final class Alerts {

  private final AlertConfig config;

  public Alerts(AlertConfig config) {
    this.config = config;
  }

  /** One alert that fired. */
  public record Alert(String rule, String level, String metric, double observed, double threshold, String message) {
  }

  /**
   * @param current  metric -> value of the as-of date
   * @param previous metric -> value of the previous as-of date (empty when there is none)
   */
  public List<Alert> evaluate(Map<String, Double> current, Map<String, Double> previous) {
    List<Alert> fired = new ArrayList<>();
    for (AlertConfig.Rule rule : config.rules()) {
      Double now = current.get(rule.metric());
      if (now == null || now.isNaN()) {
        continue;
      }
      Double before = previous.get(rule.metric());
      double observed;
      boolean fires;
      String what;
      switch (rule.kind()) {
        case ABOVE:
          observed = now;
          fires = now > rule.threshold();
          what = String.format(Locale.ROOT, "%s is %s, above %s", rule.metric(), fmt(now), fmt(rule.threshold()));
          break;
        case BELOW:
          observed = now;
          fires = now < rule.threshold();
          what = String.format(Locale.ROOT, "%s is %s, below %s", rule.metric(), fmt(now), fmt(rule.threshold()));
          break;
        case RISE:
          if (before == null || before.isNaN()) {
            continue;
          }
          observed = now - before;
          fires = observed > rule.threshold();
          what = String.format(Locale.ROOT, "%s rose by %s (from %s to %s), more than %s", rule.metric(),
              fmt(observed), fmt(before), fmt(now), fmt(rule.threshold()));
          break;
        default:
          if (before == null || before.isNaN()) {
            continue;
          }
          observed = before - now;
          fires = observed > rule.threshold();
          what = String.format(Locale.ROOT, "%s dropped by %s (from %s to %s), more than %s", rule.metric(),
              fmt(observed), fmt(before), fmt(now), fmt(rule.threshold()));
          break;
      }
      if (fires) {
        fired.add(new Alert(rule.name(), rule.level().label(), rule.metric(), observed, rule.threshold(),
            rule.level().label().toUpperCase(Locale.ROOT) + " " + rule.name() + ": " + what));
      }
    }
    return fired;
  }

  private static String fmt(double v) {
    return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", v)).stripTrailingZeros().toPlainString();
  }
}
