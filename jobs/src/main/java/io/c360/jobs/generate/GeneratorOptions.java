package io.c360.jobs.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Options of the synthetic sample generator ({@code c360 generate}), validated on construction.
 *
 * <p>The history is simulated forward from {@code start}; everything up to and including the day {@code end} goes to
 * the source folders, orders in {@code (end, end + holdoutDays]} go to {@code _truth/future_orders.csv} only. With
 * {@code from} set, the output is an incremental batch: fact sources (orders, order_items, reviews, events, surveys,
 * campaign_touches) hold only records of the days {@code (from, end]}, dimension sources (members, products, tickets)
 * are full snapshots as of {@code end}. Consecutive batches {@code (d0, d1], (d1, d2]} therefore tile the timeline.
 *
 * @param customers   number of simulated persons, 1 .. {@value #MAX_CUSTOMERS}
 * @param seed        random seed: the same options always produce byte-identical files
 * @param out         output folder: one sub-folder per source plus {@code _truth}
 * @param dirtyRate   share of rows per source turned into dirty rows, in [0, 0.5]
 * @param start       first simulated day
 * @param end         last day written to the source folders (inclusive), after {@code start}
 * @param from        optional last day of the previous batch (exclusive lower bound of fact records), before {@code end}
 * @param holdoutDays days after {@code end} whose orders form the ground-truth future, 0 .. {@value #MAX_HOLDOUT_DAYS}
 */
public record GeneratorOptions(long customers, long seed, Path out, double dirtyRate,
                               LocalDate start, LocalDate end, LocalDate from, int holdoutDays) {

  /** Upper bound of {@code customers}: person-derived phone numbers and ids stay unique up to this size. */
  public static final long MAX_CUSTOMERS = 100_000_000L;
  /** Upper bound of {@code holdoutDays} (ten years). */
  public static final int MAX_HOLDOUT_DAYS = 3660;
  /** Default share of dirty rows per source. */
  public static final double DEFAULT_DIRTY_RATE = 0.005;
  /** Default first simulated day. */
  public static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);
  /** Default last day written to the sources. */
  public static final LocalDate DEFAULT_END = LocalDate.of(2025, 12, 31);
  /** Default length of the ground-truth holdout window in days. */
  public static final int DEFAULT_HOLDOUT_DAYS = 365;

  /** Validates every option and fails with a message that names the option and the offending value. */
  public GeneratorOptions {
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be >= 1, got " + customers);
    }
    if (customers > MAX_CUSTOMERS) {
      throw new IllegalArgumentException("customers must be <= " + MAX_CUSTOMERS + ", got " + customers);
    }
    Objects.requireNonNull(out, "out must not be null");
    if (!(dirtyRate >= 0.0 && dirtyRate <= 0.5)) {
      throw new IllegalArgumentException("dirtyRate must be in [0, 0.5], got " + dirtyRate);
    }
    Objects.requireNonNull(start, "start must not be null");
    Objects.requireNonNull(end, "end must not be null");
    if (start.getYear() < 1950 || end.getYear() > 2200) {
      throw new IllegalArgumentException("start and end must lie in the years 1950..2200, got " + start + " and " + end);
    }
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end (" + end + ") must be after start (" + start + ")");
    }
    if (from != null && !from.isBefore(end)) {
      throw new IllegalArgumentException("from (" + from + ") must be before end (" + end + ")");
    }
    if (holdoutDays < 0 || holdoutDays > MAX_HOLDOUT_DAYS) {
      throw new IllegalArgumentException("holdoutDays must be in [0, " + MAX_HOLDOUT_DAYS + "], got " + holdoutDays);
    }
  }

  /**
   * Default options: dirty rate 0.005, history 2024-01-01 .. 2025-12-31, full (not incremental) output, 365 holdout days.
   */
  public static GeneratorOptions defaults(long customers, long seed, Path out) {
    return new GeneratorOptions(customers, seed, out, DEFAULT_DIRTY_RATE, DEFAULT_START, DEFAULT_END, null,
        DEFAULT_HOLDOUT_DAYS);
  }

  /** A copy with another output folder. */
  public GeneratorOptions withOut(Path newOut) {
    return new GeneratorOptions(customers, seed, newOut, dirtyRate, start, end, from, holdoutDays);
  }

  /** A copy with another dirty-row rate. */
  public GeneratorOptions withDirtyRate(double newDirtyRate) {
    return new GeneratorOptions(customers, seed, out, newDirtyRate, start, end, from, holdoutDays);
  }

  /** A copy with another last day. */
  public GeneratorOptions withEnd(LocalDate newEnd) {
    return new GeneratorOptions(customers, seed, out, dirtyRate, start, newEnd, from, holdoutDays);
  }

  /** A copy that writes an incremental batch of the days {@code (newFrom, end]}; {@code null} for a full output. */
  public GeneratorOptions withFrom(LocalDate newFrom) {
    return new GeneratorOptions(customers, seed, out, dirtyRate, start, end, newFrom, holdoutDays);
  }

  /** A copy with another holdout length. */
  public GeneratorOptions withHoldoutDays(int newHoldoutDays) {
    return new GeneratorOptions(customers, seed, out, dirtyRate, start, end, from, newHoldoutDays);
  }
}
