package io.c360.jobs.generate;

import java.util.SplittableRandom;

/**
 * Groups consecutive persons into households of 2-4 that share one phone number (each member keeps an own account
 * and e-mail). About 10% of persons live in such households. Consumes its own random stream in person order, so the
 * grouping depends only on the seed.
 */
final class HouseholdPlanner {

  /** A household: the index of its first person (whose number everyone uses) and its size. */
  record Household(long headIndex, int size) {
    String id() {
      return Ids.household(headIndex);
    }
  }

  private static final double START_PROBABILITY = 0.043;
  private static final double[] EXTRA_MEMBERS_CUM = Dist.cumulative(0.6, 0.3, 0.1);

  private final SplittableRandom r;
  private Household current;
  private int remaining;

  HouseholdPlanner(long seed) {
    this.r = Seeds.global(seed, 0x4005E401DL);
  }

  /** The household of the next person (persons must be asked for in index order), or null when living alone. */
  Household next(long index) {
    if (remaining > 0) {
      remaining--;
      return current;
    }
    if (Dist.chance(r, START_PROBABILITY)) {
      int size = 2 + Dist.pick(r, EXTRA_MEMBERS_CUM);
      current = new Household(index, size);
      remaining = size - 1;
      return current;
    }
    current = null;
    return null;
  }
}
