package io.c360.jobs.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The replenishment state of one person during the simulation: for each favourite replenishable item the day it is
 * due again (last purchase plus the personal cycle with +-20% jitter). Due only after a first purchase.
 */
final class Replenishment {

  private final int[] favourites;
  private final int[] cycles;
  private final double[] due;

  Replenishment(int[] favourites, int[] cycles) {
    this.favourites = favourites;
    this.cycles = cycles;
    this.due = new double[favourites.length];
    Arrays.fill(due, Double.POSITIVE_INFINITY);
  }

  int size() {
    return favourites.length;
  }

  int product(int k) {
    return favourites[k];
  }

  /** The favourite slot of an item, or -1. */
  int slotOf(int product) {
    for (int k = 0; k < favourites.length; k++) {
      if (favourites[k] == product) {
        return k;
      }
    }
    return -1;
  }

  /** The favourite slot of a category, or -1. */
  int slotOf(Category c, Catalogue catalogue) {
    for (int k = 0; k < favourites.length; k++) {
      if (catalogue.product(favourites[k]).category() == c) {
        return k;
      }
    }
    return -1;
  }

  double nextDue() {
    double min = Double.POSITIVE_INFINITY;
    for (double d : due) {
      min = Math.min(min, d);
    }
    return min;
  }

  boolean isDue(int k, int day, int slackDays) {
    return due[k] <= day + slackDays;
  }

  void bought(int k, int day, SplittableRandom r) {
    due[k] = day + cycles[k] * Dist.uniform(r, 0.8, 1.2);
  }

  /** The person bought it elsewhere: due again one cycle later. */
  void skip(int k) {
    due[k] += cycles[k];
  }
}
