package io.c360.core.clv;

import java.util.Locale;

/**
 * The time unit of a CLV summary. Day and week count distinct purchase DAYS (the CDNOW / lifetimes convention:
 * several purchases on one day are one purchase) and measure t_x and T as days / {@link #days()}; month counts
 * distinct calendar months and measures whole months between the first days of the months.
 */
public enum Period {
  DAY(1.0),
  WEEK(7.0),
  MONTH(365.25 / 12);

  private final double days;

  Period(double days) {
    this.days = days;
  }

  /** Length of one unit in days (a month is 365.25 / 12 days when horizons given in days are converted). */
  public double days() {
    return days;
  }

  /** Parses day, week or month (any case). */
  public static Period parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("period must be day, week or month, got '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
