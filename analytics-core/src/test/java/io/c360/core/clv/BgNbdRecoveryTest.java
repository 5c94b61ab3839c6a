package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.SparkTest;
import java.util.Arrays;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fitting 100,000 customers drawn from a known BG/NBD (CDNOW-like ages, continuous times) recovers its parameters
 * within sampling error: each estimate within three standard errors of the truth, and r and alpha, which are
 * well identified, also within 5%. (a and b are much less precise with 27-39 weeks of history: their standard
 * errors at 100k are about 3-5%.)
 */
@ExtendWith(SparkTest.class)
class BgNbdRecoveryTest {

  @Test
  void recoversTheParametersOf100kSimulatedCustomers(SparkSession spark) {
    BgNbd truth = new BgNbd(0.24, 4.4, 0.79, 2.43);
    RfmTriples data = ClvSummary.compressRfm(
        new BgNbdSimulator(truth, 27.0, 39.0, 0).simulate(spark, 100_000, 2, 7L));
    assertEquals(100_000, data.customers());
    Fitted<BgNbd> fit = BgNbd.fit(data, MaximumLikelihood.Options.DEFAULT);
    double[] estimate = fit.report().params();
    double[] se = fit.report().standardErrors();
    double[] expected = {truth.r(), truth.alpha(), truth.a(), truth.b()};
    String got = fit.model() + " +- " + Arrays.toString(se);
    for (int i = 0; i < 4; i++) {
      assertTrue(se[i] > 0 && se[i] < 0.1 * expected[i], got);
      assertEquals(expected[i], estimate[i], 3 * se[i], got);
    }
    assertEquals(truth.r(), fit.model().r(), 0.05 * truth.r(), got);
    assertEquals(truth.alpha(), fit.model().alpha(), 0.05 * truth.alpha(), got);
  }
}
