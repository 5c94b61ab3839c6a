package io.c360.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
import io.c360.jobs.generate.GeneratorOptions;
import io.c360.jobs.generate.SampleGenerator;
import io.c360.jobs.generate.TruthEvaluation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The generated lake most job tests read, built once per test run and shared by every test JVM of it: 300 customers
 * (seed 11, 1% dirty rows) ingested as of {@link #AS_OF}, identity, customer_360, segments and recommendations as of
 * {@link #EARLIER}, then every later job as of {@link #AS_OF}, scored against the generator's truth
 * ({@link TruthEvaluation}). A class that changes it works on its own copy, so it
 * may re-run jobs, erase customers or change tables without touching another's; a class that only reads it opens it
 * in place ({@link #readOnly()}).
 *
 * <p>The build lives in the folder named by the system property {@value #PROPERTY} (the pom gives every Maven run a
 * new one, so a lake built by older code is never reused); forks wait for each other on a file lock. Without the
 * property (a test started from an IDE) each JVM builds its own.
 */
public final class SharedLake {

  public static final LocalDate EARLIER = LocalDate.parse("2025-11-30");
  public static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  public static final int CUSTOMERS = 300;
  public static final long SEED = 11;
  public static final double DIRTY_RATE = 0.01;

  /**
   * 300 people share the generator's three counter phones with few orders each: a low guest-order limit keeps them
   * apart. Churn, recommendations and the ticket classifier train small models, and the recommendations' choice of
   * {@link #EARLIER} serves {@link #AS_OF} (reevaluate-days 60: one offline evaluation per build); ingest writes two
   * sources at a time; the test user may use the admin role.
   */
  public static final String CONF = "c360.identity.max-guest-orders-per-phone = 3\n"
      + "c360.ingest.parallel-sources = 2\n"
      + "c360.service.classifier { num-features = 4096, max-iter = 30 }\n"
      + "c360.security.admins = [\"" + System.getProperty("user.name") + "\"]\n"
      + "c360.churn { horizon-days = 60, step-days = 30, training-dates = 5, rounds = 30, early-stopping-rounds = 5,"
      + " risk-bands { mode = top-percent, high = 20, medium = 50 } }\n"
      + "c360.recommendations { als { ranks = [4], alphas = [10.0], max-iter = 3 }, blend.candidates-per-source = 15,"
      + " ranker { trees = 10, depth = 3 }, reevaluate-days = 60 }\n";

  static final String PROPERTY = "c360.test.shared-lake";
  private static final List<String> EARLIER_JOBS = List.of("identity", "customer_360", "segments", "recommendations");
  private static Path built;
  private static TestLake readOnly;

  private SharedLake() {
  }

  /** A copy of the shared lake and its sources in {@code dir}, with its own catalog database. */
  public static TestLake copy(Path dir) {
    return copy(dir, "");
  }

  /** As {@link #copy(Path)}, with configuration added after {@link #CONF} (later keys win). */
  public static TestLake copy(Path dir, String extraConf) {
    Path source = build();
    TestLake test = new TestLake(dir, CONF + extraConf);
    TestLake.copyTree(source.resolve("lake"), test.root);
    TestLake.copyTree(source.resolve("sources"), test.sources);
    return test;
  }

  /**
   * The shared lake itself, not a copy, for classes that only read it: one catalog database per test JVM, kept from
   * class to class. A class using it also extends with {@link Unchanged}, which fails it if the lake changed.
   */
  public static synchronized TestLake readOnly() {
    if (readOnly == null) {
      Path built = build();
      try {
        Path confDir = Files.createTempDirectory("c360-shared-lake-conf");
        readOnly = new TestLake(built.resolve("lake"), built.resolve("sources"), confDir.resolve("test.conf"), CONF);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      SparkTest.keepDatabase(readOnly.database);
    }
    return readOnly;
  }

  /** Fails a class after which the shared lake's files are not those of the build (count and bytes). */
  public static final class Unchanged implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
      Path built = build();
      assertEquals(Files.readString(built.getParent().resolve("built")), fingerprint(built),
          context.getDisplayName() + " changed the shared lake: it must copy it (SharedLake.copy) to change it");
    }
  }

  /** Files and bytes under the folder. */
  private static String fingerprint(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      List<Path> files = walk.filter(Files::isRegularFile).toList();
      long bytes = 0;
      for (Path file : files) {
        bytes += Files.size(file);
      }
      return files.size() + " files, " + bytes + " bytes";
    }
  }

  private static synchronized Path build() {
    if (built != null) {
      return built;
    }
    try {
      String shared = System.getProperty(PROPERTY);
      Path home = shared != null ? Path.of(shared) : Files.createTempDirectory("c360-shared-lake");
      Files.createDirectories(home);
      Path done = home.resolve("built");
      try (FileChannel channel = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
        if (!Files.exists(done)) {
          removeOlderRuns(home);
          Path work = home.resolve("work");
          delete(work);
          generateAndRun(work);
          Files.move(work, home.resolve("lake-and-sources"), StandardCopyOption.ATOMIC_MOVE);
          Files.writeString(done, fingerprint(home.resolve("lake-and-sources")));
        }
      }
      built = home.resolve("lake-and-sources");
      return built;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void generateAndRun(Path work) throws IOException {
    TestLake test = new TestLake(work, CONF);
    SampleGenerator.generate(GeneratorOptions.defaults(CUSTOMERS, SEED, test.sources).withDirtyRate(DIRTY_RATE));
    JobRunner latest = new JobRunner(test.context(AS_OF));
    latest.run(Pipeline.job("ingest").orElseThrow());
    latest.run(Pipeline.job("gate").orElseThrow());
    JobRunner earlier = new JobRunner(test.context(EARLIER));
    for (String job : EARLIER_JOBS) {
      earlier.run(Pipeline.job(job).orElseThrow());
    }
    for (Job job : Pipeline.jobs().subList(2, Pipeline.jobs().size())) {
      latest.run(job);
    }
    TruthEvaluation.run(test.open(), test.sources, AS_OF, Progress.silent());
  }

  /** Builds of earlier Maven runs, next to this run's folder. */
  private static void removeOlderRuns(Path home) throws IOException {
    if (home.getParent() == null || System.getProperty(PROPERTY) == null) {
      return;
    }
    try (Stream<Path> runs = Files.list(home.getParent())) {
      for (Path run : runs.filter(p -> !p.equals(home)).toList()) {
        delete(run);
      }
    }
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
