package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
