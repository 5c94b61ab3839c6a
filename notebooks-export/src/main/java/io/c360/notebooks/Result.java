package io.c360.notebooks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A small query result on the driver: column names and rows of plain Java values. */
public record Result(List<String> columns, List<List<Object>> rows, boolean truncated) {

  public Result {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** Collects at most {@code maxRows} rows; {@code truncated} says whether there were more. */
  public static Result of(Dataset<Row> rows, int maxRows) {
    List<Row> collected = rows.limit(maxRows + 1).collectAsList();
    List<List<Object>> values = new ArrayList<>();
    for (Row row : collected.subList(0, Math.min(maxRows, collected.size()))) {
      List<Object> cells = new ArrayList<>(row.length());
      for (int i = 0; i < row.length(); i++) {
        cells.add(row.get(i));
      }
      values.add(cells);
    }
    return new Result(Arrays.asList(rows.columns()), values, collected.size() > maxRows);
  }

  public int index(String column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + columns);
    }
    return i;
  }

  /** The values of a column, in row order. */
  public List<Object> column(String column) {
    int i = index(column);
    return rows.stream().map(r -> r.get(i)).toList();
  }

  /** A value as the report prints it: plain decimals, no exponent, empty for null. */
  public static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Float f) {
      return text(f.doubleValue());
    }
    if (value instanceof BigDecimal b) {
      return b.toPlainString();
    }
    return value.toString();
  }

  /** A numeric value as a double; null stays null. */
  public static Double number(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    throw new IllegalArgumentException("not a number: " + value);
  }
}
