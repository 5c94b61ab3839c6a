package io.c360.core.metrics;

class InMemoryModelRegistryTest extends ModelRegistryContract {

  @Override
  protected ModelRegistry registry() {
    return new InMemoryModelRegistry();
  }
}
