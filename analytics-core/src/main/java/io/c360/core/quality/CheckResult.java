package io.c360.core.quality;

/** The outcome of one check in one run. */
public record CheckResult(String table, String check, Level level, boolean passed, double observed,
                          double threshold, String detail) {

  public boolean blocks() {
    return !passed && level == Level.ERROR;
  }

  /** One line for the progress log, e.g. {@code FAIL error bronze_orders completeness(order_ts) 0.93 < 0.99}. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%s %-7s %s %s observed %.4f, threshold %.4f",
        passed ? "pass" : "FAIL", level.label(), table, check, observed, threshold);
  }
}
