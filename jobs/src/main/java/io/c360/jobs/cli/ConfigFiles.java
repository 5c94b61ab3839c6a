package io.c360.jobs.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.c360.core.config.C360Config;
import io.c360.core.config.ConfigException;
import io.c360.core.config.ConfigReader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and parses the conf file; the lake path is resolved from option, env and conf in that order. */
final class ConfigFiles {

  static final Path DEFAULT_CONF = Path.of("conf", "local.conf");
  static final String LAKE_ENV = "C360_LAKE";
  static final String HMAC_ENV = "C360_HMAC_KEY";
  static final String ADMINS_ENV = "C360_ADMINS";

  private ConfigFiles() {
  }

  static C360Config load(CommonOptions options) {
    Path file = options.conf != null ? options.conf : Files.exists(DEFAULT_CONF) ? DEFAULT_CONF : null;
    Config user = ConfigFactory.empty();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("configuration file not found: " + file);
      }
      try {
        user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
      } catch (com.typesafe.config.ConfigException e) {
        throw new ConfigException("cannot parse " + file + ": " + e.getMessage(), e);
      }
    }
    C360Config config = ConfigReader.read(user);
    String env = System.getenv(LAKE_ENV);
    if (options.lake != null) {
      config = config.withLakePath(options.lake.toString());
    } else if (env != null && !env.isBlank()) {
      config = config.withLakePath(env);
    }
    String admins = System.getenv(ADMINS_ENV);
    if (admins != null && !admins.isBlank()) {
      config = config.withAdmins(java.util.Arrays.stream(admins.split(",")).map(String::trim)
          .filter(a -> !a.isEmpty()).toList());
    }
    String key = System.getenv(HMAC_ENV);
    if (key != null && !key.isBlank()) {
      config = config.withHmacKey(key);
    }
    return config;
  }
}
