package io.c360.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Tickets and reviews that follow a person's orders. 85% of the orders that went wrong raise an angry ticket of the
 * matching category a few hours to days later; 3% of all orders raise a neutral one (account questions, refunds,
 * other). Priority drives the first-response time; 8% of tickets are never resolved; satisfaction (asked for 60% of
 * resolved tickets) is low after bad experiences and slow resolutions. A quarter of the rows hide the category.
 * Ticket texts name their category's problem, with noise ({@link Texts#ticket}).
 * About 35% of bad and 7% of good orders get a review whose rating and wording match the experience.
 */
final class ServiceSimulator {

  /** A person's tickets and reviews. */
  record Service(List<Ticket> tickets, List<Review> reviews) {
  }

  private static final double HOUR = 3600.0;
  private static final String[] PRIORITIES = {"low", "normal", "high", "urgent"};
  private static final double[] RESPONSE_HOURS = {24, 8, 2, 0.5};
  private static final double[] RANDOM_CATEGORIES = Dist.cumulative(0.15, 0, 0, 0.15, 0.35, 0.35);
  private static final double[] RATING_GOOD = Dist.cumulative(0, 0.02, 0.10, 0.33, 0.55);
  private static final double[] RATING_DELIVERY = Dist.cumulative(0.35, 0.40, 0.25, 0, 0);
  private static final double[] RATING_QUALITY = Dist.cumulative(0.55, 0.35, 0.10, 0, 0);
  private static final double[] RATING_SERVICE = Dist.cumulative(0.40, 0.40, 0.20, 0, 0);

  Service simulate(Traits tr, Contact c, List<Order> orders, SplittableRandom r) {
    List<Ticket> tickets = new ArrayList<>();
    List<Review> reviews = new ArrayList<>();
    for (Order o : orders) {
      if (tickets.size() <= Ids.MAX_SEQ) {
        if (o.issue != null && Dist.chance(r, 0.85)) {
          tickets.add(ticket(tickets.size(), o, o.issue, true, c, r));
        } else if (Dist.chance(r, 0.03)) {
          TicketCategory category = TicketCategory.values()[Dist.pick(r, RANDOM_CATEGORIES)];
          tickets.add(ticket(tickets.size(), o, category, false, c, r));
        }
      }
      double p = o.issue != null ? 0.35 : 0.07;
      if (o.status == Order.CANCELLED) {
        p = o.issue != null ? 0.1 : 0.0;
      }
      if (reviews.size() <= Ids.MAX_SEQ && Dist.chance(r, p)) {
        reviews.add(review(reviews.size(), o, tr, c, r));
      }
    }
    return new Service(tickets, reviews);
  }

  private static Ticket ticket(int seq, Order o, TicketCategory category, boolean angry, Contact c,
                               SplittableRandom r) {
    double delayHours;
    int priority;
    switch (category) {
      case DELIVERY_DELAY:
        delayHours = Dist.uniform(r, 48, 144);
        priority = angry ? 1 + Dist.pick(r, Dist.cumulative(0.5, 0.4, 0.1)) : 1;
        break;
      case QUALITY:
        delayHours = Dist.uniform(r, 24, 96);
        priority = 1 + Dist.pick(r, Dist.cumulative(0.3, 0.6, 0.1));
        break;
      case SYSTEM_FAULT:
        delayHours = Dist.uniform(r, 0.05, 3);
        priority = Dist.chance(r, 0.5) ? 3 : 2;
        break;
      case REFUND:
        delayHours = Dist.uniform(r, 120, 360);
        priority = Dist.chance(r, 0.5) ? 1 : 2;
        break;
      default:
        delayHours = Dist.uniform(r, 0.5, 480);
        priority = Dist.chance(r, 0.5) ? 0 : 1;
        break;
    }
    long created = o.ts + (long) (delayHours * HOUR);
    long firstResponse = created + 60 + (long) (Dist.exponential(r, 1.0 / RESPONSE_HOURS[priority]) * HOUR);
    long resolved = World.NEVER;
    if (Dist.chance(r, 0.92)) {
      resolved = firstResponse + (long) (Dist.exponential(r, 1.0 / (angry ? 40.0 : 20.0)) * HOUR);
    }
    int satisfaction = 0;
    if (resolved != World.NEVER && Dist.chance(r, 0.6)) {
      double hours = (resolved - created) / HOUR;
      if (angry) {
        satisfaction = (hours < 24 ? 3 : hours < 72 ? 2 : 1) + (Dist.chance(r, 0.3) ? 1 : 0);
      } else {
        satisfaction = 4 + (Dist.chance(r, 0.5) ? 1 : 0) - (Dist.chance(r, 0.1) ? 2 : 0);
      }
    }
    boolean withMember = c.memberAt(created) && Dist.chance(r, 0.8);
    String phone = null;
    if (!withMember || Dist.chance(r, 0.3)) {
      phone = Phones.format(c.memberAt(created) ? c.memberPhone() : c.phone(), Dist.pick(r, Phones.ANY_STYLES));
    }
    boolean hidden = Dist.chance(r, 0.25);
    SplittableRandom noise = new SplittableRandom(Seeds.mix64(created ^ Seeds.mix64(seq + 1L)));
    String text = Texts.ticket(category, angry, r, noise);
    return new Ticket(seq, created, firstResponse, resolved, category, hidden, PRIORITIES[priority], text,
        satisfaction, withMember, phone);
  }

  private static Review review(int seq, Order o, Traits tr, Contact c, SplittableRandom r) {
    long ts = o.ts + Dist.between(r, 1, 14) * World.DAY_SECONDS + r.nextInt(20_000);
    double[] ratings;
    if (o.issue == null) {
      ratings = RATING_GOOD;
    } else if (o.issue == TicketCategory.DELIVERY_DELAY) {
      ratings = RATING_DELIVERY;
    } else if (o.issue == TicketCategory.QUALITY) {
      ratings = RATING_QUALITY;
    } else {
      ratings = RATING_SERVICE;
    }
    int rating = 1 + Dist.pick(r, ratings);
    String text = Texts.review(rating, o.issue, r);
    boolean withMember = c.memberAt(ts) && !tr.unlinkable() && !o.guest;
    return new Review(seq, o.key, ts, rating, text, withMember);
  }
}
