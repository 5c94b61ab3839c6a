package io.c360.notebooks;

import java.util.List;

/**
 * How one query's result is drawn: bars or lines of one or more numeric columns over a category column, or a heat
 * map of a value over two category columns.
 *
 * @param x     the category column (the x axis)
 * @param ys    the value columns (one series each); for a heat map the single value column
 * @param y     the second category column of a heat map, else null
 */
public record Chart(Kind kind, String title, String x, String y, List<String> ys, String yTitle) {

  /** The kinds of chart the report draws. */
  public enum Kind { BAR, LINE, HEATMAP }

  public Chart {
    ys = List.copyOf(ys);
    if (ys.isEmpty() || (kind == Kind.HEATMAP) != (y != null)) {
      throw new IllegalArgumentException("chart '" + title + "': a heat map needs x, y and one value column, "
          + "bars and lines an x and value columns");
    }
  }

  public static Chart bar(String title, String x, String yTitle, String... ys) {
    return new Chart(Kind.BAR, title, x, null, List.of(ys), yTitle);
  }

  public static Chart line(String title, String x, String yTitle, String... ys) {
    return new Chart(Kind.LINE, title, x, null, List.of(ys), yTitle);
  }

  public static Chart heatmap(String title, String x, String y, String value) {
    return new Chart(Kind.HEATMAP, title, x, y, List.of(value), value);
  }
}
