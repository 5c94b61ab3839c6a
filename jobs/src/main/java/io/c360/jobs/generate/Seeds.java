package io.c360.jobs.generate;

import java.util.SplittableRandom;

/**
 * Seed derivation. Every person gets a seed mixed (SplitMix64) from the run seed and the person index, and every
 * record kind of that person its own {@link SplittableRandom} derived from the person seed. A person's history thus
 * never depends on other persons, and adding draws to one record kind never shifts another. Each stream is consumed
 * in time order by one process only, so that the records before a day never depend on how far the simulation runs.
 */
final class Seeds {

  /** Independent random streams of one person. The ordinal is part of the derivation: append, never reorder. */
  enum Stream { TRAITS, CONTACT, TOUCHES, TIMELINE, BASKET, EXPERIENCE, SERVICE, EVENTS, SURVEYS, FUNNELS }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long STREAM_STEP = 0xD1B54A32D192ED03L;

  private Seeds() {
  }

  /** The SplitMix64 finaliser: a bijection of 64-bit values with good avalanche. */
  static long mix64(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long personSeed(long seed, long index) {
    return mix64(mix64(seed ^ GOLDEN) + (index + 1) * GOLDEN);
  }

  static SplittableRandom stream(long personSeed, Stream kind) {
    return new SplittableRandom(mix64(personSeed + (kind.ordinal() + 1L) * STREAM_STEP));
  }

  /** A stream of a global component (catalogue, households), told apart by a constant salt. */
  static SplittableRandom global(long seed, long salt) {
    return new SplittableRandom(mix64(mix64(seed) ^ mix64(salt)));
  }

  /** A well-mixed hash of (seed, salt, key), e.g. to decide per row whether it is dirty. */
  static long hash(long seed, long salt, long key) {
    return mix64(mix64(seed ^ mix64(salt)) + key * GOLDEN);
  }

  /** Maps a hash to a uniform double in [0, 1). */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }
}
