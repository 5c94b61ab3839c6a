package io.c360.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** File formats ingest reads. */
public enum SourceFormat {
  CSV, JSON, PARQUET;

  public static SourceFormat parse(String key, String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      String known = Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining(", "));
      throw new ConfigException(key + " must be one of " + known + ", got '" + value + "'", e);
    }
  }
}
