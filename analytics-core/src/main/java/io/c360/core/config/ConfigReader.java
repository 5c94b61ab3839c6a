package io.c360.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import io.c360.core.catalog.Layout;
import io.c360.core.catalog.Source;
import io.c360.core.churn.ChurnDataset;
import io.c360.core.churn.ChurnSettings;
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
  private static final List<String> FREE_FORM = List.of("c360.spark.conf", ".options", ".columns", ".formats", ".values",
      "c360.segments.growth.category-coefficients", "c360.service.priority.category-weights",
      "c360.service.priority.tier-weights");

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
      Layout layout = s.hasPath("layout") ? Layout.byConfName(s.getString("layout")).orElseThrow(() ->
          new ConfigException(prefix + ".layout must be one of " + String.join(", ", java.util.Arrays.stream(
              Layout.values()).map(Layout::confName).toList()) + ", got '" + s.getString("layout") + "'"))
          : Layout.ORDERS;
      SourceConfig.Cancellation cancellation = s.hasPath("cancellation")
          ? new SourceConfig.Cancellation(s.getString("cancellation.order-id-prefix"),
              s.getBoolean("cancellation.negative-quantity"))
          : SourceConfig.Cancellation.NONE;
      Map<String, Map<String, String>> values = new LinkedHashMap<>();
      for (String column : s.getConfig("values").root().keySet()) {
        values.put(stripQuotes(column), strings(s.getConfig("values").getConfig("\"" + column + "\"")));
      }
      sources.put(source, new SourceConfig(source, s.getBoolean("enabled"), s.getString("path"),
          SourceFormat.parse(prefix + ".format", s.getString("format")), strings(s.getConfig("options")),
          strings(s.getConfig("columns")), layout, strings(s.getConfig("formats")), values, cancellation));
    }
    IngestConfig ingest = new IngestConfig(c.getInt("ingest.max-field-length"), c.getInt("ingest.max-text-length"),
        date("c360.ingest.min-date", c.getString("ingest.min-date")), c.getInt("ingest.future-tolerance-days"),
        c.getStringList("ingest.currencies"), c.getDouble("ingest.max-amount"), c.getLong("ingest.max-quantity"),
        c.getInt("ingest.parallel-sources"));
    List<CheckSpec> checks = new ArrayList<>();
    for (Config check : c.getConfigList("quality.checks")) {
      checks.add(check(check));
    }
    IdentityConfig identity = new IdentityConfig(c.getString("identity.default-country-code"),
        c.getBoolean("identity.email-provider-rules"), c.getInt("identity.max-people-per-identifier"),
        c.getInt("identity.max-guest-orders-per-phone"), c.getInt("identity.max-iterations"),
        c.getString("identity.hmac-key"));
    return new C360Config(lake, spark, c.getString("input-dir"), sources, ingest, checks, identity, clv(c),
        churn(c), c.getStringList("security.admins"), segments(c.getConfig("segments")),
        service(c.getConfig("service")),
        new JourneyConfig(c.getStringList("journey.steps"), c.getInt("journey.days")),
        new AttributionConfig(c.getInt("attribution.window-days"), c.getDouble("attribution.half-life-days"),
            c.getDouble("attribution.position-first"), c.getDouble("attribution.position-last")),
        alerts(c.getConfigList("alerts.rules")), recommendations(c.getConfig("recommendations")));
  }

  private static ServiceConfig service(Config s) {
    return new ServiceConfig(s.getDouble("classifier.test-fraction"), s.getInt("classifier.num-features"),
        s.getDouble("classifier.reg-param"), s.getInt("classifier.max-iter"), s.getInt("classifier.min-labelled"),
        s.getInt("kpi-window-days"), s.getStringList("complaint-categories"),
        new ServiceConfig.Priority(s.getDouble("priority.weights.value"), s.getDouble("priority.weights.severity"),
            s.getDouble("priority.weights.waiting"), doubles(s.getConfig("priority.category-weights")),
            doubles(s.getConfig("priority.tier-weights"))),
        new ServiceConfig.Sla(s.getDouble("sla.first-response-hours"), s.getDouble("sla.resolution-hours")));
  }

  private static Map<String, Double> doubles(Config map) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : map.entrySet()) {
      values.put(stripQuotes(e.getKey()), map.getDouble(e.getKey()));
    }
    return values;
  }

  private static AlertConfig alerts(List<? extends Config> rules) {
    List<AlertConfig.Rule> parsed = new ArrayList<>();
    for (Config r : rules) {
      for (String key : r.root().keySet()) {
        if (!List.of("name", "metric", "kind", "threshold", "level").contains(key)) {
          throw new ConfigException("c360.alerts.rules: unknown key '" + key + "' in " + r.root().render(
              com.typesafe.config.ConfigRenderOptions.concise()));
        }
      }
      parsed.add(AlertConfig.Rule.of(r.getString("name"), r.getString("metric"), r.getString("kind"),
          r.getDouble("threshold"), enumValue(Level.class, "c360.alerts.rules level", r.getString("level"))));
    }
    return new AlertConfig(parsed);
  }

  private static RecsConfig recommendations(Config r) {
    List<RecsConfig.Arm> arms = new ArrayList<>();
    for (Config arm : r.getConfigList("experiment.arms")) {
      for (String key : arm.root().keySet()) {
        if (!List.of("name", "weight").contains(key)) {
          throw new ConfigException("c360.recommendations.experiment.arms: unknown key '" + key + "'");
        }
      }
      arms.add(new RecsConfig.Arm(arm.getString("name"), arm.getDouble("weight")));
    }
    return new RecsConfig(r.getInt("top-n"), r.getInt("history-days"), r.getInt("eval-days"), r.getInt("k"),
        r.getInt("reevaluate-days"), r.getInt("evaluation-customers"),
        new RecsConfig.Weights(r.getDouble("weights.order"), r.getDouble("weights.add-to-cart"),
            r.getDouble("weights.view")),
        new RecsConfig.Als(r.getIntList("als.ranks"), r.getDoubleList("als.reg-params"),
            r.getDoubleList("als.alphas"), r.getInt("als.max-iter"), r.getLong("als.seed"),
            r.getLong("als.fit-customers")),
        new RecsConfig.Rules(r.getDouble("rules.min-support"), r.getDouble("rules.min-confidence"),
            r.getInt("rules.recent-days")),
        new RecsConfig.Popularity(r.getInt("popularity.window-days"), r.getInt("popularity.cold-max-orders"),
            r.getInt("popularity.new-arrivals-days")),
        new RecsConfig.Similar(r.getInt("similar.price-bands"), r.getInt("similar.per-item")),
        new RecsConfig.Replenishment(r.getInt("replenishment.min-purchases"),
            r.getInt("replenishment.due-within-days"), r.getDouble("replenishment.min-repeat-share")),
        new RecsConfig.Blend(r.getInt("blend.candidates-per-source"), r.getInt("blend.rank-offset"),
            r.getDouble("blend.weights.als"), r.getDouble("blend.weights.rules"),
            r.getDouble("blend.weights.replenishment"), r.getDouble("blend.weights.repurchase"),
            r.getDouble("blend.weights.popularity"), r.getDouble("blend.weights.category"),
            r.getDouble("blend.weights.similar"), r.getDouble("blend.weights.new-arrivals"),
            r.getBoolean("blend.tune-weights")),
        new RecsConfig.Ranker(r.getBoolean("ranker.enabled"), r.getInt("ranker.trees"), r.getInt("ranker.depth"),
            r.getDouble("ranker.learning-rate"), r.getInt("ranker.max-customers")),
        new RecsConfig.Experiment(r.getString("experiment.name"), arms));
  }

  private static SegmentConfig segments(Config s) {
    SegmentConfig.Rfm rfm = new SegmentConfig.Rfm(s.getInt("rfm.frequency-window-days"),
        s.getInt("rfm.monetary-window-days"), s.getInt("rfm.bins"));
    Config t = s.getConfig("five-tiers");
    SegmentConfig.FiveTiers tiers = new SegmentConfig.FiveTiers(t.getInt("lost-min-recency-days"),
        t.getInt("sleeping-min-recency-days"), t.getInt("high-value-max-recency-days"),
        t.getDouble("high-value-min-orders-per-month"), t.getInt("high-value-min-m-score"),
        t.getInt("monthly-rate-window-days"), t.getDouble("active-min-orders-per-month"),
        t.getInt("active-max-m-score"));
    List<SegmentConfig.RfmName> names = new ArrayList<>();
    for (Config n : s.getConfigList("rfm-names")) {
      List<Integer> r = n.getIntList("r");
      List<Integer> f = n.getIntList("f");
      if (r.size() != 2 || f.size() != 2) {
        throw new ConfigException("c360.segments.rfm-names: r and f must be [min, max] in " + n.root().render(
            com.typesafe.config.ConfigRenderOptions.concise()));
      }
      names.add(new SegmentConfig.RfmName(n.getString("name"), r.get(0), r.get(1), f.get(0), f.get(1)));
    }
    Config l = s.getConfig("lifecycle");
    SegmentConfig.Lifecycle lifecycle = new SegmentConfig.Lifecycle(l.getInt("new-max-tenure-days"),
        l.getInt("churned-min-recency-days"), l.getDouble("churned-cadence-multiple"),
        l.getDouble("declining-cadence-multiple"), l.getInt("trend-intervals"),
        l.getDouble("growing-max-interval-ratio"), l.getDouble("declining-min-interval-ratio"));
    SegmentConfig.ValueQuadrant quadrant = new SegmentConfig.ValueQuadrant(
        s.getInt("value-quadrant.high-value-min-m-score"), s.getInt("value-quadrant.trend-window-days"),
        s.getDouble("value-quadrant.high-potential-min-trend"));
    SegmentConfig.EarlyWarning warning = new SegmentConfig.EarlyWarning(s.getInt("early-warning.inactive-days"),
        s.getDouble("early-warning.cadence-multiple"));
    Config g = s.getConfig("tags");
    Map<String, String> versions = new LinkedHashMap<>();
    for (String tag : g.root().keySet()) {
      if (g.getValue(tag) instanceof com.typesafe.config.ConfigObject rule) {
        versions.put(tag.replace('-', '_'), ruleVersion(rule.render(com.typesafe.config.ConfigRenderOptions.concise())
            + "|min-orders=" + g.getInt("min-orders") + "|window-days=" + g.getInt("window-days")));
      }
    }
    versions.put("promoter", ruleVersion("nps_class=promoter"));
    versions.put("detractor", ruleVersion("nps_class=detractor"));
    List<java.time.MonthDay[]> windows = new ArrayList<>();
    for (String w : g.getStringList("holiday-buyer.windows")) {
      windows.add(monthDays("c360.segments.tags.holiday-buyer.windows", w));
    }
    SegmentConfig.Tags tags = new SegmentConfig.Tags(g.getInt("min-orders"),
        g.getDouble("price-sensitive.min-discount-share"), g.getDouble("novelty-seeker.min-new-product-share"),
        g.getDouble("high-return-rate.min-return-rate"), g.getInt("frequent-complainer.min-tickets-90d"),
        g.getInt("window-days"), g.getDouble("weekend-family-shopper.min-weekend-share"),
        g.getStringList("weekend-family-shopper.categories"), g.getDouble("weekend-family-shopper.min-line-share"),
        windows, g.getDouble("holiday-buyer.min-order-share"), g.getInt("holiday-buyer.min-orders"),
        g.getInt("emergency-restock.max-lines"), g.getInt("emergency-restock.max-days-since-previous"),
        g.getInt("emergency-restock.min-orders"), g.getStringList("healthy-eating.categories"),
        g.getDouble("healthy-eating.min-line-share"), versions);
    Config gr = s.getConfig("growth");
    Map<String, Double> coefficients = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : gr.getConfig("category-coefficients").entrySet()) {
      coefficients.put(stripQuotes(e.getKey()), gr.getConfig("category-coefficients").getDouble(e.getKey()));
    }
    SegmentConfig.Growth growth = new SegmentConfig.Growth(coefficients, gr.getDouble("default-category-coefficient"),
        gr.getDoubleList("frequency-coefficients"), gr.getDouble("tiers.silver"), gr.getDouble("tiers.gold"),
        gr.getDouble("tiers.diamond"));
    SegmentConfig.Kpis kpis = new SegmentConfig.Kpis(s.getInt("kpis.active-days"),
        s.getInt("kpis.retention-period-days"));
    return new SegmentConfig(rfm, tiers, names, lifecycle, quadrant, warning, tags, growth, kpis);
  }

  /** First 8 hex digits of SHA-256 of a rule's settings: changes whenever the rule does. */
  private static String ruleVersion(String settings) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(settings.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JVM", e);
    }
  }

  /** "MM-dd..MM-dd" (inclusive; may wrap the year end). */
  private static java.time.MonthDay[] monthDays(String key, String window) {
    String[] parts = window.split("\\.\\.");
    try {
      if (parts.length != 2) {
        throw new DateTimeParseException("no ..", window, 0);
      }
      return new java.time.MonthDay[] {java.time.MonthDay.parse("--" + parts[0].strip()),
          java.time.MonthDay.parse("--" + parts[1].strip())};
    } catch (DateTimeParseException e) {
      throw new ConfigException(key + " entries must look like \"MM-dd..MM-dd\", got '" + window + "'", e);
    }
  }

  private static ChurnModelConfig churn(Config c) {
    try {
      ChurnSettings model = new ChurnSettings(c.getInt("churn.horizon-days"), c.getInt("churn.lookback-days"),
          c.getInt("churn.top-k"), c.getLong("churn.seed"), c.getInt("churn.rounds"), c.getInt("churn.max-depth"),
          c.getDouble("churn.eta"), c.getInt("churn.early-stopping-rounds"), c.getInt("churn.workers"));
      ChurnModelConfig.RiskBands bands = ChurnModelConfig.RiskBands.of(c.getString("churn.risk-bands.mode"),
          c.getDouble("churn.risk-bands.high"), c.getDouble("churn.risk-bands.medium"));
      List<ChurnModelConfig.ActionRule> rules = new ArrayList<>();
      for (Config rule : c.getConfigList("churn.actions.rules")) {
        String reason = rule.getString("reason");
        if (!ChurnDataset.featureNames().contains(reason)) {
          throw new ConfigException("c360.churn.actions.rules: unknown reason '" + reason + "'; reasons are churn "
              + "features: " + String.join(", ", ChurnDataset.featureNames()));
        }
        rules.add(new ChurnModelConfig.ActionRule(reason, rule.getString("action")));
      }
      ChurnModelConfig.Actions actions = new ChurnModelConfig.Actions(c.getStringList("churn.actions.bands"), rules,
          c.getString("churn.actions.default"));
      return new ChurnModelConfig(model, c.getInt("churn.training-dates"), c.getInt("churn.step-days"),
          c.getInt("churn.training-customers"), c.getString("churn.model-version"), c.getInt("churn.retrain-days"),
          bands, actions, c.getDouble("churn.drift-warning-psi"));
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new ConfigException("c360.churn: " + e.getMessage());
    }
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
