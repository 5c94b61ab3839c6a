package io.c360.core.config;

import java.util.Map;

/** Spark session settings: master, shuffle partitions and any extra spark.* keys. */
public record SparkConfig(String master, int shufflePartitions, Map<String, String> conf) {
  public SparkConfig {
    if (master == null || master.isBlank()) {
      throw new ConfigException("c360.spark.master must not be empty");
    }
    if (shufflePartitions < 1 || shufflePartitions > 100_000) {
      throw new ConfigException("c360.spark.shuffle-partitions must be between 1 and 100000, got " + shufflePartitions);
    }
    conf = Map.copyOf(conf);
  }
}
