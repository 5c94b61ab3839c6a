package io.c360.jobs.generate;

import java.util.SplittableRandom;

/**
 * Builds the contents of one order: channel, time of day, the identifiers the order system recorded, the lines and
 * their discounts. Regular baskets fill up to a log-normal target value around the person's basket mean (larger for
 * weekend shoppers on weekends and in promotions), drawing categories from the person's preferences; favourites that
 * are due are re-bought; novelty seekers often take items launched in the last weeks; price-sensitive persons take
 * the cheaper of two items and get more and larger discounts and coupons, above all in promotions. Complement rules
 * add cases and chargers to phones and the like. Emergency restocks are one or two household or baby items late in
 * the evening without discounts.
 */
final class BasketBuilder {

  static final double[] HOURS_STANDARD = Dist.cumulative(1, 0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 2, 3, 4, 4.5, 5,
      6, 5, 4.5, 4.5, 4.5, 5, 6, 7.5, 8.5, 8, 6, 3);
  private static final double[] HOURS_STORE = Dist.cumulative(0, 0, 0, 0, 0, 0, 0, 0, 0.5, 3, 5, 6, 6, 5, 5, 5, 5, 6,
      7, 7, 6, 4, 1, 0);
  private static final double[] HOURS_WEEKEND = Dist.cumulative(0.3, 0.1, 0, 0, 0, 0, 0.3, 1, 3, 6, 8, 8, 7, 7, 7,
      7, 6, 5, 4, 3, 2, 1, 0.5, 0.3);
  private static final long[] COUPONS = {500, 1000, 2000, 3000, 5000};
  private static final int MAX_LINES = 12;

  private final World world;

  BasketBuilder(World world) {
    this.world = world;
  }

  Order build(OrderKind kind, int seq, int day, Traits tr, Contact c, Replenishment rep, SplittableRandom r) {
    SalesChannel channel = channel(kind, tr, r);
    long ts = day * World.DAY_SECONDS + secondOfDay(kind, channel, tr.weekendShopper() && RetailCalendar.weekend(day),
        r);
    boolean guest = c.accountId() == null
        || Dist.chance(r, channel == SalesChannel.STORE ? 0.06 : 0.015);
    String phone;
    String email;
    if (guest) {
      boolean counter = channel == SalesChannel.STORE && Dist.chance(r, 0.3);
      String digits = counter ? world.counterPhones[r.nextInt(world.counterPhones.length)] : c.phone();
      phone = Phones.format(digits, Dist.pick(r, Phones.ORDER_STYLES));
      email = !counter && Dist.chance(r, 0.3) ? Names.noisyEmail(c.emailAt(day), r) : null;
    } else {
      phone = Dist.chance(r, 0.93) ? Phones.format(c.phone(), Dist.pick(r, Phones.ORDER_STYLES)) : null;
      email = Dist.chance(r, 0.8) ? Names.noisyEmail(c.emailAt(day), r) : null;
    }
    int city = Dist.chance(r, 0.04) ? r.nextInt(Cities.count()) : c.city();
    Order o = new Order(seq, Ids.key(tr.index(), seq), kind, ts, channel, city, guest, phone, email);
    switch (kind) {
      case EMERGENCY:
        fillEmergency(o, day, tr, rep, r);
        break;
      case REPLENISHMENT:
        fillReplenishment(o, day, tr, rep, r);
        discount(o, day, tr, r);
        break;
      default:
        fillRegular(o, day, tr, rep, r);
        discount(o, day, tr, r);
        break;
    }
    return o;
  }

  private static SalesChannel channel(OrderKind kind, Traits tr, SplittableRandom r) {
    if (kind == OrderKind.EMERGENCY) {
      return tr.appUser() && Dist.chance(r, 0.7) ? SalesChannel.APP : SalesChannel.MINI_PROGRAM;
    }
    SalesChannel ch = SalesChannel.ALL[Dist.pick(r, tr.channelCum())];
    if (kind == OrderKind.REPLENISHMENT && ch == SalesChannel.STORE) {
      return tr.appUser() ? SalesChannel.APP : SalesChannel.WEB;
    }
    return ch;
  }

  private static int secondOfDay(OrderKind kind, SalesChannel channel, boolean weekendFamily, SplittableRandom r) {
    int hour;
    if (kind == OrderKind.EMERGENCY) {
      hour = Dist.between(r, 21, 23);
    } else if (channel == SalesChannel.STORE) {
      hour = Dist.pick(r, HOURS_STORE);
    } else if (weekendFamily) {
      hour = Dist.pick(r, HOURS_WEEKEND);
    } else {
      hour = Dist.pick(r, HOURS_STANDARD);
    }
    return hour * 3600 + r.nextInt(3600);
  }

