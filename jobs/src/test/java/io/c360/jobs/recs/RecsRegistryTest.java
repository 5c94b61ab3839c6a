package io.c360.jobs.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.typesafe.config.ConfigFactory;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.RecsConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecsRegistryTest {

  private static RecsConfig read(String conf) {
    return ConfigReader.read(ConfigFactory.parseString(conf)).recommendations();
  }

  @Test
  void aChoiceIsForItsSourcesAndSettingsButNotForReevaluateDays() {
    List<String> sources = List.of("als", "rules");
    String defaults = RecsRegistry.detail(read(""), sources);
    assertEquals(true, defaults.startsWith("sources als, rules; settings "), defaults);
    assertEquals(defaults, RecsRegistry.detail(read("c360.recommendations.reevaluate-days = 30"), sources),
        "how long a choice lasts is not what it was made with");
    assertNotEquals(defaults, RecsRegistry.detail(read("c360.recommendations.als.ranks = [8]"), sources));
    assertNotEquals(defaults, RecsRegistry.detail(read("c360.recommendations.ranker.enabled = false"), sources));
    assertNotEquals(defaults, RecsRegistry.detail(read(""), List.of("als")));
  }
}
