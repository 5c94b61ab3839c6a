package io.c360.core.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BG/NBD and Pareto/NBD P(alive), conditional and unconditional expectations against reference values computed
 * with mpmath at 50 digits from the papers' closed forms: src/test/resources/clv/btyd_reference.csv, written by
 * btyd_reference.py next to it (its header says how to run it and what the grid covers: the boundary of the fits,
 * a = 1, s = 1, alpha far from beta, z near 1).
 */
class BtydBoundaryTest {

  private static final double TOLERANCE = 1e-8;

  /** One row of the reference file. */
  private record Reference(String label, String model, String quantity, double[] params, double t, double x,
                           double tx, double age, double value) {

    static Reference parse(String line) {
      String[] f = line.split(",", -1);
      if (f.length != 12) {
        throw new IllegalArgumentException("expected 12 fields: " + line);
      }
      double[] params = {Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
          Double.parseDouble(f[6])};
      return new Reference(f[0], f[1], f[2], params, Double.parseDouble(f[7]), Integer.parseInt(f[8]),
          Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]));
    }

    double evaluate() {
      PurchaseModel m = model.equals("bgnbd") ? new BgNbd(params[0], params[1], params[2], params[3])
          : new ParetoNbd(params[0], params[1], params[2], params[3]);
      return switch (quantity) {
        case "p_alive" -> m.pAlive(x, tx, age);
        case "conditional" -> m.conditionalExpectedPurchases(t, x, tx, age);
        case "unconditional" -> m.expectedPurchases(t);
        default -> throw new IllegalArgumentException("unknown quantity " + quantity);
      };
    }

    @Override
    public String toString() {
      return model + " " + label + " " + quantity + " t=" + t + " x=" + x + " t_x=" + tx + " T=" + age;
    }
  }

  private static List<Reference> references() {
    try (InputStream in = BtydBoundaryTest.class.getResourceAsStream("/clv/btyd_reference.csv")) {
      if (in == null) {
        throw new IllegalStateException("clv/btyd_reference.csv is not on the test classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return reader.lines().skip(1).map(Reference::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void referenceCoversBothModelsAndTheBoundary() {
    List<Reference> rows = references();
    assertEquals(1316, rows.size());
    assertTrue(rows.stream().anyMatch(r -> r.model().equals("bgnbd") && r.params()[2] + r.params()[3] + r.x() < 1));
    assertTrue(rows.stream().anyMatch(r -> r.model().equals("paretonbd") && r.params()[2] == 1));
  }

  @Test
  void noCallThrowsOnTheReferenceGrid() {
    List<String> thrown = new ArrayList<>();
    for (Reference row : references()) {
      try {
        row.evaluate();
      } catch (RuntimeException e) {
        thrown.add(row + ": " + e);
      }
    }
    assertEquals(List.of(), thrown);
  }

  @Test
  void everyValueIsWithin1e8OfTheMpmathReference() {
    List<String> failures = new ArrayList<>();
    for (Reference row : references()) {
      double actual = row.evaluate();
      double error = Math.abs(actual - row.value()) / Math.abs(row.value());
      if (!(error <= TOLERANCE)) {
        failures.add(row + ": " + actual + " vs " + row.value() + " (relative error " + error + ")");
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void theIssuesFitNoLongerFails() {
    // 2F1(0.387, 2.58e-7; -0.9999997; z) was the call that killed the job
    BgNbd issue = new BgNbd(0.387, 6.2, 4.2e-8, 2.58e-7);
    double expected = issue.conditionalExpectedPurchases(39, 0, 0, 38.86);
    assertTrue(expected > 0 && expected < 0.387 / 6.2 * 39, String.valueOf(expected));
  }

  @Test
  void paretoNbdFailsLoudlyWhereItsSeriesCannotConverge() {
    // alpha / beta = 1e-10: z = 1 - 1e-10 for a customer with t_x = 0
    ParetoNbd extreme = new ParetoNbd(0.5, 1e-6, 0.7, 1e4);
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> extreme.pAlive(0, 0, 10));
    assertTrue(e.getMessage().startsWith("Pareto/NBD {r=0.5, alpha=1.0E-6, s=0.7, beta=10000.0} cannot be "
        + "evaluated at x=0.0, t_x=0.0, T=10.0"), e.getMessage());
    assertThrows(ArithmeticException.class, () -> extreme.conditionalExpectedPurchases(52, 0, 0, 10));
    // a customer seen buying at T needs no series: P(alive) = 1
    assertEquals(1.0, extreme.pAlive(3, 10, 10));
  }
}
