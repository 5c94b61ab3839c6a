package io.c360.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Builds the {@link SharedLake} and checks that every job of the build succeeded. Surefire runs the classes of this
 * module in alphabetical order: this class comes first, so one test JVM builds the lake while the other runs the
 * classes that need none (the packages before {@code sharedlake}); the classes that read the lake sort after them.
 */
@ExtendWith({SparkTest.class, SharedLake.Unchanged.class})
class BuildSharedLakeTest {

  @Test
  void everyJobOfTheBuildSucceeded() {
    Map<String, List<String>> statuses = new TreeMap<>();
    for (Row row : SharedLake.readOnly().open().read(Tables.JOB_RUNS).orderBy("as_of", "started_at")
        .selectExpr("cast(as_of AS string)", "concat(job, ' ', status)").collectAsList()) {
      statuses.computeIfAbsent(row.getString(0), d -> new ArrayList<>()).add(row.getString(1));
    }
    assertEquals(Map.of(
        SharedLake.EARLIER.toString(), List.of("identity succeeded", "customer_360 succeeded", "segments succeeded",
            "recommendations succeeded"),
        SharedLake.AS_OF.toString(), Pipeline.names().stream().map(job -> job + " succeeded").toList()), statuses);
  }
}
