package io.c360.jobs.cli;

import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.C360Config;
import io.c360.core.sql.AccessPolicy;
import io.c360.core.sql.SqlAccessDeniedException;
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
    return open(options, readOnly, "analyst");
  }

  /**
   * @param role {@code admin} may read the restricted tables; it must be granted to the OS user in
   *             c360.security.admins or env C360_ADMINS
   */
  static Workspace open(CommonOptions options, boolean readOnly, String role) {
    C360Config config = ConfigFiles.load(options);
    String user = System.getProperty("user.name");
    if (AccessPolicy.ADMIN.equals(role) && !config.admins().contains(user)) {
      throw new SqlAccessDeniedException("role admin is not granted to user '" + user
          + "' (c360.security.admins or env C360_ADMINS)");
    }
    Configurator.setRootLevel(options.verbose ? Level.INFO : Level.WARN);
    Path root = Path.of(config.lake().path()).toAbsolutePath().normalize();
    boolean ownsSession = SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = C360Session.open(config, root);
    spark.conf().set(SqlGuardExtension.READ_ONLY, "false");
    Lake lake = Lake.open(spark, root, config.lake().database());
    spark.conf().set(SqlGuardExtension.ROLE, role);
    spark.conf().set(SqlGuardExtension.RESTRICTED,
        String.join(",", Tables.RESTRICTED.stream().map(TableDef::name).toList()));
    spark.conf().set(SqlGuardExtension.PERSONAL, String.join(",", Tables.personalColumns()));
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
