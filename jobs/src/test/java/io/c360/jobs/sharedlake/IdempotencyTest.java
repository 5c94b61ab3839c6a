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
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
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

  /** Row count and content checksum of every gold table and of model_registry, in one query. */
  static Map<String, TableChecksum.Result> gold(Lake lake) {
    List<TableChecksum.Input> inputs = new ArrayList<>();
    for (TableDef table : lake.existingTables()) {
      if (table.layer() == Layer.GOLD || table.equals(Tables.MODEL_REGISTRY)) {
        inputs.add(new TableChecksum.Input(table.name(), lake.read(table), TableChecksum.VOLATILE_COLUMNS));
      }
    }
    Map<String, TableChecksum.Result> out = new TreeMap<>();
    TableChecksum.of(inputs, 10).forEach(r -> out.put(r.table(), r));
    return out;
  }

  /** The tables holding a key twice, in one query. */
  private static List<String> duplicated(Lake lake) {
    Map<String, Dataset<Row>> twice = new TreeMap<>();
    for (TableDef table : lake.existingTables()) {
      if (!table.keys().isEmpty()) {
        twice.put(table.name(), lake.read(table).groupBy(table.keys().stream().map(functions::col)
            .toArray(Column[]::new)).count().where("count > 1"));
      }
    }
    return TestLake.nonEmpty(twice);
  }

  @Test
  void theSameAsOfTwiceGivesIdenticalGoldTablesAndLeavesEarlierDatesAlone() {
    TestLake test = SharedLake.copy(dir);
    Lake lake = test.open();
    Map<String, TableChecksum.Result> before = gold(lake);
    assertTrue(before.size() >= 21, "the pipeline's gold tables and model_registry: " + before.keySet());
    assertTrue(before.containsKey(Tables.MODEL_REGISTRY.name()));
    assertTrue(lake.read(Tables.CUSTOMER_360).where(col(Columns.AS_OF).equalTo(Date.valueOf(SharedLake.EARLIER)))
        .count() > 0, "the lake holds an earlier as-of date too");

    JobRunner runner = new JobRunner(test.context(SharedLake.AS_OF));
    for (Job job : Pipeline.jobs()) {
      runner.run(job);
    }

    // whole tables, so the earlier as-of date's rows are as they were too; the model registry as after the first
    // run: the re-run scores with the churn model and the recommendations' choice registered then
    assertEquals(before, gold(lake), "every gold table and the model registry as after the first run");
    assertEquals(List.of(), duplicated(lake), "tables holding a key twice");
  }
}
