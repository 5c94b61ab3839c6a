package io.c360.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Campaign touches of consenting members: a Poisson process of about {@value #TOUCHES_PER_YEAR} touches a year (a
 * monthly cadence) from signup (or {@code start}) on, at random times (independent of the person's behaviour, like a
 * randomised campaign), continuing after dropout since marketing cannot see it. The channel is drawn by its share for
 * every member alike (push reaches app and mini-program users), so each channel's audience is the same random sample
 * and the differences in conversions per touch are the channels' effects. The channel decides which identifiers the
 * row carries.
 */
final class TouchSimulator {

  static final double TOUCHES_PER_YEAR = 12;

  private final World world;

  TouchSimulator(World world) {
    this.world = world;
  }

  List<Touch> simulate(Traits tr, Contact c, SplittableRandom r) {
    List<Touch> touches = new ArrayList<>();
    if (!tr.consent()) {
      return touches;
    }
    double t = Math.max(c.signupDay(), world.startDay);
    int seq = 0;
    while (seq <= Ids.MAX_SEQ) {
      t += Dist.exponential(r, TOUCHES_PER_YEAR / 365.0);
      int day = (int) Math.floor(t);
      if (day > world.horizonDay) {
        break;
      }
      MarketingChannel channel = MarketingChannel.ALL[Dist.pick(r, MarketingChannel.SHARE_CUM)];
      long ts = day * 86_400L + Dist.between(r, 9 * 3600, 21 * 3600 - 1);
      String campaign = world.calendar.campaign(day, r);
      boolean hasAccount = c.accountId() != null;
      boolean withAccount;
      boolean withMember;
      String phone = null;
      switch (channel) {
        case SMS:
          withMember = Dist.chance(r, 0.5);
          withAccount = false;
          phone = Phones.format(c.memberPhone(), Dist.pick(r, Phones.ANY_STYLES));
          break;
        case PUSH:
        case DISPLAY:
          withAccount = hasAccount;
          withMember = !hasAccount || Dist.chance(r, 0.3);
          break;
        default:
          withMember = true;
          withAccount = hasAccount && Dist.chance(r, 0.4);
          break;
      }
      touches.add(new Touch(seq++, ts, channel, campaign, withAccount, withMember, phone));
    }
    return touches;
  }

  /** The purchase-rate multiplier of the touches on that day (the largest active one). */
  static double multiplier(List<Touch> touches, int day) {
    double m = 1.0;
    for (Touch t : touches) {
      int from = t.day();
      if (from > day) {
        break;
      }
      if (day < from + t.channel().durationDays) {
        m = Math.max(m, t.channel().upliftFactor);
      }
    }
    return m;
  }
}
