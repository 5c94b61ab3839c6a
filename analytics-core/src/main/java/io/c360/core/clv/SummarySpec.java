package io.c360.core.clv;

import java.time.LocalDate;

/**
 * How to summarise a transactions Dataset for the CLV models.
 *
 * @param customerCol    customer column (any type; carried as {@code customer_id})
 * @param dateCol        purchase date: a date, a timestamp or an ISO string ({@code yyyy-MM-dd[ HH:mm:ss]})
 * @param amountCol      purchase value, or null when there is none (then no zbar)
 * @param period         time unit of x, t_x and T
 * @param calibrationEnd last day of the calibration period (inclusive)
 * @param holdoutEnd     last day of the holdout period (inclusive), or null for no holdout columns
 */
public record SummarySpec(String customerCol, String dateCol, String amountCol, Period period,
                          LocalDate calibrationEnd, LocalDate holdoutEnd) {
  public SummarySpec {
    if (customerCol == null || customerCol.isBlank() || dateCol == null || dateCol.isBlank()) {
      throw new IllegalArgumentException("the customer and date columns are required");
    }
    if (period == null || calibrationEnd == null) {
      throw new IllegalArgumentException("the period and the calibration end are required");
    }
    if (holdoutEnd != null && !holdoutEnd.isAfter(calibrationEnd)) {
      throw new IllegalArgumentException("the holdout end " + holdoutEnd + " must be after the calibration end "
          + calibrationEnd);
    }
    if (period == Period.MONTH && (!isMonthEnd(calibrationEnd) || holdoutEnd != null && !isMonthEnd(holdoutEnd))) {
      throw new IllegalArgumentException("with period month the calibration and holdout ends must be the last day "
          + "of a month, got " + calibrationEnd + (holdoutEnd != null ? " and " + holdoutEnd : ""));
    }
  }

  private static boolean isMonthEnd(LocalDate date) {
    return date.getDayOfMonth() == date.lengthOfMonth();
  }
}
