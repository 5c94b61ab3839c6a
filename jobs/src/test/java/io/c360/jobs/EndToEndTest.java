package io.c360.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.generate.GenerateSummary;
import io.c360.jobs.generate.GeneratorOptions;
import io.c360.jobs.generate.SampleGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Generated sources with 1% dirty rows through the whole pipeline: nothing is lost, dirt is quarantined. */
@ExtendWith(SparkTest.class)
class EndToEndTest {

  @TempDir
  Path dir;

  @Test
  void everyGeneratedRowIsInBronzeOrQuarantine() throws Exception {
    TestLake test = new TestLake(dir);
    GeneratorOptions base = GeneratorOptions.defaults(300, 11, test.sources);
    GenerateSummary summary = SampleGenerator.generate(new GeneratorOptions(base.customers(), base.seed(),
        base.out(), 0.01, base.start(), base.end(), null, base.holdoutDays()));
    JobContext context = test.context(LocalDate.parse("2025-12-31"));
    Pipeline.run(context);

    Lake lake = context.lake();
    Map<String, Long> quarantined = new HashMap<>();
    for (Row row : lake.read(Tables.QUARANTINE).groupBy("source").count().collectAsList()) {
      quarantined.put(row.getString(0), row.getLong(1));
    }
    long totalQuarantined = 0;
    for (Source source : Source.values()) {
      long input = summary.rowsPerSource().get(source.id());
      long bronze = lake.read(Tables.bronze(source)).count();
      long rejected = quarantined.getOrDefault(source.id(), 0L);
      assertEquals(input, bronze + rejected, source.id() + ": input = bronze + quarantine");
      totalQuarantined += rejected;
    }
    assertTrue(totalQuarantined > 0.004 * summary.totalRows(), "dirty rows are quarantined: " + totalQuarantined);
    assertTrue(totalQuarantined <= summary.dirtyRows(), "only dirty rows are quarantined: " + totalQuarantined);
    assertEquals("succeeded", lake.read(Tables.JOB_RUNS).where("job = 'gate'").first().getAs("status"));
  }
}
