package io.c360.jobs;

import io.c360.core.config.C360Config;
import io.c360.core.metrics.MetricsRepository;
import io.c360.core.metrics.ModelRegistry;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** Everything a job run needs: session, lake, typed config, as-of date, the run's id and where sources are. */
public record JobContext(SparkSession spark, Lake lake, C360Config config, LocalDate asOf, String runId,
                         Path inputDir, Progress progress) {

  /** The lake's model metrics. */
  public MetricsRepository metrics() {
    return new LakeModelStore(lake);
  }

  /** The lake's registered models. */
  public ModelRegistry models() {
    return new LakeModelStore(lake);
  }
}
