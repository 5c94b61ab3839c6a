package io.c360.core.metrics;

import java.util.ArrayList;
import java.util.List;

/** A {@link MetricsRepository} in memory, for tests and for runs that keep nothing. */
public final class InMemoryMetricsRepository implements MetricsRepository {

  private final List<ModelMetric> rows = new ArrayList<>();

  @Override
  public synchronized void save(ModelScope scope, List<ModelMetric> metrics) {
    scope.check(metrics);
    rows.removeIf(scope::holds);
    rows.addAll(metrics);
  }

  @Override
  public synchronized List<ModelMetric> load(ModelScope scope) {
    return rows.stream().filter(scope::holds).toList();
  }
}
