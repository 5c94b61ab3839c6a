package io.c360.jobs.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws a person's {@link Traits}. Purchase rates are Gamma(1.4) with mean 1/42 per day, dropout probabilities
 * Beta(1.2, 14) (BG/NBD), basket values log-normal around CNY 90, category preferences Dirichlet-like (gamma weights
 * around the category shares, reshaped by the person's traits). 35% of persons are customers already at
 * {@code start}; the others are acquired uniformly over the first {@value #ACQUISITION_WINDOW_DAYS} days.
 */
final class TraitSampler {

  /** Days after {@code start} over which new customers are acquired (independent of {@code end}). */
  static final int ACQUISITION_WINDOW_DAYS = 730;
  private static final double MEAN_RATE_PER_DAY = 1.0 / 42.0;
  private static final double RATE_SHAPE = 1.4;
  private static final double[] CHANNEL_SHARE = {0.42, 0.15, 0.28, 0.15};

  private final Catalogue catalogue;
  private final int startDay;

  TraitSampler(Catalogue catalogue, int startDay) {
    this.catalogue = catalogue;
    this.startDay = startDay;
  }

  Traits sample(long index, SplittableRandom r) {
    boolean preExisting = Dist.chance(r, 0.35);
    int acquiredDay = preExisting ? startDay : startDay + r.nextInt(ACQUISITION_WINDOW_DAYS);
    double purchaseRate = Dist.gamma(r, RATE_SHAPE) / RATE_SHAPE * MEAN_RATE_PER_DAY;
    double dropoutProb = Dist.beta(r, 1.2, 14.0);
    double basketMean = Dist.logNormal(r, 90.0, 0.6);
    boolean weekendShopper = Dist.chance(r, 0.18);
    boolean priceSensitive = Dist.chance(r, 0.25);
    boolean noveltySeeker = Dist.chance(r, 0.12);
    boolean healthyEater = Dist.chance(r, 0.15);
    boolean hasBaby = Dist.chance(r, 0.16);
    boolean hasPet = Dist.chance(r, 0.15);
    boolean emergencyRestocker = Dist.chance(r, hasBaby ? 0.45 : 0.12);
    boolean returnProne = Dist.chance(r, 0.10);
    boolean appUser = Dist.chance(r, 0.68);
    boolean member = Dist.chance(r, 0.70);
    boolean consent = member && Dist.chance(r, 0.60);
    boolean guestOnly = Dist.chance(r, 0.035);
    boolean unlinkable = member && Dist.chance(r, 0.03);
    boolean surveyed = member && Dist.chance(r, 0.20);
    boolean secondDevice = appUser && Dist.chance(r, 0.25);
    double issueRate = Dist.beta(r, 1.0, 8.0);
    double emergencyRate = emergencyRestocker ? Dist.gamma(r, 2.0) / 2.0 / 45.0 : 0.0;
    double npsBaseline = Math.min(10.0, Math.max(3.0, 8.2 + 1.3 * Dist.normal(r)));
    if (weekendShopper) {
      basketMean *= 1.4;
    }

    double[] w = new double[Category.ALL.length];
    for (Category c : Category.ALL) {
      w[c.ordinal()] = Dist.gamma(r, 2.0 * c.weight * Category.ALL.length) * c.weight;
    }
    if (healthyEater) {
      w[Category.HEALTHY_FOOD.ordinal()] *= 6.0;
      w[Category.FRESH.ordinal()] *= 2.0;
      w[Category.SNACKS.ordinal()] *= 0.3;
    }
    w[Category.BABY.ordinal()] = hasBaby ? w[Category.BABY.ordinal()] * 5.0 + 0.05 : 0.0;
    w[Category.PET.ordinal()] = hasPet ? w[Category.PET.ordinal()] * 5.0 + 0.04 : 0.0;
    double[] categoryCum = Dist.cumulative(w);
    double total = categoryCum[categoryCum.length - 1];

    double[] ch = new double[CHANNEL_SHARE.length];
    for (int i = 0; i < ch.length; i++) {
      ch[i] = Dist.gamma(r, 3.0 * CHANNEL_SHARE[i] * ch.length);
    }
    if (!appUser) {
      ch[SalesChannel.APP.ordinal()] *= 0.05;
    }
    double[] channelCum = Dist.cumulative(ch);

    int[] favourites = new int[0];
    int[] cycles = new int[0];
    for (Category c : Category.ALL) {
      if (c.replenishable() && w[c.ordinal()] / total >= 0.06) {
        favourites = Arrays.copyOf(favourites, favourites.length + 1);
        cycles = Arrays.copyOf(cycles, cycles.length + 1);
        favourites[favourites.length - 1] = catalogue.established(c, acquiredDay, r);
        cycles[cycles.length - 1] = Dist.between(r, c.cycleMin, c.cycleMax);
      }
    }
    return new Traits(index, preExisting, acquiredDay, purchaseRate, dropoutProb, basketMean, categoryCum, channelCum,
        issueRate, emergencyRate, weekendShopper, priceSensitive, noveltySeeker, healthyEater, emergencyRestocker,
        returnProne, hasBaby, hasPet, appUser, member, consent, guestOnly, unlinkable, surveyed, secondDevice,
        npsBaseline, favourites, cycles);
  }
}
