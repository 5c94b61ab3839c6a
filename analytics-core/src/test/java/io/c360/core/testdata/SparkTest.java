package io.c360.core.testdata;

import io.c360.core.sql.SqlGuardExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Database;
import org.apache.spark.sql.delta.DeltaLog;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import scala.collection.JavaConverters;

/**
 * One local SparkSession per test JVM, configured like c360's own (Delta, the SQL guard, UTC) but small:
 * two threads, two shuffle partitions, no UI. Use with {@code @ExtendWith(SparkTest.class)} and take the
 * session as a test or lifecycle method parameter.
 *
 * <p>A JVM that runs many test classes calls {@link #cleanUp()} after each (see {@link SparkCleanup}).
 */
public final class SparkTest implements BeforeAllCallback, ParameterResolver {

  private static SparkSession session;
  private static Path warehouse;
  private static Map<String, String> initialConf;
  private static final Set<String> KEPT_DATABASES = ConcurrentHashMap.newKeySet();

  public static synchronized SparkSession spark() {
    if (session != null && session.sparkContext().isStopped()) {
      session = null;
    }
    if (session == null) {
      if (warehouse == null) {
        try {
          warehouse = Files.createTempDirectory("c360-test-warehouse");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        Path folder = warehouse;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
      }
      session = SparkSession.builder()
          .master("local[2]")
          .appName("c360-tests")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.ui.enabled", "false")
          .config("spark.ui.showConsoleProgress", "false")
          .config("spark.sql.ui.retainedExecutions", "20")
          .config("spark.ui.retainedJobs", "50")
          .config("spark.ui.retainedStages", "50")
          .config("spark.cleaner.periodicGC.interval", "1min")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.sql.session.timeZone", "UTC")
          .config("spark.sql.ansi.enabled", "false")
          .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          // as C360Session: one test JVM runs the same jobs many times; their compiled classes stay cached
          .config("spark.sql.codegen.cache.maxEntries", "1000")
          .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
          .config("spark.sql.extensions",
              "io.delta.sql.DeltaSparkSessionExtension," + SqlGuardExtension.class.getName())
          .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
          .getOrCreate();
      initialConf = Map.copyOf(JavaConverters.mapAsJavaMap(session.conf().getAll()));
    }
    return session;
  }

  /** Keeps a catalog database from class to class ({@link #cleanUp()} drops the others). */
  public static void keepDatabase(String name) {
    KEPT_DATABASES.add(name);
  }

  /**
   * Leaves the session as {@link #spark()} made it, for the next test class of the JVM: frees cached and checkpointed
   * blocks and Delta's table cache, drops every catalog database but {@code default} and the kept ones (the tests'
   * tables are external: their files stay), and restores the SQL conf that commands run in the tests changed (role,
   * read-only guard, shuffle partitions).
   */
  public static synchronized void cleanUp() {
    if (session == null || session.sparkContext().isStopped()) {
      session = null;
      return;
    }
    for (RDD<?> rdd : JavaConverters.mapAsJavaMap(session.sparkContext().getPersistentRDDs()).values()) {
      rdd.unpersist(false);
    }
    session.catalog().clearCache();
    DeltaLog.clearCache();
    Map<String, String> now = JavaConverters.mapAsJavaMap(session.conf().getAll());
    for (Map.Entry<String, String> e : now.entrySet()) {
      String initial = initialConf.get(e.getKey());
      if (!e.getValue().equals(initial) && session.conf().isModifiable(e.getKey())) {
        if (initial == null) {
          session.conf().unset(e.getKey());
        } else {
          session.conf().set(e.getKey(), initial);
        }
      }
    }
    for (Database database : session.catalog().listDatabases().collectAsList()) {
      if (!"default".equals(database.name()) && !KEPT_DATABASES.contains(database.name())) {
        session.sql("DROP DATABASE IF EXISTS `" + database.name() + "` CASCADE");
      }
    }
    session.catalog().setCurrentDatabase("default");
  }

  /** Removes the test JVM's warehouse folder when it exits (best effort: a file still open stays). */
  private static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // nothing to clean up, or already gone
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    spark();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return spark();
  }
}
