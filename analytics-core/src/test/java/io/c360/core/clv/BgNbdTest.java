package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.Cdnow;
import io.c360.core.testdata.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** BG/NBD against the published CDNOW figures (shared/data/cdnow/README.md). */
@ExtendWith(SparkTest.class)
class BgNbdTest {

  /** Full-precision parameters of the paper, from the lifetimes documentation. */
  static final BgNbd PUBLISHED = new BgNbd(0.242593, 4.413532, 0.792886, 2.425752);

  @Test
  void fitReproducesThePublishedParametersAndLogLikelihood(SparkSession spark) {
    RfmTriples data = ClvSummary.compressRfm(Cdnow.summary(spark));
    assertEquals(2357, data.customers());
    Fitted<BgNbd> fit = BgNbd.fit(data, MaximumLikelihood.Options.DEFAULT);
    BgNbd m = fit.model();
    assertEquals(PUBLISHED.r(), m.r(), 0.005 * PUBLISHED.r());
    assertEquals(PUBLISHED.alpha(), m.alpha(), 0.005 * PUBLISHED.alpha());
    assertEquals(PUBLISHED.a(), m.a(), 0.005 * PUBLISHED.a());
    assertEquals(PUBLISHED.b(), m.b(), 0.005 * PUBLISHED.b());
    assertEquals(-9582.4, fit.report().logLikelihood(), 0.1);
    assertTrue(fit.report().gradientNorm() < 1e-5, "gradient norm " + fit.report().gradientNorm());
    assertTrue(fit.report().iterations() > 0 && fit.report().iterations() < 500);
  }

  @Test
  void conditionalExpectationAndProbabilityAliveOfThePapersExample() {
    assertEquals(1.226, PUBLISHED.conditionalExpectedPurchases(39, 2, 30.43, 38.86), 1e-3);
    assertEquals(0.7266, PUBLISHED.pAlive(2, 30.43, 38.86), 1e-3);
    assertEquals(1.0, PUBLISHED.pAlive(0, 0, 38.86));
  }

  @Test
  void unconditionalExpectationMatchesThePaper() {
    double[] t = {0.1429, 1, 3, 31.8571, 32, 78};
    double[] expected = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
    for (int i = 0; i < t.length; i++) {
      assertEquals(expected[i], PUBLISHED.expectedPurchases(t[i]), 1e-3, "t=" + t[i]);
    }
  }

  @Test
  void analyticGradientAgreesWithCentralDifferences() {
    RfmTriples data = new RfmTriples(new int[] {0, 1, 4}, new double[] {0, 3.5, 20}, new double[] {30, 25, 38},
        new double[] {5, 2, 1});
    double[] params = {0.3, 5.0, 0.8, 2.5};
    double[] analytic = new double[4];
    BgNbd.logLikelihood(data, params, analytic);
    double[] numeric = new double[4];
    MaximumLikelihood.centralDifferences(p -> BgNbd.logLikelihood(data, p, new double[4])).evaluate(params, numeric);
    for (int i = 0; i < 4; i++) {
      assertEquals(numeric[i], analytic[i], 1e-6 * Math.max(1, Math.abs(numeric[i])), "parameter " + i);
    }
  }

  @Test
  void likelihoodAndGradientStayFiniteAndConsistentOnTheBoundary() {
    // the fit: a and b near 0, so b + x - 1 is tiny for x = 1
    RfmTriples data = new RfmTriples(new int[] {0, 1, 1, 4}, new double[] {0, 2, 30, 20},
        new double[] {30, 25, 31, 38}, new double[] {5, 2, 1, 1});
    double[] params = {0.387, 6.2, 4.2e-8, 2.58e-7};
    double[] analytic = new double[4];
    double ll = BgNbd.logLikelihood(data, params, analytic);
    assertTrue(Double.isFinite(ll), String.valueOf(ll));
    double[] numeric = new double[4];
    MaximumLikelihood.centralDifferences(p -> BgNbd.logLikelihood(data, p, new double[4])).evaluate(params, numeric);
    for (int i = 0; i < 4; i++) {
      assertEquals(numeric[i], analytic[i], 1e-6 * Math.max(1, Math.abs(numeric[i])), "parameter " + i);
    }
  }

  @Test
  void aFitThatRunsOutOfIterationsFailsWithHints(SparkSession spark) {
    RfmTriples data = ClvSummary.compressRfm(Cdnow.summary(spark));
    ClvFitException e = assertThrows(ClvFitException.class,
        () -> BgNbd.fit(data, new MaximumLikelihood.Options(2, 1e-10, 0)));
    assertTrue(e.getMessage().startsWith("BG/NBD: the fit did not converge (max iterations reached after 2 "
        + "iterations"), e.getMessage());
    assertTrue(e.getMessage().contains("T = 0"), e.getMessage());
  }

  @Test
  void standardErrorsMatchThePublishedOnes(SparkSession spark) {
    double[] se = BgNbd.fit(ClvSummary.compressRfm(Cdnow.summary(spark)), MaximumLikelihood.Options.DEFAULT)
        .report().standardErrors();
    // se(coef) of the CDNOW fit in lifetimes' README: 0.012557, 0.378221, 0.185719, 0.705345
    assertEquals(0.012557, se[0], 0.0002);
    assertEquals(0.378221, se[1], 0.004);
    assertEquals(0.185719, se[2], 0.002);
    assertEquals(0.705345, se[3], 0.007);
  }

  @Test
  void perCustomerLogLikelihoodSumsToTheFitsValue(SparkSession spark) {
    RfmTriples data = ClvSummary.compressRfm(Cdnow.summary(spark));
    double sum = 0;
    for (int i = 0; i < data.size(); i++) {
      sum += data.count()[i] * PUBLISHED.logLikelihood(data.x()[i], data.tx()[i], data.age()[i]);
    }
    assertEquals(-9582.4, sum, 0.1);
  }
}