  private void fillEmergency(Order o, int day, Traits tr, Replenishment rep, SplittableRandom r) {
    int n = Dist.chance(r, 0.7) ? 1 : 2;
    for (int i = 0; i < n; i++) {
      Category cat = tr.hasBaby() && Dist.chance(r, 0.6) ? Category.BABY : Category.HOUSEHOLD;
      addLine(o, product(cat, day, tr, rep, r), 1, day, rep, r);
    }
  }

  private void fillReplenishment(Order o, int day, Traits tr, Replenishment rep, SplittableRandom r) {
    for (int k = 0; k < rep.size(); k++) {
      if (rep.isDue(k, day, 3)) {
        addLine(o, rep.product(k), quantity(rep.product(k), false, r), day, rep, r);
      }
    }
    if (o.lines == 0 || Dist.chance(r, 0.3)) {
      Category cat = Category.ALL[Dist.pick(r, tr.categoryCum())];
      addLine(o, product(cat, day, tr, rep, r), 1, day, rep, r);
    }
  }

  private void fillRegular(Order o, int day, Traits tr, Replenishment rep, SplittableRandom r) {
    boolean promo = world.calendar.promo(day);
    boolean family = tr.weekendShopper() && RetailCalendar.weekend(day);
    double target = tr.basketMean() * Dist.logNormal(r, 1.0, 0.45) * (family ? 1.5 : 1.0)
        * (promo ? (tr.priceSensitive() ? 1.4 : 1.15) : 1.0) * 100.0;
    for (int k = 0; k < rep.size(); k++) {
      if (rep.isDue(k, day, 3) && Dist.chance(r, 0.8)) {
        addLine(o, rep.product(k), quantity(rep.product(k), family, r), day, rep, r);
      }
    }
    while (o.lines == 0 || o.grossCents() < target && o.lines < MAX_LINES) {
      Category cat = Category.ALL[Dist.pick(r, tr.categoryCum())];
      int p = product(cat, day, tr, rep, r);
      addLine(o, p, quantity(p, family && cat.grocery(), r), day, rep, r);
      int[] comps = world.catalogue.complements(p);
      double[] probs = world.catalogue.complementProbs(p);
      for (int j = 0; j < comps.length; j++) {
        if (Dist.chance(r, probs[j]) && world.catalogue.product(comps[j]).launchDay() <= day) {
          addLine(o, comps[j], 1, day, rep, r);
        }
      }
    }
  }

  private int product(Category cat, int day, Traits tr, Replenishment rep, SplittableRandom r) {
    int slot = rep.slotOf(cat, world.catalogue);
    if (slot >= 0 && Dist.chance(r, 0.5)) {
      return rep.product(slot);
    }
    if (tr.noveltySeeker() && Dist.chance(r, 0.5)) {
      int fresh = world.catalogue.newest(cat, day, r);
      if (fresh >= 0) {
        return fresh;
      }
    }
    return world.catalogue.choose(cat, day, tr.priceSensitive() && Dist.chance(r, 0.6), r);
  }

  private int quantity(int product, boolean family, SplittableRandom r) {
    long price = world.catalogue.product(product).listPriceCents();
    int q;
    if (price <= 1500) {
      q = 1 + Dist.poisson(r, 0.9);
    } else if (price <= 6000) {
      q = Dist.chance(r, 0.25) ? 2 : 1;
    } else {
      q = 1;
    }
    return family ? q + 1 : q;
  }

  private void addLine(Order o, int product, int qty, int day, Replenishment rep, SplittableRandom r) {
    o.add(product, qty, world.catalogue.product(product).listPriceCents());
    int slot = rep.slotOf(product);
    if (slot >= 0) {
      rep.bought(slot, day, r);
    }
  }

  private void discount(Order o, int day, Traits tr, SplittableRandom r) {
    boolean promo = world.calendar.promo(day);
    boolean ps = tr.priceSensitive();
    double p = promo ? (ps ? 0.75 : 0.35) : (ps ? 0.35 : 0.08);
    for (int i = 0; i < o.lines; i++) {
      if (Dist.chance(r, p)) {
        double pct = promo ? (ps ? Dist.uniform(r, 0.15, 0.40) : Dist.uniform(r, 0.05, 0.20))
            : Dist.uniform(r, 0.05, 0.15);
        o.discountCents[i] = Math.round(o.quantity[i] * o.unitCents[i] * pct);
      }
    }
    double couponP = ps ? (promo ? 0.45 : 0.25) : (promo ? 0.10 : 0.04);
    if (Dist.chance(r, couponP)) {
      long coupon = COUPONS[r.nextInt(COUPONS.length)];
      if (o.grossCents() >= 3 * coupon) {
        o.couponCents = coupon;
      }
    }
  }
}
