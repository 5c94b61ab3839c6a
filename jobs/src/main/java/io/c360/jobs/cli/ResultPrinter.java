package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.jline.utils.WCWidth;

/**
 * Prints a result on stdout as an aligned table (for people), CSV (a header line then RFC 4180 rows, nothing
 * else) or JSON lines (one object per row). Rows stream one partition at a time; only the table format holds
 * its rows (at most {@code maxRows}) to align them.
 */
final class ResultPrinter {

  enum Format { table, csv, json }

  /** Widest cell of a table, in terminal columns. */
  private static final int MAX_WIDTH = 80;

  private final PrintStream out;

  ResultPrinter(PrintStream out) {
    this.out = out;
  }

  /** Prints and returns the number of rows printed. */
  long print(Dataset<Row> result, Format format, long maxRows) {
    Dataset<Row> limited = maxRows > 0 ? result.limit((int) Math.min(maxRows, Integer.MAX_VALUE)) : result;
    return switch (format) {
      case json -> printJson(limited);
      case csv -> printCsv(asText(limited));
      case table -> printTable(asText(limited), result.columns());
    };
  }

  private long printJson(Dataset<Row> result) {
    long rows = 0;
    for (Iterator<String> it = result.toJSON().toLocalIterator(); it.hasNext(); rows++) {
      out.println(it.next());
    }
    out.flush();
    return rows;
  }

  private long printCsv(Dataset<Row> text) {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CsvWriterSettings settings = new CsvWriterSettings();
    settings.getFormat().setLineSeparator("\n");
    settings.setQuoteEscapingEnabled(true);
    CsvWriter csv = new CsvWriter(writer, settings);
    csv.writeHeaders(text.columns());
    long rows = 0;
    for (Iterator<Row> it = text.toLocalIterator(); it.hasNext(); rows++) {
      csv.writeRow(values(it.next()));
    }
    csv.flush();
    return rows;
  }

  private long printTable(Dataset<Row> text, String[] header) {
    List<String[]> rows = new ArrayList<>();
    for (Iterator<Row> it = text.toLocalIterator(); it.hasNext(); ) {
      String[] values = values(it.next());
      for (int i = 0; i < values.length; i++) {
        values[i] = values[i] == null ? "NULL" : values[i].replace('\n', ' ');
      }
      rows.add(values);
    }
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = width(header[i]);
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], width(clip(row[i])));
      }
    }
    out.println(line(header, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    rows.forEach(r -> out.println(line(r, widths)));
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    out.flush();
    return rows.size();
  }

  private static String line(String[] values, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String v = clip(values[i]);
      sb.append(i == 0 ? "" : " | ").append(v).append(" ".repeat(widths[i] - width(v)));
    }
    return sb.toString().stripTrailing();
  }

  /** A value cut to at most {@link #MAX_WIDTH} terminal columns, with "..." when cut. */
  static String clip(String value) {
    if (width(value) <= MAX_WIDTH) {
      return value;
    }
    StringBuilder cut = new StringBuilder();
    int used = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      int w = Math.max(0, WCWidth.wcwidth(cp));
      if (used + w > MAX_WIDTH - 3) {
        break;
      }
      cut.appendCodePoint(cp);
      used += w;
      i += Character.charCount(cp);
    }
    return cut + "...";
  }

  /**
   * The columns a value takes in a terminal: East Asian wide characters (南京) take two, combining marks none
   * (jline's WCWidth, Markus Kuhn's wcwidth).
   */
  static int width(String value) {
    return value.codePoints().map(cp -> Math.max(0, WCWidth.wcwidth(cp))).sum();
  }

  private static String[] values(Row row) {
    String[] values = new String[row.length()];
    for (int i = 0; i < values.length; i++) {
      values[i] = row.isNullAt(i) ? null : row.getString(i);
    }
    return values;
  }

  /** Every column as text: Spark's own formatting for scalars, JSON for nested values. */
  private static Dataset<Row> asText(Dataset<Row> result) {
    StructField[] fields = result.schema().fields();
    Dataset<Row> positional = result.toDF(java.util.stream.IntStream.range(0, fields.length)
        .mapToObj(i -> "_c" + i).toArray(String[]::new));
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < fields.length; i++) {
      StructField field = fields[i];
      Column c = col("_c" + i);
      boolean nested = field.dataType() instanceof StructType || field.dataType() instanceof ArrayType
          || field.dataType() instanceof MapType;
      columns.add((nested ? to_json(c) : c.cast("string")).as(field.name()));
    }
    return positional.select(columns.toArray(Column[]::new));
  }
}
