package io.c360.jobs;

import io.c360.core.metrics.MetricsRepository;
import io.c360.core.metrics.MetricsRepositoryContract;
import io.c360.core.testdata.SparkTest;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The contract of every metrics repository, on a Delta model_metrics table in a new lake per test. */
@ExtendWith(SparkTest.class)
class LakeMetricsRepositoryTest extends MetricsRepositoryContract {

  @TempDir
  Path dir;

  @Override
  protected MetricsRepository repository() {
    return new LakeModelStore(new TestLake(dir).open());
  }
}
