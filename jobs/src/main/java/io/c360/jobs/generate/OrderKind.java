package io.c360.jobs.generate;

/** Why an order happened in the simulation (truth only; not written to the sources). */
enum OrderKind {
  /** The acquisition purchase of a person who becomes a customer after {@code start}. */
  FIRST,
  /** A purchase of the person's (seasonal, weekly, marketing-boosted) Poisson process. */
  REGULAR,
  /** A re-buy of favourite replenishable items that ran out. */
  REPLENISHMENT,
  /** A small late-evening order of household or baby items. */
  EMERGENCY
}
