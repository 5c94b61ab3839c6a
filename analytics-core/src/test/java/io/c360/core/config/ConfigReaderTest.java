package io.c360.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.c360.core.catalog.Source;
import io.c360.core.quality.CheckKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

  @Test
  void defaultsPutTheLakeAtDotLakeWithEveryDeclaredSource() {
    C360Config config = ConfigReader.defaultConfig();
    assertEquals("./lake", config.lake().path());
    assertEquals("c360", config.lake().database());
    assertEquals(Source.values().length, config.sources().size());
    assertEquals(SourceFormat.JSON, config.sources().get(Source.EVENTS).format());
    assertTrue(config.checks().stream().anyMatch(c -> c.kind() == CheckKind.REFERENTIAL));
  }

  @Test
  void userSettingsOverrideDefaultsAndColumnsAreRemapped() {
    C360Config config = ConfigReader.read(ConfigFactory.parseString("""
        c360.lake.path = "/data/lake"
        c360.sources.orders { format = parquet, columns { order_id = InvoiceNo, total_amount = "Amount" } }
        c360.sources.tickets.enabled = false
        c360.spark.conf { "spark.sql.session.timeZone" = "Asia/Shanghai" }
        """));
    assertEquals("/data/lake", config.lake().path());
    SourceConfig orders = config.sources().get(Source.ORDERS);
    assertEquals(SourceFormat.PARQUET, orders.format());
    assertEquals("InvoiceNo", orders.rawName(Source.ORDERS.field("order_id").orElseThrow()));
    assertEquals("order_ts", orders.rawName(Source.ORDERS.field("order_ts").orElseThrow()));
    assertTrue(config.source(Source.TICKETS).isEmpty());
    assertEquals("Asia/Shanghai", config.spark().conf().get("spark.sql.session.timeZone"));
  }

  @Test
  void churnSettingsAreReadAndBadOnesNamed() {
    ChurnModelConfig churn = ConfigReader.defaultConfig().churn();
    assertEquals(90, churn.model().horizonDays());
    assertEquals(3, churn.model().topK());
    assertEquals(12, churn.trainingDates());
    assertEquals(30, churn.stepDays());
    assertEquals(50000, churn.trainingCustomers());
    assertEquals(false, churn.pinned());
    assertEquals(new ChurnModelConfig.RiskBands(ChurnModelConfig.BandMode.PROBABILITY, 0.7, 0.4), churn.riskBands());
    assertEquals(List.of("high"), churn.actions().bands());
    assertEquals("days_since_last_order", churn.actions().rules().get(0).reason());
    ChurnModelConfig custom = ConfigReader.read(ConfigFactory.parseString(
        "c360.churn { horizon-days = 60, training-dates = 4, seed = 7 }")).churn();
    assertEquals(60, custom.model().horizonDays());
    assertEquals(7L, custom.model().seed());
    assertEquals(4, custom.trainingDates());
    ConfigException eta = assertThrows(ConfigException.class,
        () -> ConfigReader.read(ConfigFactory.parseString("c360.churn.eta = 0")));
    assertEquals("c360.churn: churn eta must be in (0, 1], got 0.0", eta.getMessage());
    ConfigException dates = assertThrows(ConfigException.class,
        () -> ConfigReader.read(ConfigFactory.parseString("c360.churn.training-dates = 1")));
    assertTrue(dates.getMessage().contains("c360.churn.training-dates must be between 3 and 60"), dates.getMessage());
    ConfigException sample = assertThrows(ConfigException.class,
        () -> ConfigReader.read(ConfigFactory.parseString("c360.churn.training-customers = -1")));
    assertEquals("c360.churn.training-customers must be >= 0 (0 = every customer), got -1", sample.getMessage());
    ConfigException reason = assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(
        "c360.churn.actions.rules = [{ reason = days_since_order, action = call }]")));
    assertTrue(reason.getMessage().startsWith("c360.churn.actions.rules: unknown reason 'days_since_order'"),
        reason.getMessage());
    ConfigException bands = assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(
        "c360.churn.risk-bands { mode = top-percent, high = 20, medium = 10 }")));
    assertTrue(bands.getMessage().contains("the medium band must start after the high band"), bands.getMessage());
    assertEquals(ChurnModelConfig.BandMode.TOP_PERCENT, ConfigReader.read(ConfigFactory.parseString(
        "c360.churn.risk-bands { mode = top-percent, high = 10, medium = 30 }")).churn().riskBands().mode());
  }

  @Test
  void aTypoIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigReader.read(ConfigFactory.parseString("c360.lake.pathh = x")));
    assertTrue(e.getMessage().contains("unknown configuration key 'c360.lake.pathh'"), e.getMessage());
  }

  @Test
  void badValuesAreNamedWithTheKey() {
    ConfigException format = assertThrows(ConfigException.class,
        () -> ConfigReader.read(ConfigFactory.parseString("c360.sources.orders.format = xlsx")));
    assertEquals("c360.sources.orders.format must be one of csv, json, parquet, whitespace, got 'xlsx'", format.getMessage());
    ConfigException column = assertThrows(ConfigException.class,
        () -> ConfigReader.read(ConfigFactory.parseString("c360.sources.orders.columns { ammount = x }")));
    assertEquals("c360.sources.orders.columns.ammount is not a column of the orders contract; columns: order_id, "
        + "account_id, phone, email, order_ts, channel, city, status, total_amount, discount_amount, currency, name",
        column.getMessage());
    ConfigException orders = assertThrows(ConfigException.class,
        () -> ConfigReader.read(ConfigFactory.parseString("c360.sources.orders.enabled = false")));
    assertTrue(orders.getMessage().contains("orders must be enabled"));
    ConfigException partitions = assertThrows(ConfigException.class,
        () -> ConfigReader.read(ConfigFactory.parseString("c360.spark.shuffle-partitions = 0")));
    assertEquals("c360.spark.shuffle-partitions must be between 1 and 100000, got 0", partitions.getMessage());
  }

  @Test
  void checksAreValidated() {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(
        "c360.quality.checks = [ { source = orders, kind = completeness, threshold = 1, level = error } ]")));
    assertEquals("c360.quality.checks (orders completeness) needs a column", e.getMessage());
    ConfigException level = assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(
        "c360.quality.checks = [ { source = orders, kind = row_count, threshold = 1, level = fatal } ]")));
    assertTrue(level.getMessage().startsWith("c360.quality.checks level must be one of [error, warning]"));
  }

  @Test
  void serviceJourneyAttributionAndAlertDefaultsAreRead() {
    C360Config config = ConfigReader.defaultConfig();
    assertEquals(0.2, config.service().testFraction());
    assertEquals(7, config.service().kpiWindowDays());
    assertEquals(72.0, config.service().sla().resolutionHours());
    assertEquals(1.0, config.service().priority().categoryWeights().get("system_fault"));
    assertEquals(java.util.List.of("view", "add_to_cart", "checkout", "order"), config.journey().steps());
    assertEquals(3, config.attribution().windowDays());
    assertEquals(0.4, config.attribution().positionFirst());
    AlertConfig.Rule nps = config.alerts().rules().stream().filter(r -> r.name().equals("nps_drop")).findFirst()
        .orElseThrow();
    assertEquals(new AlertConfig.Rule("nps_drop", "nps", AlertConfig.Kind.DROP, 10, io.c360.core.quality.Level.ERROR),
        nps);
  }

  @Test
  void serviceJourneyAttributionAndAlertValuesAreValidated() {
    ConfigException fraction = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.service.classifier.test-fraction = 1.5")));
    assertEquals("c360.service.classifier.test-fraction must be between 0 and 1, got 1.5", fraction.getMessage());
    ConfigException weight = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.service.priority.category-weights { fraud = 2 }")));
    assertEquals("c360.service.priority.category-weights.fraud must be between 0 and 1, got 2.0",
        weight.getMessage());
    ConfigException steps = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.journey.steps = [view]")));
    assertEquals("c360.journey.steps needs at least two event types, got [view]", steps.getMessage());
    ConfigException shares = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.attribution { position-first = 0.7, position-last = 0.4 }")));
    assertTrue(shares.getMessage().startsWith("c360.attribution.position-first and position-last"),
        shares.getMessage());
    ConfigException kind = assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(
        "c360.alerts.rules = [ { name = x, metric = nps, kind = sideways, threshold = 1, level = error } ]")));
    assertEquals("c360.alerts.rules: kind must be above, below, rise or drop, got 'sideways'", kind.getMessage());
    ConfigException key = assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(
        "c360.alerts.rules = [ { name = x, metric = nps, kind = drop, treshold = 1, level = error } ]")));
    assertTrue(key.getMessage().startsWith("c360.alerts.rules: unknown key 'treshold'"), key.getMessage());
  }

  @Test
  void recommendationSettingsAreReadAndValidated() {
    RecsConfig defaults = ConfigReader.defaultConfig().recommendations();
    assertEquals(10, defaults.topN());
    assertEquals(7, defaults.reevaluateDays());
    assertEquals(50000, defaults.evaluationCustomers());
    assertEquals(java.util.List.of(32, 64), defaults.als().ranks());
    assertEquals(200000, defaults.als().fitCustomers());
    assertEquals(120, defaults.popularity().newArrivalsDays());
    assertTrue(defaults.blend().tuneWeights());
    assertEquals(new RecsConfig.Ranker(true, 100, 5, 0.1, 20000), defaults.ranker());
    assertEquals(0.002, defaults.rules().minSupport());
    assertEquals(14, defaults.replenishment().dueWithinDays());
    assertEquals("control", defaults.experiment().arms().get(0).name());
    RecsConfig changed = ConfigReader.read(ConfigFactory.parseString("""
        c360.recommendations {
          top-n = 5
          reevaluate-days = 0
          evaluation-customers = 0
          als { ranks = [8], alphas = [1.0], max-iter = 2, fit-customers = 0 }
          experiment { name = exp, arms = [{ name = c, weight = 1 }, { name = t, weight = 3 }] }
        }
        """)).recommendations();
    assertEquals(5, changed.topN());
    assertEquals(0, changed.reevaluateDays());
    assertEquals(0, changed.evaluationCustomers());
    assertEquals(java.util.List.of(8), changed.als().ranks());
    assertEquals(0, changed.als().fitCustomers());
    assertEquals(3.0, changed.experiment().arms().get(1).weight());
    ConfigException weight = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.recommendations.blend.weights.new-arrivals = -1")));
    assertEquals("c360.recommendations.blend.weights.new-arrivals must not be negative, got -1.0", weight.getMessage());
    ConfigException days = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.recommendations.reevaluate-days = -1")));
    assertEquals("c360.recommendations.reevaluate-days must be between 0 and 3650, got -1", days.getMessage());
    ConfigException sample = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.recommendations.evaluation-customers = -5")));
    assertEquals("c360.recommendations.evaluation-customers must be >= 0 (0 = every customer), got -5",
        sample.getMessage());
    ConfigException fit = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.recommendations.als.fit-customers = -1")));
    assertEquals("c360.recommendations.als.fit-customers must be >= 0 (0 = every customer), got -1",
        fit.getMessage());
    ConfigException rate = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.recommendations.ranker.learning-rate = 0")));
    assertEquals("c360.recommendations.ranker.learning-rate must be in (0, 1], got 0.0", rate.getMessage());
    ConfigException support = assertThrows(ConfigException.class, () -> ConfigReader.read(
        ConfigFactory.parseString("c360.recommendations.rules.min-support = 0")));
    assertEquals("c360.recommendations.rules.min-support must be in (0, 1], got 0.0", support.getMessage());
    ConfigException arms = assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(
        "c360.recommendations.experiment.arms = [{ name = only, weight = 1 }]")));
    assertEquals("c360.recommendations.experiment.arms needs at least two arms, got 1", arms.getMessage());
    ConfigException typo = assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(
        "c360.recommendations.als.rank = [8]")));
    assertTrue(typo.getMessage().contains("c360.recommendations.als.rank"), typo.getMessage());
  }
}
