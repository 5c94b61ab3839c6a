package io.c360.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The purchase timeline of one person, simulated forward in time up to {@link World#horizonDay} (buy-till-you-die).
 *
 * <p>While alive, regular purchases follow a Poisson process with rate {@code purchaseRate x season(day) x
 * weekday(day) x touch uplift(day)} (sampled by thinning), competing with emergency restocks (constant rate) and
 * replenishment re-buys when a favourite item runs out (30% of due dates become an order; otherwise the person bought
 * it elsewhere). After each repeat purchase the person drops out with probability {@code dropoutProb}, raised to
 * {@code 1 - (1 - p)(1 - }{@value #BAD_EXPERIENCE_DROPOUT}{@code )} when that order went wrong; a bad acquisition
 * purchase alone loses the customer with probability {@value #BAD_EXPERIENCE_DROPOUT}. Whether an order goes wrong
 * (per-person rate, beta-distributed, mean about 11%) and its status are drawn from a separate stream.
 */
final class OrderSimulator {

  static final double BAD_EXPERIENCE_DROPOUT = 0.35;
  static final double REPLENISH_ORDER_PROBABILITY = 0.3;
  private static final double[] WEEKLY = {0.95, 0.9, 0.9, 0.95, 1.05, 1.15, 1.1};
  private static final double[] WEEKEND_SHOPPER = {0.25, 0.25, 0.25, 0.25, 0.45, 2.8, 2.75};
  private static final double[] ONLINE_ISSUES = Dist.cumulative(0.45, 0.30, 0.12, 0.13);
  private static final TicketCategory[] ISSUES = {TicketCategory.DELIVERY_DELAY, TicketCategory.QUALITY,
      TicketCategory.SYSTEM_FAULT, TicketCategory.REFUND};

  /** A person's orders in time order and the moment of dropout ({@link World#NEVER} if alive at the horizon). */
  record Timeline(List<Order> orders, long dropoutTs) {
  }

  private final World world;
  private final BasketBuilder baskets;

  OrderSimulator(World world) {
    this.world = world;
    this.baskets = new BasketBuilder(world);
  }

  Timeline simulate(Traits tr, Contact c, List<Touch> touches, SplittableRandom rt, SplittableRandom rb,
                    SplittableRandom rx) {
    List<Order> orders = new ArrayList<>();
    if (tr.acquiredDay() > world.horizonDay) {
      return new Timeline(orders, World.NEVER);
    }
    Replenishment rep = new Replenishment(tr.favourites(), tr.cycles());
    double[] weekly = tr.weekendShopper() ? WEEKEND_SHOPPER : WEEKLY;
    double maxWeekly = 0.0;
    for (double w : weekly) {
      maxWeekly = Math.max(maxWeekly, w);
    }
    double maxMult = world.calendar.maxMultiplier(tr.priceSensitive()) * maxWeekly
        * (tr.consent() ? MarketingChannel.MAX_FACTOR : 1.0);
    double regularRate = tr.purchaseRate() * maxMult;
    double totalRate = regularRate + tr.emergencyRate();

    if (!tr.preExisting()) {
      Order first = place(OrderKind.FIRST, tr.acquiredDay(), orders, tr, c, rep, rb, rx);
      if (first.issue != null && Dist.chance(rt, BAD_EXPERIENCE_DROPOUT)) {
        return new Timeline(orders, first.ts);
      }
    }
    double next = tr.acquiredDay() + Dist.exponential(rt, totalRate);
    while (orders.size() <= Ids.MAX_SEQ) {
      double due = rep.nextDue();
      Order placed = null;
      if (due < next) {
        int d = (int) Math.floor(due);
        if (d > world.horizonDay) {
          break;
        }
        if (Dist.chance(rt, REPLENISH_ORDER_PROBABILITY)) {
          placed = place(OrderKind.REPLENISHMENT, d, orders, tr, c, rep, rb, rx);
        } else {
          for (int k = 0; k < rep.size(); k++) {
            if (rep.isDue(k, d, 1)) {
              rep.skip(k);
            }
          }
        }
      } else {
        int d = (int) Math.floor(next);
        if (d > world.horizonDay) {
          break;
        }
        if (rt.nextDouble() * totalRate < regularRate) {
          double m = world.calendar.multiplier(d, tr.priceSensitive()) * weekly[RetailCalendar.dayOfWeek(d)]
              * TouchSimulator.multiplier(touches, d);
          if (rt.nextDouble() * maxMult < m) {
            placed = place(OrderKind.REGULAR, d, orders, tr, c, rep, rb, rx);
          }
        } else {
          placed = place(OrderKind.EMERGENCY, d, orders, tr, c, rep, rb, rx);
        }
        next += Dist.exponential(rt, totalRate);
      }
      if (placed != null && dropsOut(placed, tr, rt)) {
        return new Timeline(orders, placed.ts);
      }
    }
    return new Timeline(orders, World.NEVER);
  }

  private Order place(OrderKind kind, int day, List<Order> orders, Traits tr, Contact c, Replenishment rep,
                      SplittableRandom rb, SplittableRandom rx) {
    Order o = baskets.build(kind, orders.size(), day, tr, c, rep, rb);
    experience(o, tr, rx);
    orders.add(o);
    return o;
  }

  private static void experience(Order o, Traits tr, SplittableRandom rx) {
    double issueRate = o.kind == OrderKind.EMERGENCY ? tr.issueRate() * 0.6 : tr.issueRate();
    if (Dist.chance(rx, issueRate)) {
      o.issue = o.channel == SalesChannel.STORE
          ? (Dist.chance(rx, 0.8) ? TicketCategory.QUALITY : TicketCategory.REFUND)
          : ISSUES[Dist.pick(rx, ONLINE_ISSUES)];
    }
    double cancel = tr.returnProne() ? 0.03 : 0.006;
    double ret = tr.returnProne() ? 0.06 : 0.012;
    if (o.issue == TicketCategory.DELIVERY_DELAY) {
      cancel += 0.25;
    } else if (o.issue == TicketCategory.SYSTEM_FAULT) {
      cancel += 0.2;
    } else if (o.issue == TicketCategory.QUALITY) {
      ret += 0.45;
    } else if (o.issue == TicketCategory.REFUND) {
      ret += 0.6;
    }
    double u = rx.nextDouble();
    o.status = u < cancel ? Order.CANCELLED : u < cancel + ret ? Order.RETURNED : Order.PAID;
  }

  private static boolean dropsOut(Order o, Traits tr, SplittableRandom rt) {
    double p = tr.dropoutProb();
    if (o.issue != null) {
      p = 1.0 - (1.0 - p) * (1.0 - BAD_EXPERIENCE_DROPOUT);
    }
    return Dist.chance(rt, p);
  }
}
