package io.c360.core.config;

import io.c360.core.quality.Level;
import java.util.List;

/** KPI alert rules ({@code c360.alerts.rules}). */
public record AlertConfig(List<Rule> rules) {

  public AlertConfig {
    rules = List.copyOf(rules);
    if (rules.stream().map(Rule::name).distinct().count() != rules.size()) {
      throw new ConfigException("c360.alerts.rules: rule names must be unique");
    }
  }

  /** How a rule compares: the value itself (above/below) or its change from the previous as-of date (rise/drop). */
  public enum Kind {
    ABOVE, BELOW, RISE, DROP;

    static Kind parse(String value) {
      for (Kind k : values()) {
        if (k.name().equalsIgnoreCase(value)) {
          return k;
        }
      }
      throw new ConfigException("c360.alerts.rules: kind must be above, below, rise or drop, got '" + value + "'");
    }
  }

  /**
   * @param name      rule name, e.g. complaint_rate_high
   * @param metric    a kpi_daily or service_kpis column, or dq_errors (failed Error-level checks of the date)
   * @param kind      above / below: the value against the threshold; rise / drop: the change since the previous
   *                  as-of date with figures against the threshold
   * @param threshold the limit (strictly exceeded to fire)
   * @param level     error (c360 alerts exits 4) or warning
   */
  public record Rule(String name, String metric, Kind kind, double threshold, Level level) {
    public Rule {
      if (name == null || name.isBlank() || metric == null || metric.isBlank()) {
        throw new ConfigException("c360.alerts.rules: every rule needs a name and a metric");
      }
    }

    public static Rule of(String name, String metric, String kind, double threshold, Level level) {
      return new Rule(name, metric, Kind.parse(kind), threshold, level);
    }
  }
}
