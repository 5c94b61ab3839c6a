package io.c360.jobs;

import io.c360.core.config.C360Config;
import io.c360.core.sql.SqlGuardExtension;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the Spark session every c360 command runs in: Delta, the SQL guard, quiet and local by default. */
public final class C360Session {

  private C360Session() {
  }

  public static SparkSession open(C360Config config, Path lakeRoot) {
    SparkConf conf = new SparkConf(true);
    if (!conf.contains("spark.master")) {
      conf.setMaster(config.spark().master());
    }
    conf.setAppName(conf.get("spark.app.name", "c360"));
    conf.setIfMissing("spark.driver.host", "127.0.0.1");
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    conf.setIfMissing("spark.sql.shuffle.partitions", String.valueOf(config.spark().shufflePartitions()));
    conf.setIfMissing("spark.sql.session.timeZone", "UTC");
    conf.setIfMissing("spark.sql.ansi.enabled", "false");
    // a date that does not fit its column's pattern is a bad value (quarantined), not an upgrade error
    conf.setIfMissing("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "4");
    // a run plans a few hundred queries, many alike (the same transform at several dates): Spark's default cache of
    // 100 compiled classes evicted them and Janino compiled them again
    conf.setIfMissing("spark.sql.codegen.cache.maxEntries", "1000");
    conf.setIfMissing("spark.sql.warehouse.dir", lakeRoot.resolve("_warehouse").toUri().toString());
    conf.set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension," + SqlGuardExtension.class.getName());
    conf.set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    for (Map.Entry<String, String> e : config.spark().conf().entrySet()) {
      conf.set(e.getKey(), e.getValue());
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
