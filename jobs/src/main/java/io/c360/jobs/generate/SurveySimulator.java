package io.c360.jobs.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * NPS/CES answers of the surveyed members (about 20% of members), about 1.2 a year from signup on. The answer
 * starts from the person's baseline and drops with bad experiences in the 90 days before; after dropout persons
 * rarely answer, and lower.
 */
final class SurveySimulator {

  private static final double SURVEYS_PER_YEAR = 1.2;
  private static final long RECENT_SECONDS = 90 * World.DAY_SECONDS;

  private final World world;

  SurveySimulator(World world) {
    this.world = world;
  }

  List<Survey> simulate(Traits tr, Contact c, OrderSimulator.Timeline timeline, SplittableRandom r) {
    List<Survey> surveys = new ArrayList<>();
    if (!tr.surveyed()) {
      return surveys;
    }
    double t = Math.max(c.signupDay(), world.startDay);
    while (surveys.size() <= Ids.MAX_SEQ) {
      t += Dist.exponential(r, SURVEYS_PER_YEAR / 365.0);
      int day = (int) Math.floor(t);
      if (day > world.horizonDay) {
        break;
      }
      long ts = day * World.DAY_SECONDS + Dist.between(r, 9 * 3600, 22 * 3600);
      boolean gone = ts > timeline.dropoutTs();
      if (gone && !Dist.chance(r, 0.25)) {
        continue;
      }
      int bad = 0;
      for (Order o : timeline.orders()) {
        if (o.issue != null && o.ts <= ts && o.ts > ts - RECENT_SECONDS) {
          bad++;
        }
      }
      bad = Math.min(bad, 2);
      int nps = clamp((int) Math.round(tr.npsBaseline() - 3.5 * bad - (gone ? 2.0 : 0.0) + 1.2 * Dist.normal(r)), 0,
          10);
      int ces = clamp((int) Math.round(5.5 - 1.5 * bad + Dist.normal(r)), 1, 7);
      boolean withMember = Dist.chance(r, 0.85);
      String phone = !withMember || Dist.chance(r, 0.3)
          ? Phones.format(c.memberPhone(), Dist.pick(r, Phones.ANY_STYLES)) : null;
      surveys.add(new Survey(surveys.size(), ts, nps, ces, withMember, phone));
    }
    return surveys;
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
