package io.c360.core.metrics;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Which rows of model_metrics or model_registry a save replaces: one as-of date's rows of the models matching
 * {@code models} (a model name, or a SQL LIKE pattern such as {@code recs_%}); in model_metrics, of the named metrics
 * only when {@code metrics} is not empty.
 */
public record ModelScope(String models, LocalDate asOf, Set<String> metrics) {

  public ModelScope {
    metrics = Set.copyOf(metrics);
  }

  public static ModelScope of(String models, LocalDate asOf) {
    return new ModelScope(models, asOf, Set.of());
  }

  /** This scope narrowed to the named metrics. */
  public ModelScope only(String... names) {
    return new ModelScope(models, asOf, Set.of(names));
  }

  /** Whether the scope holds the metric. */
  public boolean holds(ModelMetric m) {
    return holds(m.model(), m.asOf()) && (metrics.isEmpty() || metrics.contains(m.metric()));
  }

  /** Whether the scope holds a model's rows of a date (whatever the metric). */
  public boolean holds(String model, LocalDate date) {
    return date.equals(asOf) && like(models, model);
  }

  /** Throws when a metric lies outside the scope: a save must not write rows it does not replace. */
  public void check(List<ModelMetric> saved) {
    saved.stream().filter(m -> !holds(m)).findFirst().ifPresent(m -> {
      throw new IllegalArgumentException(m.model() + " " + m.metric() + " of " + m.asOf() + " is outside " + this);
    });
  }

  /** The scope as a Spark SQL condition on the table's model, as_of and (in model_metrics) metric columns. */
  public String predicate() {
    String named = metrics.isEmpty() ? "" : metrics.stream().sorted().map(ModelScope::literal)
        .collect(java.util.stream.Collectors.joining(", ", " AND metric IN (", ")"));
    return "model LIKE " + literal(models) + " AND as_of = DATE'" + asOf + "'" + named;
  }

  private static String literal(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** SQL LIKE: {@code %} any run of characters, {@code _} any one character. */
  static boolean like(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '%' ? ".*" : c == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
    }
    return value.matches(regex.toString());
  }
}
