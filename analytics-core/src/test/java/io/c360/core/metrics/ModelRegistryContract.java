package io.c360.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link ModelRegistry} does; a test class per implementation extends it. */
public abstract class ModelRegistryContract {

  private static final LocalDate DAY = LocalDate.parse("2025-12-31");
  private static final LocalDate EARLIER = LocalDate.parse("2025-11-30");
  private static final Instant TRAINED = Instant.parse("2025-12-31T06:00:00Z").truncatedTo(ChronoUnit.MILLIS);

  /** A new, empty registry. */
  protected abstract ModelRegistry registry();

  private static RegisteredModel churn(LocalDate asOf, double auc) {
    return new RegisteredModel("churn", "churn-" + asOf, asOf, TRAINED, Map.of("eval_auc", auc), null, 30, true,
        1200L, "_models/churn/churn-" + asOf, List.of("days_since_last_order", "orders"), "training T0s ...");
  }

  @Test
  void versionsComeBackAsRegisteredOldestFirstAndARegistrationReplacesItsDate() {
    ModelRegistry registry = registry();
    RegisteredModel bgnbd = new RegisteredModel("clv_bgnbd", "v1", DAY, TRAINED, Map.of("r", 0.24, "alpha", 4.4),
        -9876.5, 17, true, 2357L, null, List.of(), "converged");
    registry.register(ModelScope.of("churn", DAY), List.of(churn(DAY, 0.7)));
    registry.register(ModelScope.of("churn", EARLIER), List.of(churn(EARLIER, 0.75)));
    registry.register(ModelScope.of("clv_%", DAY), List.of(bgnbd));

    registry.register(ModelScope.of("churn", DAY), List.of(churn(DAY, 0.8)));

    assertEquals(List.of(churn(EARLIER, 0.75), churn(DAY, 0.8)), registry.versions("churn"));
    assertEquals(List.of(bgnbd), registry.versions("clv_bgnbd"));
    assertEquals(List.of(), registry.versions("recs"));
  }

  @Test
  void aModelOutsideTheScopeIsRefused() {
    ModelRegistry registry = registry();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> registry.register(ModelScope.of("clv_%", DAY), List.of(churn(DAY, 0.8))));
    assertEquals("churn churn-2025-12-31 of 2025-12-31 is outside ModelScope[models=clv_%, asOf=2025-12-31, "
        + "metrics=[]]", e.getMessage());
    assertEquals(List.of(), registry.versions("churn"));
  }
}
