package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CustomerValueTest {

  @Test
  void theNoteSaysWhenTheSpendIsTheObservedMean() {
    CustomerValue.Result heavyTailed = new CustomerValue.Result(null,
        new Fitted<>(new GammaGamma(2, 0.85, 10), null), null, null);
    assertEquals(ClvScores.SpendBasis.OBSERVED_MEAN, heavyTailed.spendBasis());
    assertTrue(heavyTailed.spendNote().startsWith("gamma-gamma q = 0.8500 <= 1: the population mean spend is "
        + "infinite"), heavyTailed.spendNote());
    CustomerValue.Result usual = new CustomerValue.Result(null,
        new Fitted<>(new GammaGamma(6.25, 3.74, 15.44), null), null, null);
    assertEquals(ClvScores.SpendBasis.GAMMA_GAMMA, usual.spendBasis());
    assertNull(usual.spendNote());
  }
}
