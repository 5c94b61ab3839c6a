package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.Cdnow;
import io.c360.core.testdata.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class GammaGammaTest {

  @Test
  void fitOnCdnowRepeatBuyersReproducesThePublishedParameters(SparkSession spark) {
    SpendPairs data = ClvSummary.compressSpend(Cdnow.summaryWithSpend(spark));
    assertEquals(946, data.customers());
    GammaGamma m = GammaGamma.fit(data, MaximumLikelihood.Options.DEFAULT).model();
    assertEquals(6.25, m.p(), 0.01 * 6.25);
    assertEquals(3.74, m.q(), 0.01 * 3.74);
    assertEquals(15.44, m.v(), 0.01 * 15.44);
  }

  @Test
  void conditionalSpendShrinksTheCustomersMeanTowardsThePopulationMean() {
    GammaGamma m = new GammaGamma(6.25, 3.74, 15.44);
    double population = 6.25 * 15.44 / 2.74;
    assertEquals(population, m.meanSpend(), 1e-12);
    assertEquals(population, m.conditionalExpectedSpend(0, 0), 1e-12);
    // weights (q - 1) / (p x + q - 1) and p x / (p x + q - 1)
    double x = 2;
    double zbar = 50;
    double w = 6.25 * x / (6.25 * x + 2.74);
    assertEquals((1 - w) * population + w * zbar, m.conditionalExpectedSpend(x, zbar), 1e-9);
  }

  @Test
  void analyticGradientAgreesWithCentralDifferences() {
    SpendPairs data = new SpendPairs(new int[] {1, 1, 3}, new double[] {10, 25, 14}, new double[] {2, 1, 4});
    double[] params = {5.0, 3.0, 12.0};
    double[] analytic = new double[3];
    GammaGamma.logLikelihood(data, params, analytic);
    double[] numeric = new double[3];
    MaximumLikelihood.centralDifferences(p -> GammaGamma.logLikelihood(data, p, new double[3]))
        .evaluate(params, numeric);
    for (int i = 0; i < 3; i++) {
      assertEquals(numeric[i], analytic[i], 1e-6 * Math.max(1, Math.abs(numeric[i])), "parameter " + i);
    }
  }

  @Test
  void infiniteMeanSpendIsAClearError() {
    assertThrows(IllegalStateException.class, () -> new GammaGamma(2, 0.9, 10).meanSpend());
    assertThrows(IllegalStateException.class, () -> new GammaGamma(2, 1, 10).conditionalExpectedSpend(3, 20));
  }

  @Test
  void theMeanIsFiniteOnlyForQAboveOne() {
    assertFalse(new GammaGamma(2, 0.9, 10).hasFiniteMean());
    assertFalse(new GammaGamma(2, 1, 10).hasFiniteMean());
    assertTrue(new GammaGamma(2, 1 + 1e-12, 10).hasFiniteMean());
    assertEquals(ClvScores.SpendBasis.OBSERVED_MEAN, ClvScores.SpendBasis.of(new GammaGamma(2, 1, 10)));
    assertEquals(ClvScores.SpendBasis.GAMMA_GAMMA, ClvScores.SpendBasis.of(new GammaGamma(6.25, 3.74, 15.44)));
    assertEquals(ClvScores.SpendBasis.NONE, ClvScores.SpendBasis.of(null));
  }
}
