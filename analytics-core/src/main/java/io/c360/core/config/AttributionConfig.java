package io.c360.core.config;

/**
 * Marketing attribution ({@code c360.attribution}).
 *
 * @param windowDays       an order converts the journey whose last touch is at most N days before it
 * @param halfLifeDays     time-decay model: a touch's weight halves every N days before the conversion
 * @param positionFirst    position-based model: share of the first touch (the last gets positionLast, the middle
 *                         touches share the rest; a single touch gets everything, two touches split first/last)
 * @param positionLast     position-based model: share of the last touch
 */
public record AttributionConfig(int windowDays, double halfLifeDays, double positionFirst, double positionLast) {

  public AttributionConfig {
    if (windowDays < 1) {
      throw new ConfigException("c360.attribution.window-days must be >= 1, got " + windowDays);
    }
    if (halfLifeDays <= 0) {
      throw new ConfigException("c360.attribution.half-life-days must be > 0, got " + halfLifeDays);
    }
    if (positionFirst < 0 || positionLast < 0 || positionFirst + positionLast > 1) {
      throw new ConfigException("c360.attribution.position-first and position-last must be >= 0 and add up to at "
          + "most 1, got " + positionFirst + " and " + positionLast);
    }
  }
}
