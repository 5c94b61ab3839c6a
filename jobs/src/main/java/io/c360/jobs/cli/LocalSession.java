package io.c360.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/**
 * The options and the Spark session of the commands that work on a user's file and need no lake ({@code clv fit},
 * {@code churn train}, {@code recs rules}): local on every core unless {@code -Dspark.master} says otherwise, bound
 * to 127.0.0.1, UTC. An existing session (tests, spark-submit) is reused, and only a session opened here is stopped.
 */
final class LocalSession {

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Option(names = {"-v", "--verbose"}, description = "Show Spark's (and XGBoost's) log output and full stack traces.")
  boolean verbose;

  private boolean owned;

  /** The session, with Spark's log at WARN unless --verbose. */
  SparkSession open(String appName) {
    Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    owned = SparkSession.getDefaultSession().isEmpty();
    return SparkSession.builder()
        .master(System.getProperty("spark.master", "local[*]"))
        .appName(appName)
        .config("spark.driver.host", System.getProperty("spark.driver.host", "127.0.0.1"))
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  /** Stops the session if {@link #open} started it; returns whether it did. */
  boolean release(SparkSession spark) {
    if (owned) {
      spark.stop();
    }
    return owned;
  }
}
