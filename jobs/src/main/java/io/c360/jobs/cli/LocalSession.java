package io.c360.jobs.cli;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of the commands that work on a user's file and need no lake ({@code clv fit},
 * {@code churn train}): local on every core unless {@code -Dspark.master} says otherwise, bound to 127.0.0.1, UTC.
 * An existing session (tests, spark-submit) is reused.
 */
final class LocalSession {

  private LocalSession() {
  }

  static SparkSession get(String appName) {
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
}
