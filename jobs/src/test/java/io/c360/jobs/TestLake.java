package io.c360.jobs;

import com.typesafe.config.ConfigFactory;
import io.c360.core.config.C360Config;
import io.c360.core.config.ConfigReader;
import io.c360.core.testdata.SparkTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A lake in a temp folder with its own catalog database, plus helpers to write tiny source files. */
public final class TestLake {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  public final Path root;
  public final Path sources;
  public final String database;
  public final Path confFile;
  public final C360Config config;

  public TestLake(Path dir, String extraConf) {
    this(dir.resolve("lake"), dir.resolve("sources"), dir.resolve("test.conf"), extraConf);
  }

  /** A lake at {@code root} with its sources in {@code sources}, and its conf written to {@code confFile}. */
  TestLake(Path root, Path sources, Path confFile, String extraConf) {
    this.root = root;
    this.sources = sources;
    this.database = "t" + DATABASES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    String conf = "c360.lake.path = \"" + root + "\"\n"
        + "c360.lake.database = " + database + "\n"
        + "c360.input-dir = \"" + sources + "\"\n"
        + "c360.spark.shuffle-partitions = 2\n"
        + "c360.spark.master = \"local[2]\"\n"
        + extraConf;
    this.confFile = confFile;
    write(confFile, conf);
    this.config = ConfigReader.read(ConfigFactory.parseString(conf));
  }

  public TestLake(Path dir) {
    this(dir, "");
  }

  public Lake open() {
    return Lake.open(SparkTest.spark(), root, database);
  }

  public JobContext context(LocalDate asOf) {
    return new JobContext(SparkTest.spark(), open(), config, asOf, "test-" + System.nanoTime(), sources,
        Progress.silent());
  }

  /** Writes {@code sources/<source>/<file>} with the given lines. */
  public Path source(String source, String file, String... lines) {
    Path path = sources.resolve(source).resolve(file);
    write(path, String.join("\n", lines) + "\n");
    return path;
  }

  /**
   * The names (sorted) of the probes that hold at least one row, in one Spark query: a union of one row of each,
   * where a loop would run a query per probe.
   */
  public static List<String> nonEmpty(Map<String, Dataset<Row>> probes) {
    return probes.entrySet().stream()
        .map(p -> p.getValue().limit(1).select(org.apache.spark.sql.functions.lit(p.getKey()).as("name")))
        .reduce(Dataset::union).map(found -> found.collectAsList().stream().map(r -> r.getString(0)).sorted()
            .toList()).orElse(List.of());
  }

  /** Copies the folder {@code from} with everything in it to {@code to}. */
  public static void copyTree(Path from, Path to) {
    try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
      for (Path path : walk.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void write(Path path, String text) {
    try {
      Files.createDirectories(path.getParent());
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
