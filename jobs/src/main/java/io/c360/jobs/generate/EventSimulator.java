package io.c360.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * App and location events of app users. Browsing sessions (logins, searches, views of preferred items, abandoned
 * carts) follow a Poisson process of {@value #SESSION_BASE} + {@value #SESSION_PER_PURCHASE} x the purchase rate a
 * day: a session every 9 days at the mean purchase rate, about five per order (app users look far more often than
 * they buy, so a live user's silence is short and a lost one's long). Engagement fades linearly to a quarter over
 * the {@value #FADE_DAYS} days before dropout and nearly stops after it. Orders placed on the phone usually (60%)
 * leave a funnel (view, add_to_cart, checkout, order) just before the order time, store orders sometimes a
 * store_visit with the store's location. Members are usually logged in (then the row carries the member id). The
 * funnel's order event carries the order id, logged in or not (the app's checkout knows the order it placed).
 */
final class EventSimulator {

  static final int FADE_DAYS = 42;
  private static final int FUNNEL_KEYS = 1 << 19;
  /** Share of phone orders whose funnel reaches the event log (the rest: tracking off, lost offline batches). */
  private static final double FUNNEL_TRACKED = 0.6;
  private static final double SESSION_BASE = 0.02;
  private static final double SESSION_PER_PURCHASE = 4.0;

  private final World world;

  EventSimulator(World world) {
    this.world = world;
  }

  /** Sessions draw from {@code r}, order funnels from {@code rf}: each stream serves one process in time order. */
  List<AppEvent> simulate(Traits tr, Contact c, OrderSimulator.Timeline timeline, SplittableRandom r,
                          SplittableRandom rf) {
    List<AppEvent> events = new ArrayList<>();
    if (c.devices().length == 0) {
      return events;
    }
    int dropDay = timeline.dropoutTs() == World.NEVER ? Integer.MAX_VALUE : World.day(timeline.dropoutTs());
    double rate = SESSION_BASE + SESSION_PER_PURCHASE * tr.purchaseRate();
    double t = Math.max(c.deviceStart()[0], world.startDay);
    int seq = 0;
    while (seq < FUNNEL_KEYS - 16) {
      t += Dist.exponential(r, rate);
      int day = (int) Math.floor(t);
      if (day > world.horizonDay) {
        break;
      }
      if (r.nextDouble() >= engagement(day, dropDay)) {
        continue;
      }
      seq = session(events, seq, day, tr, c, r);
    }
    for (Order o : timeline.orders()) {
      funnel(events, o, c, rf);
    }
    return events;
  }

  static double engagement(int day, int dropDay) {
    if (day < dropDay - FADE_DAYS) {
      return 1.0;
    }
    if (day < dropDay) {
      return 0.25 + 0.75 * (dropDay - day) / (double) FADE_DAYS;
    }
    return 0.04 * StrictMath.exp(-(day - dropDay) / 45.0);
  }

  private int session(List<AppEvent> events, int seq, int day, Traits tr, Contact c, SplittableRandom r) {
    int device = c.deviceAt(day);
    if (device == 1 && Dist.chance(r, 0.1)) {
      device = 0;
    }
    long ts = day * World.DAY_SECONDS + Dist.pick(r, BasketBuilder.HOURS_STANDARD) * 3600L + r.nextInt(3600);
    boolean logged = c.memberAt(ts) && Dist.chance(r, 0.8);
    int city = Dist.chance(r, 0.03) ? r.nextInt(Cities.count()) : c.city();
    boolean located = Dist.chance(r, 0.7);
    int next = seq;
    if (logged && Dist.chance(r, 0.3)) {
      events.add(event(next++, ts, device, true, EventType.LOGIN, -1, city, located, 0.04, r));
      ts += Dist.between(r, 3, 30);
    }
    if (Dist.chance(r, 0.45)) {
      events.add(event(next++, ts, device, logged, EventType.SEARCH, -1, city, located, 0.04, r));
      ts += Dist.between(r, 5, 60);
    }
    int views = 1 + Dist.poisson(r, 0.8);
    int sku = -1;
    for (int v = 0; v < views; v++) {
      Category cat = Category.ALL[Dist.pick(r, tr.categoryCum())];
      int fresh = tr.noveltySeeker() && Dist.chance(r, 0.4) ? world.catalogue.newest(cat, day, r) : -1;
      sku = fresh >= 0 ? fresh : world.catalogue.choose(cat, day, false, r);
      events.add(event(next++, ts, device, logged, EventType.VIEW, sku, city, located, 0.04, r));
      ts += Dist.between(r, 5, 120);
    }
    if (Dist.chance(r, 0.12)) {
      events.add(event(next++, ts, device, logged, EventType.ADD_TO_CART, sku, city, located, 0.04, r));
    }
    return next;
  }

  private void funnel(List<AppEvent> events, Order o, Contact c, SplittableRandom r) {
    int device = c.deviceAt(o.day);
    if (device < 0) {
      return;
    }
    int base = FUNNEL_KEYS | (o.seq << 4);
    if (o.channel == SalesChannel.STORE) {
      if (Dist.chance(r, 0.5)) {
        long ts = o.ts - Dist.between(r, 300, 1800);
        events.add(event(base, ts, device, false, EventType.STORE_VISIT, -1, o.city, true, 0.02, r));
      }
      return;
    }
    if (!o.channel.mobile() || !Dist.chance(r, FUNNEL_TRACKED)) {
      return;
    }
    boolean logged = !o.guest && c.memberAt(o.ts) && Dist.chance(r, 0.9);
    boolean located = Dist.chance(r, 0.7);
    int sku = o.sku[0];
    long ts = o.ts - Dist.between(r, 240, 1800);
    events.add(event(base, ts, device, logged, EventType.VIEW, sku, o.city, located, 0.04, r));
    ts += Dist.between(r, 20, 200);
    events.add(event(base + 1, ts, device, logged, EventType.ADD_TO_CART, sku, o.city, located, 0.04, r));
    events.add(event(base + 2, o.ts - Dist.between(r, 20, 90), device, logged, EventType.CHECKOUT, -1, o.city,
        located, 0.04, r));
    events.add(event(base + 3, o.ts, device, logged, EventType.ORDER, sku, o.city, located, 0.04, r)
        .completing(o.key));
  }

  private static AppEvent event(int key, long ts, int device, boolean logged, EventType type, int sku, int city,
                                boolean located, double spreadDegrees, SplittableRandom r) {
    int lat = AppEvent.NO_LOCATION;
    int lon = AppEvent.NO_LOCATION;
    if (located) {
      lat = (int) Math.round((Cities.LAT[city] + spreadDegrees * Dist.normal(r)) * 1e5);
      lon = (int) Math.round((Cities.LON[city] + spreadDegrees * Dist.normal(r)) * 1e5);
    }
    return new AppEvent(key, ts, device, logged, type, sku, city, lat, lon, AppEvent.NO_ORDER);
  }
}
