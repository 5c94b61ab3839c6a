package io.c360.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link MetricsRepository} does; a test class per implementation extends it. */
public abstract class MetricsRepositoryContract {

  private static final LocalDate DAY = LocalDate.parse("2025-12-31");
  private static final LocalDate EARLIER = LocalDate.parse("2025-11-30");
  private static final ModelMetric.Key CHURN = new ModelMetric.Key("churn", "churn-1", DAY);

  /** A new, empty repository. */
  protected abstract MetricsRepository repository();

  private static List<ModelMetric> sorted(List<ModelMetric> metrics) {
    return metrics.stream().sorted(Comparator.comparing(ModelMetric::model).thenComparing(ModelMetric::metric)
        .thenComparing(m -> String.valueOf(m.detail())).thenComparing(ModelMetric::asOf)).toList();
  }

  @Test
  void aSaveReplacesItsScopeAndLeavesOtherDatesAndModelsAlone() {
    MetricsRepository repository = repository();
    ModelMetric earlier = new ModelMetric("churn", "churn-0", EARLIER, "auc", 0.7, "out of time");
    ModelMetric identity = new ModelMetric("identity", "rules-v1", DAY, "id_retention", 0.99, null);
    repository.save(ModelScope.of("churn", EARLIER), List.of(earlier));
    repository.save(ModelScope.of("identity", DAY), List.of(identity));
    repository.save(ModelScope.of("churn", DAY), List.of(CHURN.of("auc", 0.81, "out of time"),
        CHURN.of("lift", 2.5, "decile 1")));
    List<ModelMetric> again = List.of(CHURN.of("auc", 0.83, "out of time"), CHURN.of("lift", 2.7, "decile 1"));

    repository.save(ModelScope.of("churn", DAY), again);

    assertEquals(sorted(again), sorted(repository.load(ModelScope.of("churn", DAY))),
        "the second save replaces the first");
    assertEquals(List.of(earlier), repository.load(ModelScope.of("churn", EARLIER)));
    assertEquals(List.of(identity), repository.load(ModelScope.of("identity", DAY)));
  }

  @Test
  void aPatternScopeReplacesEveryModelItMatchesAndOnlyNarrowsToTheNamedMetrics() {
    MetricsRepository repository = repository();
    repository.save(ModelScope.of("recs_%", DAY), List.of(
        new ModelMetric("recs_als", "v", DAY, "map_at_k", 0.1, "k=10"),
        new ModelMetric("recs_rules", "v", DAY, "map_at_k", 0.05, "k=10")));
    ModelMetric blended = new ModelMetric("recs_blended", "v", DAY, "map_at_k", 0.2, "k=10");

    repository.save(ModelScope.of("recs_%", DAY), List.of(blended));

    assertEquals(List.of(blended), repository.load(ModelScope.of("recs_%", DAY)), "recs_als and recs_rules are gone");
    assertEquals(List.of(), repository.load(ModelScope.of("recs_als", DAY)));

    repository.save(ModelScope.of("churn", DAY), List.of(CHURN.of("auc", 0.81, "out of time"),
        CHURN.of("psi_score", 0.02, null)));
    ModelMetric psi = CHURN.of("psi_score", 0.04, null);
    repository.save(ModelScope.of("churn", DAY).only("psi_score", "shap_additivity"), List.of(psi));
    assertEquals(sorted(List.of(CHURN.of("auc", 0.81, "out of time"), psi)),
        sorted(repository.load(ModelScope.of("churn", DAY))), "auc kept: only the named metrics were replaced");
    assertEquals(List.of(psi), repository.load(ModelScope.of("churn", DAY).only("psi_score")));
  }

  @Test
  void aMetricOutsideTheScopeIsRefusedAndNothingIsWritten() {
    MetricsRepository repository = repository();
    ModelMetric otherDay = new ModelMetric("churn", "churn-1", EARLIER, "auc", 0.8, null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> repository.save(ModelScope.of("churn", DAY), List.of(CHURN.of("auc", 0.8, null), otherDay)));
    assertEquals("churn auc of 2025-11-30 is outside ModelScope[models=churn, asOf=2025-12-31, metrics=[]]",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> repository.save(ModelScope.of("churn", DAY).only("auc"),
        List.of(CHURN.of("lift", 2.0, null))));
    assertEquals(List.of(), repository.load(ModelScope.of("%", DAY)));
  }
}
