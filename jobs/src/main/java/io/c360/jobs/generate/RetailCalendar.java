package io.c360.jobs.generate;

import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Yearly seasonality of purchases: a rate multiplier per day with the Chinese New Year shopping run-up (and the quiet
 * holiday week after it), the 618 festival (June 1-18, peak on the 18th), Double 11 (November 1-11, peak on the
 * 11th), Double 12 and Christmas. Price-sensitive persons have sharper promotion peaks and buy less in between.
 * Day numbers are epoch days; weekdays count from Monday = 0.
 */
final class RetailCalendar {

  /** Chinese New Year (first day of the lunar year), 2010-2040. */
  private static final int[][] NEW_YEAR = {
      {2010, 2, 14}, {2011, 2, 3}, {2012, 1, 23}, {2013, 2, 10}, {2014, 1, 31}, {2015, 2, 19}, {2016, 2, 8},
      {2017, 1, 28}, {2018, 2, 16}, {2019, 2, 5}, {2020, 1, 25}, {2021, 2, 12}, {2022, 2, 1}, {2023, 1, 22},
      {2024, 2, 10}, {2025, 1, 29}, {2026, 2, 17}, {2027, 2, 6}, {2028, 1, 26}, {2029, 2, 13}, {2030, 2, 3},
      {2031, 1, 23}, {2032, 2, 11}, {2033, 1, 31}, {2034, 2, 19}, {2035, 2, 8}, {2036, 1, 28}, {2037, 2, 15},
      {2038, 2, 4}, {2039, 1, 24}, {2040, 2, 12}};
  private static final String[] EVERYDAY_CAMPAIGNS = {
      "new_arrivals", "member_day", "replenish_reminder", "winback", "weekend_deals", "healthy_living"};

  /** Largest multiplier of the rules below (Double 11), a constant so that thinning never depends on the range. */
  private static final double MAX_NORMAL = 4.0;
  private static final double MAX_PRICE_SENSITIVE = 7.0;

  private final int firstDay;
  private final double[] normal;
  private final double[] priceSensitive;
  private final boolean[] promo;

  RetailCalendar(int firstDay, int lastDay) {
    this.firstDay = firstDay;
    int n = lastDay - firstDay + 1;
    normal = new double[n];
    priceSensitive = new double[n];
    promo = new boolean[n];
    for (int i = 0; i < n; i++) {
      LocalDate date = LocalDate.ofEpochDay((long) firstDay + i);
      int month = date.getMonthValue();
      int dom = date.getDayOfMonth();
      int fromNewYear = firstDay + i - (int) newYear(date.getYear()).toEpochDay();
      double m = 1.0;
      double p = 0.75;
      boolean isPromo = false;
      if (fromNewYear >= -14 && fromNewYear < 0) {
        m = 1.6;
        p = 1.8;
        isPromo = true;
      } else if (fromNewYear >= 0 && fromNewYear <= 6) {
        m = 0.45;
        p = 0.4;
      }
      if (month == 6 && dom <= 17) {
        m = 1.25;
        p = 1.6;
        isPromo = true;
      } else if (month == 6 && dom == 18) {
        m = 2.5;
        p = 4.5;
        isPromo = true;
      } else if (month == 11 && dom <= 10) {
        m = 1.35;
        p = 1.8;
        isPromo = true;
      } else if (month == 11 && dom == 11) {
        m = 4.0;
        p = 7.0;
        isPromo = true;
      } else if (month == 12 && dom == 12) {
        m = 1.8;
        p = 2.8;
        isPromo = true;
      } else if (month == 12 && dom >= 20 && dom <= 25) {
        m = 1.4;
        p = 1.3;
      }
      normal[i] = m;
      priceSensitive[i] = p;
      promo[i] = isPromo;
    }
  }

  static LocalDate newYear(int year) {
    for (int[] d : NEW_YEAR) {
      if (d[0] == year) {
        return LocalDate.of(d[0], d[1], d[2]);
      }
    }
    return LocalDate.of(year, 2, 5);
  }

  /** Monday = 0 .. Sunday = 6 (epoch day 0, 1970-01-01, was a Thursday). */
  static int dayOfWeek(int day) {
    return Math.floorMod(day + 3, 7);
  }

  static boolean weekend(int day) {
    return dayOfWeek(day) >= 5;
  }

  double multiplier(int day, boolean isPriceSensitive) {
    int i = day - firstDay;
    if (i < 0 || i >= normal.length) {
      return 1.0;
    }
    return isPriceSensitive ? priceSensitive[i] : normal[i];
  }

  double maxMultiplier(boolean isPriceSensitive) {
    return isPriceSensitive ? MAX_PRICE_SENSITIVE : MAX_NORMAL;
  }

  boolean promo(int day) {
    int i = day - firstDay;
    return i >= 0 && i < promo.length && promo[i];
  }

  /** Campaign name of a marketing touch on that day: the festival running then, else an everyday campaign. */
  String campaign(int day, SplittableRandom r) {
    LocalDate date = LocalDate.ofEpochDay(day);
    int year = date.getYear();
    int fromNewYear = day - (int) newYear(year).toEpochDay();
    int month = date.getMonthValue();
    int dom = date.getDayOfMonth();
    if (fromNewYear >= -21 && fromNewYear < 0) {
      return "cny_" + year;
    }
    if (month == 6 && dom <= 18) {
      return "618_" + year;
    }
    if (month == 11 && dom <= 11) {
      return "double11_" + year;
    }
    if (month == 12 && dom >= 8 && dom <= 12) {
      return "double12_" + year;
    }
    return EVERYDAY_CAMPAIGNS[r.nextInt(EVERYDAY_CAMPAIGNS.length)];
  }
}
