package io.c360.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.c360.core.catalog.Source;
import io.c360.core.clv.ClvConfig;
import io.c360.core.clv.Period;
import io.c360.core.quality.CheckKind;
import io.c360.core.quality.CheckSpec;
import io.c360.core.quality.Level;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns HOCON into {@link C360Config}: the user's settings laid over {@code c360-defaults.conf}, every key
 * checked against the defaults (a typo is named), every value validated by the records.
 */
public final class ConfigReader {

  private static final String DEFAULTS = "c360-defaults.conf";
  /** Maps whose keys are the user's own. */
  private static final List<String> FREE_FORM = List.of("c360.spark.conf", ".options", ".columns");

  private ConfigReader() {
  }

  public static Config defaults() {
    return ConfigFactory.parseResources(ConfigReader.class, "/" + DEFAULTS,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  /** Reads the user's settings (already parsed) over the defaults. */
  public static C360Config read(Config user) {
    Config defaults = defaults();
    rejectUnknownKeys(user, defaults);
    Config merged;
    try {
      merged = user.withFallback(defaults).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("configuration: " + e.getMessage(), e);
    }
    try {
      return build(merged.getConfig("c360"));
    } catch (com.typesafe.config.ConfigException e) {
      throw new ConfigException("configuration: " + e.getMessage(), e);
    }
  }

  /** The defaults alone. */
  public static C360Config defaultConfig() {
    return read(ConfigFactory.empty());
  }

  private static void rejectUnknownKeys(Config user, Config defaults) {
    for (Map.Entry<String, ConfigValue> entry : user.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith("c360.quality.checks") || isFreeForm(key)) {
        continue;
      }
      if (!defaults.hasPathOrNull(key)) {
        String origin = entry.getValue().origin().description();
        throw new ConfigException("unknown configuration key '" + key + "' (" + origin + ")");
      }
    }
  }

  private static boolean isFreeForm(String key) {
    return FREE_FORM.stream().anyMatch(f -> f.startsWith(".") ? key.contains(f + ".") : key.startsWith(f + "."));
  }

  private static C360Config build(Config c) {
    LakeConfig lake = new LakeConfig(c.getString("lake.path"), c.getString("lake.database"));
    SparkConfig spark = new SparkConfig(c.getString("spark.master"), c.getInt("spark.shuffle-partitions"),
        strings(c.getConfig("spark.conf")));
    Map<Source, SourceConfig> sources = new EnumMap<>(Source.class);
    for (Source source : Source.values()) {
      Config s = c.getConfig("sources." + source.id());
      String prefix = "c360.sources." + source.id();
      sources.put(source, new SourceConfig(source, s.getBoolean("enabled"), s.getString("path"),
          SourceFormat.parse(prefix + ".format", s.getString("format")), strings(s.getConfig("options")),
          strings(s.getConfig("columns"))));
    }
    IngestConfig ingest = new IngestConfig(c.getInt("ingest.max-field-length"), c.getInt("ingest.max-text-length"),
        date("c360.ingest.min-date", c.getString("ingest.min-date")), c.getInt("ingest.future-tolerance-days"),
        c.getStringList("ingest.currencies"));
    List<CheckSpec> checks = new ArrayList<>();
    for (Config check : c.getConfigList("quality.checks")) {
      checks.add(check(check));
    }
    IdentityConfig identity = new IdentityConfig(c.getString("identity.default-country-code"),
        c.getBoolean("identity.email-provider-rules"), c.getInt("identity.max-people-per-identifier"),
        c.getInt("identity.max-guest-orders-per-phone"), c.getInt("identity.max-iterations"),
        c.getString("identity.hmac-key"));
    return new C360Config(lake, spark, c.getString("input-dir"), sources, ingest, checks, identity, clv(c),
        c.getStringList("security.admins"));
  }

  private static ClvModelConfig clv(Config c) {
    try {
      ClvConfig scoring = new ClvConfig(c.getIntList("clv.horizons-days"), c.getInt("clv.clv-months"),
          c.getDouble("clv.margin"), c.getDouble("clv.annual-discount-rate"), c.getDouble("clv.penalizer"));
      return new ClvModelConfig(c.getString("clv.model"), Period.parse(c.getString("clv.period")),
          c.getInt("clv.holdout-days"), scoring);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("c360.clv: " + e.getMessage());
    }
  }

  private static CheckSpec check(Config c) {
    String source = c.getString("source");
    if (Source.byId(source).isEmpty()) {
      throw new ConfigException("c360.quality.checks: unknown source '" + source + "'");
    }
    for (String key : c.root().keySet()) {
      if (!List.of("source", "kind", "column", "level", "threshold", "min", "max", "reference").contains(key)) {
        throw new ConfigException("c360.quality.checks: unknown key '" + key + "' in a check on " + source);
      }
    }
    CheckKind kind = enumValue(CheckKind.class, "c360.quality.checks kind", c.getString("kind"));
    Level level = enumValue(Level.class, "c360.quality.checks level", c.getString("level"));
    return new CheckSpec(source, kind, c.hasPath("column") ? c.getString("column") : null, level,
        c.getDouble("threshold"), c.hasPath("min") ? c.getDouble("min") : null,
        c.hasPath("max") ? c.getDouble("max") : null, c.hasPath("reference") ? c.getString("reference") : null);
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String key, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + " must be one of " + java.util.Arrays.toString(type.getEnumConstants())
          .toLowerCase(Locale.ROOT) + ", got '" + value + "'", e);
    }
  }

  private static LocalDate date(String key, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new ConfigException(key + " must be a date (yyyy-MM-dd), got '" + value + "'", e);
    }
  }

  private static Map<String, String> strings(Config c) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.entrySet()) {
      map.put(stripQuotes(e.getKey()), String.valueOf(e.getValue().unwrapped()));
    }
    return map;
  }

  private static String stripQuotes(String key) {
    return key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
  }
}
