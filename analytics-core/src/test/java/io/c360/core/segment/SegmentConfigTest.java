package io.c360.core.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import io.c360.core.config.ConfigException;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.SegmentConfig;
import org.junit.jupiter.api.Test;

class SegmentConfigTest {

  private static String error(String conf) {
    return assertThrows(ConfigException.class, () -> ConfigReader.read(ConfigFactory.parseString(conf))).getMessage();
  }

  @Test
  void defaultsCoverTheRfmGridAndVersionEveryTag() {
    SegmentConfig segments = ConfigReader.defaultConfig().segments();
    assertEquals(11, segments.rfmNames().size());
    assertEquals(Tags.NAMES.stream().sorted().toList(),
        segments.tags().ruleVersions().keySet().stream().sorted().toList());
  }

  @Test
  void aChangedRuleChangesOnlyItsVersion() {
    SegmentConfig changed = ConfigReader.read(ConfigFactory.parseString(
        "c360.segments.tags.price-sensitive.min-discount-share = 0.6")).segments();
    SegmentConfig defaults = ConfigReader.defaultConfig().segments();
    assertEquals(0.6, changed.tags().priceSensitiveMinDiscountShare());
    assertEquals(false, changed.tags().ruleVersions().get("price_sensitive")
        .equals(defaults.tags().ruleVersions().get("price_sensitive")));
    assertEquals(defaults.tags().ruleVersions().get("healthy_eating"),
        changed.tags().ruleVersions().get("healthy_eating"));
  }

  @Test
  void invalidRulesAreRejectedWithTheirKey() {
    assertEquals("c360.segments.rfm.bins must be between 2 and 10, got 1", error("c360.segments.rfm.bins = 1"));
    assertEquals("c360.segments.rfm-names must cover every R/F score pair; none matches R=1 F=1",
        error("c360.segments.rfm-names = [ { name = champions, r = [5, 5], f = [4, 5] } ]"));
    assertEquals("c360.segments.growth.tiers must rise: 0 < silver < gold < diamond, got 5000.0, 1000.0, 15000.0",
        error("c360.segments.growth.tiers.silver = 5000\nc360.segments.growth.tiers.gold = 1000"));
    assertEquals("c360.segments.tags.holiday-buyer.windows entries must look like \"MM-dd..MM-dd\", got '11-11'",
        error("c360.segments.tags.holiday-buyer.windows = [\"11-11\"]"));
    assertEquals("unknown configuration key 'c360.segments.rfm.binz' (String: 1)", error("c360.segments.rfm.binz = 3"));
  }

  @Test
  void categoryCoefficientsAreTheUsersOwnMap() {
    SegmentConfig segments = ConfigReader.read(ConfigFactory.parseString(
        "c360.segments.growth.category-coefficients { toys = 1.5 }")).segments();
    assertEquals(1.5, segments.growth().categoryCoefficients().get("toys"));
  }
}
