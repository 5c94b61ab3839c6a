package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.Cdnow;
import io.c360.core.testdata.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ParetoNbdTest {

  @Test
  void fitReproducesThePublishedParametersAndLogLikelihood(SparkSession spark) {
    Fitted<ParetoNbd> fit = ParetoNbd.fit(ClvSummary.compressRfm(Cdnow.summary(spark)),
        MaximumLikelihood.Options.DEFAULT);
    ParetoNbd m = fit.model();
    assertEquals(0.553, m.r(), 0.01 * 0.553);
    assertEquals(10.578, m.alpha(), 0.01 * 10.578);
    assertEquals(0.606, m.s(), 0.01 * 0.606);
    assertEquals(11.669, m.beta(), 0.01 * 11.669);
    assertEquals(-9595.0, fit.report().logLikelihood(), 0.1);
  }

  @Test
  void expectationsAreConsistentWithTheModel() {
    ParetoNbd m = new ParetoNbd(0.553, 10.578, 0.606, 11.669);
    // a customer seen buying at T is certainly alive; a long silence lowers P(alive)
    assertEquals(1.0, m.pAlive(3, 38.86, 38.86), 1e-12);
    assertTrue(m.pAlive(3, 5, 38.86) < m.pAlive(3, 30, 38.86));
    // E[X(t)] of a new customer equals the conditional expectation of a customer with x = 0 observed for T = 0
    assertEquals(m.expectedPurchases(39), m.conditionalExpectedPurchases(39, 0, 0, 0), 1e-9);
    // s = 1 is the continuous limit of the power term
    ParetoNbd one = new ParetoNbd(0.5, 10, 1.0, 12);
    ParetoNbd near = new ParetoNbd(0.5, 10, 1.0 + 1e-7, 12);
    assertEquals(near.expectedPurchases(52), one.expectedPurchases(52), 1e-6);
  }

  @Test
  void parametersMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new ParetoNbd(0.5, 0, 1, 1));
  }
}
