package io.c360.jobs.generate;

/**
 * Everything shared by all persons of one run: the day bounds derived from the options, the calendar, the catalogue,
 * the id and phone generators and the shop counter phones. Times are seconds since 1970-01-01 00:00 local time,
 * days are epoch days.
 */
final class World {

  static final long DAY_SECONDS = 86_400L;
  /** Marker of "never" for timestamps. */
  static final long NEVER = Long.MAX_VALUE;
  /**
   * Days simulated past the holdout window, so that the weeks of fading app use before a dropout are the same
   * whatever {@code end} is.
   */
  static final int FADE_MARGIN_DAYS = 60;

  final GeneratorOptions options;
  final long seed;
  final int startDay;
  final int endDay;
  final int fromDay;
  final int holdoutEndDay;
  final int horizonDay;
  final RetailCalendar calendar;
  final Catalogue catalogue;
  final Ids ids;
  final Phones phones;
  final String[] counterPhones;

  World(GeneratorOptions options) {
    this.options = options;
    this.seed = options.seed();
    this.startDay = (int) options.start().toEpochDay();
    this.endDay = (int) options.end().toEpochDay();
    this.fromDay = options.from() == null ? Integer.MIN_VALUE : (int) options.from().toEpochDay();
    this.holdoutEndDay = endDay + options.holdoutDays();
    this.horizonDay = holdoutEndDay + FADE_MARGIN_DAYS;
    this.calendar = new RetailCalendar(startDay - 1, horizonDay + 1);
    this.catalogue = new Catalogue(seed, startDay);
    this.ids = new Ids(seed);
    this.phones = new Phones(seed);
    int counters = (int) Math.max(3, options.customers() / 25_000);
    this.counterPhones = new String[counters];
    for (int k = 0; k < counters; k++) {
      counterPhones[k] = phones.counter(k);
    }
  }

  static int day(long ts) {
    return (int) Math.floorDiv(ts, DAY_SECONDS);
  }

  /** Whether a fact record at {@code ts} belongs to this batch: day in (from, end]. */
  boolean inBatch(long ts) {
    int d = day(ts);
    return d > fromDay && d <= endDay;
  }

  /** Whether a record at {@code ts} exists as of {@code end}. */
  boolean byEnd(long ts) {
    return ts != NEVER && day(ts) <= endDay;
  }

  /** Whether an order at {@code ts} falls in the holdout window (end, end + holdoutDays]. */
  boolean inHoldout(long ts) {
    int d = day(ts);
    return d > endDay && d <= holdoutEndDay;
  }
}
