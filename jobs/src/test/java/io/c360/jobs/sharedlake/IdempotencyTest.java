package io.c360.jobs.sharedlake;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Layer;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.Job;
import io.c360.jobs.JobRunner;
import io.c360.jobs.Lake;
import io.c360.jobs.Pipeline;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TableChecksum;
import io.c360.jobs.TestLake;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Re-running every job of the shared generated lake's latest as-of date: every gold table's content is identical
 * (row counts and checksums of whole tables, so the earlier as-of date's rows are untouched too), and no table holds
 * a duplicate key.
 */
@ExtendWith(SparkTest.class)
class IdempotencyTest {

  @TempDir
  Path dir;

  /** Row count and content checksum of every gold table. */
  static Map<String, TableChecksum.Result> gold(Lake lake) {
    Map<String, TableChecksum.Result> out = new TreeMap<>();
    for (TableDef table : lake.existingTables()) {
      if (table.layer() == Layer.GOLD) {
        out.put(table.name(), TableChecksum.of(table.name(), lake.read(table), TableChecksum.VOLATILE_COLUMNS, 10));
      }
    }
    return out;
  }

  private static TableChecksum.Result registry(Lake lake) {
    return TableChecksum.of(Tables.MODEL_REGISTRY.name(), lake.read(Tables.MODEL_REGISTRY),
        TableChecksum.VOLATILE_COLUMNS, 10);
  }

  @Test
  void theSameAsOfTwiceGivesIdenticalGoldTablesAndLeavesEarlierDatesAlone() {
    TestLake test = SharedLake.copy(dir);
    Lake lake = test.open();
    Map<String, TableChecksum.Result> before = gold(lake);
    assertTrue(before.size() >= 20, "the pipeline's gold tables: " + before.keySet());
    assertTrue(lake.read(Tables.CUSTOMER_360).where(col(Columns.AS_OF).equalTo(Date.valueOf(SharedLake.EARLIER)))
        .count() > 0, "the lake holds an earlier as-of date too");
    TableChecksum.Result registry = registry(lake);

    JobRunner runner = new JobRunner(test.context(SharedLake.AS_OF));
    for (Job job : Pipeline.jobs()) {
      runner.run(job);
    }

    // whole tables, so the earlier as-of date's rows are as they were too
    assertEquals(before, gold(lake), "every gold table as after the first run");
    assertEquals(registry, registry(lake), "the model registry as after the first run: the re-run scores with the "
        + "churn model and the recommendations' choice registered then");
    List<String> duplicated = new ArrayList<>();
    for (TableDef table : lake.existingTables()) {
      if (!table.keys().isEmpty() && lake.read(table).groupBy(table.keys().stream()
          .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).count()
          .where("count > 1").limit(1).count() > 0) {
        duplicated.add(table.name());
      }
    }
    assertEquals(List.of(), duplicated, "tables holding a key twice");
  }
}
