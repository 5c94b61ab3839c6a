package io.c360.core.metrics;

import java.util.List;

/**
 * Where model metrics are kept (model_metrics), as Deequ's {@code MetricsRepository}: the jobs save their metrics
 * through it and read them back by model and as-of date, instead of building and parsing rows. {@code
 * LakeModelStore} (jobs) keeps them in the lake's Delta table; {@link InMemoryMetricsRepository} in memory.
 */
public interface MetricsRepository {

  /**
   * Replaces the rows in {@code scope} with {@code metrics} in one write: re-saving the same date never duplicates.
   *
   * @throws IllegalArgumentException when a metric lies outside the scope
   */
  void save(ModelScope scope, List<ModelMetric> metrics);

  /** The metrics in {@code scope}, in no particular order. */
  List<ModelMetric> load(ModelScope scope);
}
