package io.c360.jobs.cli;

import io.c360.core.config.C360Config;
import io.c360.core.sql.SqlGuardExtension;
import io.c360.jobs.C360Session;
import io.c360.jobs.Lake;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;

/** A command's open lake: typed config, Spark session and the registered tables. Closing stops Spark. */
final class Workspace implements AutoCloseable {

  final C360Config config;
  final SparkSession spark;
  final Lake lake;
  private final boolean ownsSession;

  private Workspace(C360Config config, SparkSession spark, Lake lake, boolean ownsSession) {
    this.config = config;
    this.spark = spark;
    this.lake = lake;
    this.ownsSession = ownsSession;
  }

  /**
   * @param readOnly when true, the session refuses every statement that is not a query once the lake's tables
   *                 are registered
   */
  static Workspace open(CommonOptions options, boolean readOnly) {
    C360Config config = ConfigFiles.load(options);
    Configurator.setRootLevel(options.verbose ? Level.INFO : Level.WARN);
    Path root = Path.of(config.lake().path()).toAbsolutePath().normalize();
    boolean ownsSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = C360Session.open(config, root);
    spark.conf().set(SqlGuardExtension.READ_ONLY, "false");
    Lake lake = Lake.open(spark, root, config.lake().database());
    spark.conf().set(SqlGuardExtension.READ_ONLY, String.valueOf(readOnly));
    return new Workspace(config, spark, lake, ownsSession);
  }

  /** Stops Spark unless the session was there before (an embedding process or a test owns it). */
  @Override
  public void close() {
    spark.conf().set(SqlGuardExtension.READ_ONLY, "false");
    if (ownsSession) {
      spark.stop();
    }
  }
}
