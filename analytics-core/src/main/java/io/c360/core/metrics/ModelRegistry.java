package io.c360.core.metrics;

import java.util.List;

/**
 * Where fitted model versions are registered (model_registry): the jobs register a version through it and find the
 * versions to score with by model, instead of building rows and parsing them back. {@code LakeModelStore} (jobs)
 * keeps them in the lake's Delta table; {@link InMemoryModelRegistry} in memory.
 */
public interface ModelRegistry {

  /**
   * Replaces the models in {@code scope} (its as-of date's rows of the models it matches) with {@code models} in one
   * write: registering the same date again never duplicates.
   *
   * @throws IllegalArgumentException when a model lies outside the scope
   */
  void register(ModelScope scope, List<RegisteredModel> models);

  /** Every registered version of the model, oldest as-of date first. */
  List<RegisteredModel> versions(String model);

  /** Throws when a model lies outside the scope. */
  static void check(ModelScope scope, List<RegisteredModel> models) {
    models.stream().filter(m -> !scope.holds(m.model(), m.asOf())).findFirst().ifPresent(m -> {
      throw new IllegalArgumentException(m.model() + " " + m.version() + " of " + m.asOf() + " is outside " + scope);
    });
  }
}
