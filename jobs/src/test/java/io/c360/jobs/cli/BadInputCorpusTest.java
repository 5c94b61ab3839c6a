package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.Lake;
import io.c360.jobs.TestLake;
import io.c360.jobs.ingest.IngestJob;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input}, one folder per class of bad input): each case's exit
 * code, one-line message and bronze and quarantine counts as its {@code case.conf} expects, and nothing lost (rows
 * read = bronze + quarantine for every source). The cases that end in an error and two that do not run through
 * {@code c360 run ingest} as a user would; the others through the ingest job's check ({@link IngestJob#check}), the
 * same reading and checking without the writes. Then a bounded fuzz of the CSV path: random mutations of a valid
 * orders file always end with a documented exit code, and never let a stack trace reach the user.
 */
@ExtendWith(SparkTest.class)
class BadInputCorpusTest {

  private static final String AS_OF = "2025-12-31";
  private static final int FUZZ_RUNS = Integer.getInteger("c360.test.fuzz-runs", 12);
  /** Cases that end well and still go through the CLI and the lake. */
  private static final Set<String> THROUGH_THE_CLI = Set.of("04-quoted-newlines", "10-type-garbage");
  /** Fuzz runs through the CLI; the others through the check. */
  private static final int FUZZ_THROUGH_THE_CLI = 2;

  @TempDir
  Path dir;

  private static Path corpus() throws URISyntaxException {
    return Path.of(BadInputCorpusTest.class.getResource("/bad-input").toURI());
  }

