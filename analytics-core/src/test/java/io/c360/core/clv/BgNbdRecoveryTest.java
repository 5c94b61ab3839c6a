package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fitting 100,000 customers drawn from a known BG/NBD recovers its parameters. */
@ExtendWith(SparkTest.class)
class BgNbdRecoveryTest {

  @Test
  void recoversTheParametersOf100kSimulatedCustomers(SparkSession spark) {
    BgNbd truth = new BgNbd(0.24, 4.4, 0.79, 2.43);
    RfmTriples data = ClvSummary.compressRfm(
        BgNbdSimulator.cdnowLike(truth).simulate(spark, 100_000, 2, 7L));
    assertEquals(100_000, data.customers());
    BgNbd fit = BgNbd.fit(data, MaximumLikelihood.Options.DEFAULT).model();
    String got = fit.toString();
    assertEquals(truth.r(), fit.r(), 0.05 * truth.r(), got);
    assertEquals(truth.alpha(), fit.alpha(), 0.05 * truth.alpha(), got);
    assertEquals(truth.a(), fit.a(), 0.05 * truth.a(), got);
    assertEquals(truth.b(), fit.b(), 0.05 * truth.b(), got);
  }
}
