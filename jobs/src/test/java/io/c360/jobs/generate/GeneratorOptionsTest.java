package io.c360.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class GeneratorOptionsTest {

  private static final Path OUT = Path.of("sample");
  private static final GeneratorOptions BASE = GeneratorOptions.defaults(10, 1, OUT);

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    GeneratorOptions o = GeneratorOptions.defaults(1000, 7, OUT);
    assertEquals(1000, o.customers());
    assertEquals(7, o.seed());
    assertEquals(OUT, o.out());
    assertEquals(0.005, o.dirtyRate());
    assertEquals(LocalDate.of(2024, 1, 1), o.start());
    assertEquals(LocalDate.of(2025, 12, 31), o.end());
    assertNull(o.from());
    assertEquals(365, o.holdoutDays());
  }

  @Test
  void customersMustBePositive() {
    assertEquals("customers must be >= 1, got 0", message(() -> GeneratorOptions.defaults(0, 1, OUT)));
  }

  @Test
  void customersHaveAnUpperBound() {
    assertEquals("customers must be <= 100000000, got 100000001",
        message(() -> GeneratorOptions.defaults(100_000_001L, 1, OUT)));
  }

  @Test
  void dirtyRateMustBeAtMostHalf() {
    assertEquals("dirtyRate must be in [0, 0.5], got 2.0", message(() -> BASE.withDirtyRate(2.0)));
    assertEquals("dirtyRate must be in [0, 0.5], got -0.1", message(() -> BASE.withDirtyRate(-0.1)));
    assertEquals("dirtyRate must be in [0, 0.5], got NaN", message(() -> BASE.withDirtyRate(Double.NaN)));
  }

  @Test
  void endMustBeAfterStart() {
    assertEquals("end (2025-01-01) must be after start (2025-06-01)", message(() -> new GeneratorOptions(10, 1, OUT,
        0.0, LocalDate.of(2025, 6, 1), LocalDate.of(2025, 1, 1), null, 30)));
    assertEquals("end (2025-06-01) must be after start (2025-06-01)", message(() -> new GeneratorOptions(10, 1, OUT,
        0.0, LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 1), null, 30)));
  }

  @Test
  void fromMustBeBeforeEnd() {
    assertEquals("from (2025-12-31) must be before end (2025-12-31)",
        message(() -> BASE.withFrom(LocalDate.of(2025, 12, 31))));
  }

  @Test
  void holdoutDaysMustBeInRange() {
    assertEquals("holdoutDays must be in [0, 3660], got -1", message(() -> BASE.withHoldoutDays(-1)));
  }

  @Test
  void nullOutIsRejected() {
    assertEquals("out must not be null",
        assertThrows(NullPointerException.class, () -> GeneratorOptions.defaults(1, 1, null)).getMessage());
  }

  @Test
  void withersChangeOnlyTheirField() {
    GeneratorOptions o = BASE.withFrom(LocalDate.of(2025, 6, 30)).withEnd(LocalDate.of(2025, 9, 30));
    assertEquals(LocalDate.of(2025, 6, 30), o.from());
    assertEquals(LocalDate.of(2025, 9, 30), o.end());
    assertEquals(BASE.start(), o.start());
    assertEquals(BASE.dirtyRate(), o.dirtyRate());
  }
}
