package io.c360.core.clv;

import java.util.List;

/**
 * Settings of CLV scoring (not yet part of C360Config).
 *
 * @param horizonsDays       horizons of the expected-purchases columns, in days (e.g. 90, 180, 365)
 * @param clvMonths          CLV horizon in months
 * @param margin             profit margin applied to the expected spend, in (0, 1]
 * @param annualDiscountRate yearly discount rate, in [0, 1); discounting is monthly at
 *                           {@code (1 + annual)^(1/12) - 1}
 * @param penalizer          L2 penalty of the fits, >= 0
 */
public record ClvConfig(List<Integer> horizonsDays, int clvMonths, double margin, double annualDiscountRate,
                        double penalizer) {

  public static final ClvConfig DEFAULT = new ClvConfig(List.of(90, 180, 365), 12, 1.0, 0.10, 0.0);

  public ClvConfig {
    if (horizonsDays == null || horizonsDays.isEmpty() || horizonsDays.stream().anyMatch(h -> h == null || h < 1)) {
      throw new IllegalArgumentException("clv horizons must be a non-empty list of days >= 1, got " + horizonsDays);
    }
    horizonsDays = List.copyOf(horizonsDays);
    if (clvMonths < 1 || clvMonths > 600) {
      throw new IllegalArgumentException("clv months must be between 1 and 600, got " + clvMonths);
    }
    if (!(margin > 0 && margin <= 1)) {
      throw new IllegalArgumentException("clv margin must be in (0, 1], got " + margin);
    }
    if (!(annualDiscountRate >= 0 && annualDiscountRate < 1)) {
      throw new IllegalArgumentException("clv annual discount rate must be in [0, 1), got " + annualDiscountRate);
    }
    if (!(penalizer >= 0) || Double.isInfinite(penalizer)) {
      throw new IllegalArgumentException("clv penalizer must be a finite number >= 0, got " + penalizer);
    }
  }

  /** Monthly discount rate equivalent to the annual one. */
  public double monthlyDiscountRate() {
    return Math.pow(1 + annualDiscountRate, 1.0 / 12) - 1;
  }
}
