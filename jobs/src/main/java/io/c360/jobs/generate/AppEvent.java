package io.c360.jobs.generate;

/**
 * One app or location event.
 *
 * @param localKey per-person event key (sessions count up from 0, order funnels use a separate key range)
 * @param ts       event time (seconds)
 * @param device   index of the person's device
 * @param loggedIn whether the member was logged in (the row then carries the member id)
 * @param type     event type
 * @param sku      catalogue index of the item, or -1
 * @param city     city index
 * @param latE5    latitude in 1e-5 degrees, or {@link #NO_LOCATION}
 * @param lonE5    longitude in 1e-5 degrees, or {@link #NO_LOCATION}
 * @param orderKey key of the order an {@code order} event completes (the row then carries its order id), or
 *                 {@link #NO_ORDER}
 */
record AppEvent(int localKey, long ts, int device, boolean loggedIn, EventType type, int sku, int city, int latE5,
                int lonE5, long orderKey) {

  static final int NO_LOCATION = Integer.MIN_VALUE;
  static final long NO_ORDER = -1L;

  /** This event as the one that completes the order {@code key}. */
  AppEvent completing(long key) {
    return new AppEvent(localKey, ts, device, loggedIn, type, sku, city, latE5, lonE5, key);
  }
}
