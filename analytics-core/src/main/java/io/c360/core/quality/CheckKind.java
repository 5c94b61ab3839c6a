package io.c360.core.quality;

/**
 * The kinds of declarative data-quality checks. Each compares one observed number with a threshold:
 * at-least checks pass when observed >= threshold, at-most checks when observed <= threshold.
 */
public enum CheckKind {
  /** Share of non-empty values of a column (at least). */
  COMPLETENESS(true),
  /** Share of rows whose key occurs once in the batch (at least). */
  UNIQUENESS(true),
  /** Share of non-null values inside [min, max] (at least). */
  RANGE(true),
  /** Share of rows whose column value exists in the referenced table's column (at least). */
  REFERENTIAL(true),
  /** Days between the latest value of a time column and the as-of date (at most). */
  FRESHNESS(false),
  /** Share of the latest batch's rows that were quarantined (at most). */
  QUARANTINE_RATIO(false),
  /** Rows in the latest batch (at least). */
  ROW_COUNT(true);

  private final boolean atLeast;

  CheckKind(boolean atLeast) {
    this.atLeast = atLeast;
  }

  public boolean passes(double observed, double threshold) {
    return atLeast ? observed >= threshold : observed <= threshold;
  }

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
