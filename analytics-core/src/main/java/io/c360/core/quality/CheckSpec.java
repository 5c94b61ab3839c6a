package io.c360.core.quality;

import io.c360.core.config.ConfigException;

/**
 * One declared check from conf ({@code c360.quality.checks}).
 *
 * @param source    the source whose bronze table is checked, e.g. orders
 * @param column    the column checked (completeness, range, referential, freshness); null otherwise
 * @param min       range lower bound, or null
 * @param max       range upper bound, or null
 * @param reference referential target as {@code source.column}, e.g. orders.order_id; null otherwise
 */
public record CheckSpec(String source, CheckKind kind, String column, Level level, double threshold,
                        Double min, Double max, String reference) {

  public CheckSpec {
    String where = "c360.quality.checks (" + source + " " + kind.label() + ")";
    boolean needsColumn = kind == CheckKind.COMPLETENESS || kind == CheckKind.RANGE
        || kind == CheckKind.REFERENTIAL || kind == CheckKind.FRESHNESS;
    if (needsColumn && (column == null || column.isBlank())) {
      throw new ConfigException(where + " needs a column");
    }
    if (kind == CheckKind.RANGE && min == null && max == null) {
      throw new ConfigException(where + " needs min or max");
    }
    if (kind == CheckKind.REFERENTIAL && (reference == null || !reference.contains("."))) {
      throw new ConfigException(where + " needs reference = \"source.column\", got " + reference);
    }
    if (Double.isNaN(threshold) || threshold < 0) {
      throw new ConfigException(where + " threshold must be >= 0, got " + threshold);
    }
  }

  /** A readable name, e.g. {@code completeness(order_ts)} or {@code referential(order_id->orders.order_id)}. */
  public String name() {
    return switch (kind) {
      case COMPLETENESS, FRESHNESS -> kind.label() + "(" + column + ")";
      case RANGE -> kind.label() + "(" + column + " in [" + bound(min) + ", " + bound(max) + "])";
      case REFERENTIAL -> kind.label() + "(" + column + "->" + reference + ")";
      default -> kind.label();
    };
  }

  private static String bound(Double value) {
    return value == null ? "" : String.valueOf(value);
  }
}
