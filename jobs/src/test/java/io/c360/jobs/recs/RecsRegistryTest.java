package io.c360.jobs.recs;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.c360.core.catalog.Tables;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.RecsConfig;
import io.c360.core.recs.Recommendations;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.Lake;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class RecsRegistryTest {

  private static RecsConfig read(String conf) {
    return ConfigReader.read(ConfigFactory.parseString(conf)).recommendations();
  }

  @Test
  void aChoiceIsForItsSourcesAndSettingsButNotForReevaluateDays() {
    List<String> sources = List.of("als", "rules");
    String defaults = RecsRegistry.detail(read(""), sources);
    assertTrue(defaults.startsWith("sources als, rules; settings "), defaults);
    assertEquals(defaults, RecsRegistry.detail(read("c360.recommendations.reevaluate-days = 30"), sources),
        "how long a choice lasts is not what it was made with");
    assertNotEquals(defaults, RecsRegistry.detail(read("c360.recommendations.als.ranks = [8]"), sources));
    assertNotEquals(defaults, RecsRegistry.detail(read("c360.recommendations.ranker.enabled = false"), sources));
    assertNotEquals(defaults, RecsRegistry.detail(read(""), List.of("als")));
  }

  @Test
  void theNewestChoiceServesUntilItIsReevaluateDaysOld(@TempDir Path dir) {
    TestLake test = SharedLake.copy(dir);
    Lake lake = test.open();
    RecsRegistry registry = new RecsRegistry(lake);
    RecsConfig config = test.config.recommendations();
    List<String> sources = List.copyOf(new Recommendations(config).weights().keySet());
    LocalDate earlier = SharedLake.EARLIER;

    int days = config.reevaluateDays();
    assertEquals(60, days, "SharedLake.CONF");
    assertEquals(Optional.of("recs-" + earlier), version(registry.choose(config, earlier, sources)));
    assertEquals(Optional.of("recs-" + earlier), version(registry.choose(config, earlier.plusDays(days - 1),
        sources)));
    assertEquals(Optional.empty(), version(registry.choose(config, earlier.plusDays(days), sources)), days
        + " days old");
    assertEquals(Optional.empty(), version(registry.choose(config, earlier.minusDays(1), sources)),
        "no choice before the as-of date");
    assertEquals(Optional.empty(), version(registry.choose(read(SharedLake.CONF
        + "c360.recommendations.reevaluate-days = 0"), earlier, sources)), "0: every run evaluates");
    assertEquals(Optional.empty(), version(registry.choose(read(SharedLake.CONF
        + "c360.recommendations.k = 5"), earlier, sources)), "a changed setting");
    String earlierChoice = "model = 'recs' AND as_of = '" + earlier + "'";
    lake.append(Tables.MODEL_REGISTRY, lake.read(Tables.MODEL_REGISTRY).where(earlierChoice)
        .withColumn("as_of", lit(Date.valueOf(SharedLake.AS_OF)))
        .withColumn("model_version", lit("recs-" + SharedLake.AS_OF)).localCheckpoint());
    assertEquals(Optional.of("recs-" + SharedLake.AS_OF),
        version(registry.choose(config, SharedLake.AS_OF.plusDays(1), sources)), "the newest of two");
    assertEquals(Optional.of("recs-" + earlier), version(registry.choose(config, earlier, sources)),
        "the newest made by the as-of date");

    RecsRegistry.Registered chosen = registry.choose(config, earlier, sources).orElseThrow();
    assertEquals(4, chosen.als().rank());
    assertEquals(sources, List.copyOf(chosen.blending().weights().keySet()));
    lake.replaceWhere(Tables.MODEL_REGISTRY, lake.read(Tables.MODEL_REGISTRY).where(earlierChoice)
        .withColumn("artifact_path", lit("_models/recs/gone")).localCheckpoint(), earlierChoice);
    assertEquals(Optional.empty(), version(registry.choose(config, earlier, sources)),
        "a choice whose saved trees are gone is evaluated anew");
  }

  private static Optional<String> version(Optional<RecsRegistry.Registered> registered) {
    return registered.map(RecsRegistry.Registered::version);
  }
}
