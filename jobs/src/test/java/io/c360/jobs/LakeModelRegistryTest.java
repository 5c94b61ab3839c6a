package io.c360.jobs;

import io.c360.core.metrics.ModelRegistry;
import io.c360.core.metrics.ModelRegistryContract;
import io.c360.core.testdata.SparkTest;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The contract of every model registry, on a Delta model_registry table in a new lake per test. */
@ExtendWith(SparkTest.class)
class LakeModelRegistryTest extends ModelRegistryContract {

  @TempDir
  Path dir;

  @Override
  protected ModelRegistry registry() {
    return new LakeModelStore(new TestLake(dir).open());
  }
}
