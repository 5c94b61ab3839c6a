package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Hyp2f1Test {

  @Test
  void matchesClosedFormsInsideTheUnitInterval() {
    for (double z : new double[] {0.0, 0.1, 0.5, 0.9, 0.99}) {
      // 2F1(1, 1; 2; z) = -ln(1 - z) / z
      double expected = z == 0 ? 1 : -Math.log1p(-z) / z;
      assertEquals(Math.log(expected), Hyp2f1.log(1, 1, 2, z), 1e-13, "z=" + z);
      // 2F1(a, b; b; z) = (1 - z)^-a
      assertEquals(-2.5 * Math.log1p(-z), Hyp2f1.log(2.5, 3.7, 3.7, z), 1e-12, "z=" + z);
    }
  }

  @Test
  void staysFiniteWhereTheValueOverflowsADouble() {
    // (1 - z)^-400 at z = 0.999 is about 1e1200
    assertEquals(-400 * Math.log1p(-0.999), Hyp2f1.log(400, 7, 7, 0.999), 1e-9);
  }

  @Test
  void rejectsArgumentsOutsideItsRange() {
    assertThrows(IllegalArgumentException.class, () -> Hyp2f1.log(1, 1, 2, 1.0));
    assertThrows(IllegalArgumentException.class, () -> Hyp2f1.log(1, 1, -0.5, 0.5));
    assertThrows(IllegalArgumentException.class, () -> Hyp2f1.log(1, 1, 2, Double.NaN));
  }

  @Test
  void failsLoudlyInsteadOfReturningAnInaccurateValue() {
    assertThrows(Hyp2f1.NotConvergedException.class, () -> Hyp2f1.log(1, 1, 2, 1 - 1e-9));
  }

  @Test
  void scaledComplementMatchesClosedFormsIncludingTheRemovableSingularityAtDEqualsOne() {
    for (double u : new double[] {1e-3, 0.5, 3, 40, 1000}) {
      // a = 1: E[u / (1 + p u)] for p ~ Beta(d, b); uniform p (d = b = 1, c = b: 0/0 in the closed form)
      assertEquals(Math.log1p(u), Hyp2f1.scaledComplement(1, 1, 1, u), 1e-14 * Math.log1p(u), "u=" + u);
      // p ~ Beta(2, 1): 2 (1 - ln(1 + u) / u)
      double beta21 = 2 * (1 - Math.log1p(u) / u);
      assertEquals(beta21, Hyp2f1.scaledComplement(1, 1, 2, u), 1e-12 * beta21, "u=" + u);
    }
    // continuous through d = 1
    double atOne = Hyp2f1.scaledComplement(0.7, 2.4, 1, 5);
    assertEquals(atOne, Hyp2f1.scaledComplement(0.7, 2.4, 1 - 1e-9, 5), 1e-8 * atOne);
    assertEquals(atOne, Hyp2f1.scaledComplement(0.7, 2.4, 1 + 1e-9, 5), 1e-8 * atOne);
  }

  @Test
  void scaledComplementAgreesWithThe2F1SeriesWhereBothApply() {
    double a = 0.9;
    double b = 3.2;
    double d = 0.6;
    double c = b + d - 1;
    for (double u : new double[] {0.01, 1, 20}) {
      double z = u / (1 + u);
      double viaLog = c / (c - b) * -Math.expm1(a * Math.log1p(-z) + Hyp2f1.log(a, b, c, z));
      assertEquals(viaLog, Hyp2f1.scaledComplement(a, b, d, u), 1e-12 * viaLog, "u=" + u);
    }
  }

  @Test
  void scaledComplementCoversNegativeAndZeroC() {
    // c = b + d - 1 = -0.5 and c = 0: the 2F1 series itself does not apply; the value is the Beta expectation,
    // positive and below a u (its value as p -> 0)
    for (double[] bd : new double[][] {{0.2, 0.3}, {0.25, 0.75}, {2.58e-7, 4.2e-8}}) {
      double value = Hyp2f1.scaledComplement(0.4, bd[0], bd[1], 2);
      assertTrue(value > 0 && value < 0.4 * 2, bd[0] + " " + bd[1] + ": " + value);
    }
    // a tiny u: the first-order term a u
    assertEquals(0.4e-300, Hyp2f1.scaledComplement(0.4, 0.2, 0.3, 1e-300), 1e-315);
    assertEquals(0.0, Hyp2f1.scaledComplement(0.4, 0.2, 0.3, 0));
  }

  @Test
  void scaledComplementFailsLoudlyWhenZIsTooCloseToOneOrTheArgumentsAreOutOfRange() {
    assertThrows(Hyp2f1.NotConvergedException.class, () -> Hyp2f1.scaledComplement(0.5, 2, 0.8, 1e9));
    assertThrows(IllegalArgumentException.class, () -> Hyp2f1.scaledComplement(0.5, 0, 0.8, 1));
    assertThrows(IllegalArgumentException.class, () -> Hyp2f1.scaledComplement(0.5, 2, 0.8, -1));
    assertThrows(IllegalArgumentException.class, () -> Hyp2f1.scaledComplement(0.5, 2, 0.8, Double.NaN));
  }
}
