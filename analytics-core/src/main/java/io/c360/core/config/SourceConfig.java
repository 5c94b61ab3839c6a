package io.c360.core.config;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.SourceField;
import java.util.Map;

/**
 * How to read one source: its folder (relative to the sources directory unless absolute), format, reader
 * options, and the mapping from contract column names to the raw names in the user's files.
 */
public record SourceConfig(Source source, boolean enabled, String path, SourceFormat format,
                           Map<String, String> options, Map<String, String> columns) {

  public SourceConfig {
    options = Map.copyOf(options);
    columns = Map.copyOf(columns);
    String prefix = "c360.sources." + source.id();
    for (String contractName : columns.keySet()) {
      if (source.field(contractName).isEmpty()) {
        throw new ConfigException(prefix + ".columns." + contractName + " is not a column of the " + source.id()
            + " contract");
      }
    }
    if (path == null || path.isBlank()) {
      throw new ConfigException(prefix + ".path must not be empty");
    }
  }

  /** The raw column name that feeds a contract column (the contract name unless remapped). */
  public String rawName(SourceField field) {
    return columns.getOrDefault(field.name(), field.name());
  }
}