  @TestFactory
  Stream<DynamicTest> everyCaseEndsAsExpectedAndLosesNothing() throws Exception {
    List<Path> cases;
    try (Stream<Path> list = Files.list(corpus())) {
      cases = list.filter(Files::isDirectory).sorted().toList();
    }
    assertTrue(cases.size() >= 20, "at least 20 classes of bad input: " + cases.size());
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> check(c)));
  }

  private void check(Path dirOfCase) throws IOException {
    Config spec = ConfigFactory.parseFile(dirOfCase.resolve("case.conf").toFile());
    Config expect = spec.getConfig("expect");
    String name = dirOfCase.getFileName().toString();
    String conf = spec.hasPath("conf") ? spec.getString("conf") + "\n" : "";
    if (expect.getInt("exit") != ExitCodes.OK || THROUGH_THE_CLI.contains(name)) {
      throughTheCli(name, dirOfCase, conf, expect);
      return;
    }
    TestLake test = new TestLake(dir.resolve(name), conf);
    TestLake.copyTree(dirOfCase.resolve("sources"), test.sources);
    List<IngestJob.Checked> batches = new IngestJob().check(test.context(LocalDate.parse(AS_OF)));
    try {
      Map<String, Long> bronze = new TreeMap<>();
      Map<String, Map<String, Long>> quarantined = new TreeMap<>();
      for (IngestJob.Checked batch : batches) {
        batch.bronze().forEach((table, rows) -> bronze.merge(table.id(), rows.count(), Long::sum));
        count(batch.quarantine(), quarantined);
      }
      assertRows(name, expect, bronze, quarantined);
    } finally {
      batches.forEach(IngestJob.Checked::close);
    }
  }

  private void throughTheCli(String name, Path dirOfCase, String conf, Config expect) throws IOException {
    TestLake test = new TestLake(dir.resolve(name));
    // appended to the file the CLI reads, unchecked: a case's conf may itself be the bad input
    Files.writeString(test.confFile, conf, StandardOpenOption.APPEND);
    TestLake.copyTree(dirOfCase.resolve("sources"), test.sources);

    CliRun run = CliRun.of("run", "ingest", "--as-of", AS_OF, "--conf", test.confFile.toString());
    assertNoStackTrace(run);
    assertEquals(expect.getInt("exit"), run.code(), name + ": " + run.err());
    Lake lake = test.open();
    if (run.code() != 0) {
      List<String> lines = run.err().lines().toList();
      assertEquals(1, lines.size(), name + ": one line: " + run.err());
      assertTrue(lines.get(0).startsWith("c360: "), lines.get(0));
      assertTrue(lines.get(0).contains(expect.getString("message")), name + ": " + lines.get(0));
      assertFalse(lake.exists(Tables.bronze(Source.ORDERS)), name + ": nothing published");
      return;
    }
    Map<String, Long> bronze = new TreeMap<>();
    for (Source source : Source.values()) {
      if (lake.exists(Tables.bronze(source))) {
        bronze.put(source.id(), lake.read(Tables.bronze(source)).count());
      }
    }
    Map<String, Map<String, Long>> quarantined = new TreeMap<>();
    if (lake.exists(Tables.QUARANTINE)) {
      count(lake.read(Tables.QUARANTINE), quarantined);
    }
    assertRows(name, expect, bronze, quarantined);
  }

  /** The case's bronze rows and quarantine reasons per source, and rows read = bronze + quarantine. */
  private static void assertRows(String name, Config expect, Map<String, Long> bronze,
                                 Map<String, Map<String, Long>> quarantined) {
    Config rows = expect.getConfig("rows");
    for (String source : rows.root().keySet()) {
      long kept = bronze.getOrDefault(source, 0L);
      Map<String, Long> reasons = quarantined.getOrDefault(source, Map.of());
      long rejected = reasons.values().stream().mapToLong(Long::longValue).sum();
      assertEquals(rows.getLong(source), kept + rejected, name + ": " + source + " read = bronze + quarantine");
      assertEquals(expect.getConfig("bronze").getLong(source), kept, name + ": " + source + " bronze rows");
      Map<String, Long> expected = new TreeMap<>();
      String key = "quarantine." + source;
      if (expect.hasPath(key)) {
        expect.getConfig(key).root().keySet().forEach(r -> expected.put(r, expect.getConfig(key).getLong(r)));
      }
      assertEquals(expected, new TreeMap<>(reasons), name + ": " + source + " quarantine reasons");
    }
    assertTrue(rows.root().keySet().containsAll(quarantined.keySet()), name + ": rows rejected in another source: "
        + quarantined);
  }

  /** Adds the quarantined rows per source and reason code. */
  private static void count(Dataset<Row> quarantine, Map<String, Map<String, Long>> out) {
    for (Row r : quarantine.groupBy("source", "reason_code").count().collectAsList()) {
      out.computeIfAbsent(r.getString(0), s -> new TreeMap<>()).merge(r.getString(1), r.getLong(2), Long::sum);
    }
  }

  private static void assertNoStackTrace(CliRun run) {
    String all = run.out() + run.err();
    assertFalse(all.contains("\tat ") || all.contains("Exception"), "a stack trace reached the user: " + all);
  }

  @Test
  void fuzzedOrdersFilesEndWithADocumentedExitCodeAndNoStackTrace() throws Exception {
    byte[] valid = Files.readAllBytes(corpus().resolve("04-quoted-newlines/sources/orders/orders.csv"));
    SplittableRandom random = new SplittableRandom(20261123L);
    Map<Integer, Integer> codes = new TreeMap<>();
    for (int i = 0; i < FUZZ_RUNS; i++) {
      byte[] mutated = mutate(valid, random);
      TestLake test = new TestLake(dir.resolve("fuzz-" + i));
      Files.createDirectories(test.sources.resolve("orders"));
      Files.write(test.sources.resolve("orders/orders.csv"), mutated);
      int code = i < FUZZ_THROUGH_THE_CLI ? fuzzThroughTheCli(test, i) : fuzzThroughTheCheck(test, i);
      codes.merge(code, 1, Integer::sum);
    }
    assertEquals(FUZZ_RUNS, codes.values().stream().mapToInt(Integer::intValue).sum(), codes.toString());
  }

  private static int fuzzThroughTheCli(TestLake test, int i) {
    CliRun run = CliRun.of("run", "ingest", "--as-of", AS_OF, "--conf", test.confFile.toString());
    assertNoStackTrace(run);
    assertTrue(run.code() == ExitCodes.OK || run.code() == ExitCodes.USAGE, "run " + i + ": exit " + run.code()
        + ": " + run.err());
    if (run.code() == ExitCodes.OK) {
      Lake lake = test.open();
      Row batch = lake.read(Tables.INGEST_BATCHES).where("source = 'orders'").first();
      assertEquals(batch.<Long>getAs("rows_in"), batch.<Long>getAs("rows_bronze")
          + batch.<Long>getAs("rows_quarantined"), "run " + i + ": nothing lost");
      long bronze = lake.exists(Tables.bronze(Source.ORDERS)) ? lake.read(Tables.bronze(Source.ORDERS)).count() : 0;
      assertEquals(batch.<Long>getAs("rows_bronze"), bronze, "run " + i);
    } else {
      assertEquals(1, run.err().lines().count(), "run " + i + ": one line: " + run.err());
    }
    return run.code();
  }

  /**
   * The check, its rows read to the end: every row read is in bronze or quarantine, or the failure is one the CLI
   * reports as a usage or input error (one line, exit 2), not as a failed job.
   */
  private static int fuzzThroughTheCheck(TestLake test, int i) {
    List<IngestJob.Checked> batches = List.of();
    try {
      batches = new IngestJob().check(test.context(LocalDate.parse(AS_OF)));
      for (IngestJob.Checked batch : batches) {
        long read = batch.read().count();
        long bronze = batch.bronze().get(Source.ORDERS).count();
        assertEquals(read, bronze + batch.quarantine().count(), "run " + i + ": nothing lost");
      }
      return ExitCodes.OK;
    } catch (RuntimeException e) {
      int code = C360.exitCode(e);
      assertEquals(ExitCodes.USAGE, code, "run " + i + ": " + e);
      return code;
    } finally {
      batches.forEach(IngestJob.Checked::close);
    }
  }

  /** One to four random edits: a flipped byte, a deleted or inserted delimiter, quote or newline, a cut. */
  private static byte[] mutate(byte[] valid, SplittableRandom random) {
    byte[] bytes = valid.clone();
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && bytes.length > 1; e++) {
      int at = random.nextInt(bytes.length);
      switch (random.nextInt(5)) {
        case 0 -> bytes[at] = (byte) random.nextInt(256);
        case 1 -> bytes = splice(bytes, at, 1, new byte[0]);
        case 2 -> bytes = splice(bytes, at, 0, new byte[] {",\"\n;".getBytes()[random.nextInt(4)]});
        case 3 -> bytes = splice(bytes, at, 0, new byte[] {(byte) 0xC3, (byte) 0x28});
        default -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
      }
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
    byte[] out = new byte[bytes.length - remove + insert.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
    return out;
  }
}
