package io.c360.core.config;

import java.util.List;

/**
 * Journey funnels ({@code c360.journey}).
 *
 * @param steps event types of the funnel steps, in order (a device reaches step k on a day when it has an event
 *              of every step 1..k that day)
 * @param days  funnel_daily covers the N days ending on the as-of date
 */
public record JourneyConfig(List<String> steps, int days) {

  public JourneyConfig {
    steps = List.copyOf(steps);
    if (steps.size() < 2) {
      throw new ConfigException("c360.journey.steps needs at least two event types, got " + steps);
    }
    if (steps.stream().distinct().count() != steps.size()) {
      throw new ConfigException("c360.journey.steps must not repeat an event type, got " + steps);
    }
    if (days < 1) {
      throw new ConfigException("c360.journey.days must be >= 1, got " + days);
    }
  }
}
