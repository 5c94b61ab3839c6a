package io.c360.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** File formats ingest reads. WHITESPACE: columns separated by runs of spaces or tabs (no quoting). */
public enum SourceFormat {
  CSV, JSON, PARQUET, WHITESPACE;

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
