package io.c360.core.testdata;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The CDNOW reference data (a copy of shared/data/cdnow in analytics-core's test resources, see its README): located
 * from system property {@code c360.cdnow.dir}, else as {@code analytics-core/src/test/resources/cdnow} in the
 * module's folder or one of its parents (tests of every module find it).
 */
public final class Cdnow {

  private Cdnow() {
  }

  public static Path dir() {
    String configured = System.getProperty("c360.cdnow.dir");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("analytics-core/src/test/resources/cdnow");
      if (Files.isRegularFile(candidate.resolve("CDNOW_sample.txt"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("CDNOW data not found: no analytics-core/src/test/resources/cdnow above "
        + System.getProperty("user.dir")
        + "; set -Dc360.cdnow.dir=DIR");
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }

  /** cdnow_customers_summary.csv as customer_id, x, t_x, T (weeks, rounded to 2 decimals). */
  public static Dataset<Row> summary(SparkSession spark) {
    return spark.read().option("header", "true").option("inferSchema", "true")
        .csv(file("cdnow_customers_summary.csv").toString())
        .select(col("ID").as("customer_id"), col("frequency").cast("long").as("x"), col("recency").as("t_x"),
            col("T"));
  }

  /** cdnow_customers_summary_with_transactions.csv as customer_id, x, t_x, T, zbar. */
  public static Dataset<Row> summaryWithSpend(SparkSession spark) {
    return spark.read().option("header", "true").option("inferSchema", "true")
        .csv(file("cdnow_customers_summary_with_transactions.csv").toString())
        .select(col("ID").as("customer_id"), col("x").cast("long").as("x"), col("t_x"), col("T"), col("zbar"));
  }

  /** CDNOW_sample.txt as customer (sample id, int), date (date), amount (double). */
  public static Dataset<Row> sampleTransactions(SparkSession spark) {
    Dataset<Row> fields = spark.read().text(file("CDNOW_sample.txt").toString())
        .select(split(trim(col("value")), "\\s+").as("f"));
    return fields.select(col("f").getItem(1).cast("int").as("customer"),
        to_date(col("f").getItem(2), "yyyyMMdd").as("date"),
        col("f").getItem(4).cast("double").as("amount"));
  }
}
