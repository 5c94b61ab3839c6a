package io.c360.core.metrics;

class InMemoryMetricsRepositoryTest extends MetricsRepositoryContract {

  @Override
  protected MetricsRepository repository() {
    return new InMemoryMetricsRepository();
  }
}
