package io.c360.core.config;

/** Where the lake lives and the catalog database its tables are registered in. */
public record LakeConfig(String path, String database) {
  public LakeConfig {
    if (path == null || path.isBlank()) {
      throw new ConfigException("c360.lake.path must not be empty");
    }
    if (database == null || !database.matches("[a-z_][a-z0-9_]*")) {
      throw new ConfigException("c360.lake.database must be a lower-case SQL identifier, got '" + database + "'");
    }
  }

  public LakeConfig withPath(String newPath) {
    return new LakeConfig(newPath, database);
  }
}
