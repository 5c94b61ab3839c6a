package io.c360.jobs.sharedlake;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.c360.core.catalog.Layer;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.JobRunner;
import io.c360.jobs.Lake;
import io.c360.jobs.Pipeline;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TableChecksum;
import io.c360.jobs.TestLake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault drill's worst moment in CI: a {@code c360 run segments} process is killed with SIGKILL as soon as the
 * first of its five gold tables has committed. Every table stays readable, each gold table is at its old or its new
 * version as a whole, job_runs shows the killed run still at running, and a re-run ends with the gold tables of a
 * clean run. (`scripts/fault-drill.sh` kills the whole pipeline at ten moments; this is one of them, on purpose.)
 */
@ExtendWith(SparkTest.class)
class KilledRunTest {

  /** The killed and the clean run score R/F/M on a shorter window, so their segments differ from the lake's. */
  private static final String CHANGED = "c360.segments.rfm.frequency-window-days = 180\n";

  @TempDir
  Path dir;

  @Test
  void aRunKilledAfterItsFirstGoldCommitLeavesWholeTablesAndARerunRecovers() throws Exception {
    TestLake clean = SharedLake.copy(dir.resolve("clean"), CHANGED);
    Lake cleanLake = clean.open();
    Map<String, Long> built = versions(cleanLake);
    new JobRunner(clean.context(SharedLake.AS_OF)).run(Pipeline.job("segments").orElseThrow());
    Set<String> written = changed(built, versions(cleanLake));
    Map<String, TableChecksum.Result> fresh = checksums(cleanLake, written);

    TestLake killed = SharedLake.copy(dir.resolve("killed"), CHANGED);
    Lake lake = killed.open();
    assertEquals(built, versions(lake), "two copies of one lake");
    Map<String, TableChecksum.Result> old = checksums(lake, written);
    String first = Tables.CUSTOMER_SEGMENTS.name();
    assertEquals(Stream.of(Tables.CUSTOMER_SEGMENTS, Tables.SEGMENT_HISTORY, Tables.CUSTOMER_TAGS,
        Tables.SEGMENT_MIGRATION, Tables.KPI_DAILY).map(TableDef::name).collect(Collectors.toSet()), written,
        "the gold tables segments writes");
    assertNotEquals(old.get(first), fresh.get(first), "the changed window must change the segments");

    killAfterFirstCommit(killed, lake.path(Tables.CUSTOMER_SEGMENTS).resolve("_delta_log"));

    // every table still reads, all in one query
    assertEquals(lake.existingTables().size(), lake.existingTables().stream()
        .map(t -> lake.read(t).agg(count(lit(1)))).reduce(Dataset::union).orElseThrow().collectAsList().size());
    Set<String> touched = changed(built, versions(lake));
    assertTrue(written.containsAll(touched), "only tables of segments were written: " + touched);
    // a table at its old version is whole; each written one must hold the old or the new rows, nothing between
    Map<String, TableChecksum.Result> after = checksums(lake, written);
    assertEquals(fresh.get(first), after.get(first), "the table committed before the kill");
    List<String> torn = new ArrayList<>();
    for (Map.Entry<String, TableChecksum.Result> table : after.entrySet()) {
      if (!table.getValue().equals(old.get(table.getKey())) && !table.getValue().equals(fresh.get(table.getKey()))) {
        torn.add(table.getKey());
      }
    }
    assertEquals(List.of(), torn, "gold tables neither at their old nor at their new version");
    assertEquals(1, lake.read(Tables.JOB_RUNS).where("job = 'segments' AND as_of = DATE'" + SharedLake.AS_OF
        + "' AND status = 'running' AND ended_at IS NULL").count(), "the killed run in job_runs");

    new JobRunner(killed.context(SharedLake.AS_OF)).run(Pipeline.job("segments").orElseThrow());
    assertEquals(fresh, checksums(lake, written), "after the re-run, as after a clean run");
    assertEquals(written, changed(built, versions(lake)), "and no other gold table written");
  }

  /** The Delta version of every gold table: a table whose version did not move was not written. */
  private static Map<String, Long> versions(Lake lake) {
    Map<String, Long> out = new TreeMap<>();
    for (TableDef table : lake.existingTables()) {
      if (table.layer() == Layer.GOLD) {
        out.put(table.name(), lake.delta(table).history(1).first().getLong(0));
      }
    }
    return out;
  }

  private static Set<String> changed(Map<String, Long> before, Map<String, Long> after) {
    Set<String> out = new TreeSet<>();
    after.forEach((table, version) -> {
      if (!version.equals(before.get(table))) {
        out.add(table);
      }
    });
    return out;
  }

  /** Row count and content checksum of the named tables. */
  private static Map<String, TableChecksum.Result> checksums(Lake lake, Set<String> tables) {
    List<TableChecksum.Input> inputs = lake.existingTables().stream().filter(t -> tables.contains(t.name()))
        .map(t -> new TableChecksum.Input(t.name(), lake.read(t), TableChecksum.VOLATILE_COLUMNS)).toList();
    Map<String, TableChecksum.Result> out = new TreeMap<>();
    TableChecksum.of(inputs, 10).forEach(r -> out.put(r.table(), r));
    return out;
  }

  /** Starts {@code c360 run segments} on the lake and kills it (SIGKILL) once {@code log} holds a new commit. */
  private void killAfterFirstCommit(TestLake test, Path log) throws IOException, InterruptedException {
    long commits = commits(log);
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "@" + Path.of("..", "scripts", "jvm-flags.txt").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "io.c360.jobs.cli.C360",
        "run", "segments", "--conf", test.confFile.toString(), "--as-of", SharedLake.AS_OF.toString());
    Path output = dir.resolve("killed-run.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process run = builder.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (commits(log) == commits) {
        if (!run.isAlive() || System.nanoTime() > deadline) {
          fail("the run ended or stalled before its first commit (exit " + (run.isAlive() ? "none" : run.exitValue())
              + "): " + Files.readString(output, StandardCharsets.UTF_8));
        }
        Thread.sleep(5);
      }
    } finally {
      run.destroyForcibly();
      run.waitFor();
    }
  }

  private static long commits(Path log) throws IOException {
    try (Stream<Path> files = Files.list(log)) {
      return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
    }
  }
}
