package io.c360.core.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link ModelRegistry} in memory, for tests and for runs that keep nothing. */
public final class InMemoryModelRegistry implements ModelRegistry {

  private final List<RegisteredModel> rows = new ArrayList<>();

  @Override
  public synchronized void register(ModelScope scope, List<RegisteredModel> models) {
    ModelRegistry.check(scope, models);
    rows.removeIf(m -> scope.holds(m.model(), m.asOf()));
    rows.addAll(models);
  }

  @Override
  public synchronized List<RegisteredModel> versions(String model) {
    return rows.stream().filter(m -> m.model().equals(model)).sorted(Comparator.comparing(RegisteredModel::asOf))
        .toList();
  }
}
