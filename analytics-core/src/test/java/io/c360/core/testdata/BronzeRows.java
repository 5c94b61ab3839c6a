package io.c360.core.testdata;

import io.c360.core.catalog.Column;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Rows of a bronze table written as text, e.g. {@code BronzeRows.of(Source.ORDERS).row("order_id", "o1",
 * "order_ts", "2025-01-04 10:00:00", "total_amount", "100.00")}; unnamed columns are null, batch columns get a
 * fixed batch. Values are parsed by the column's contract type.
 */
public final class BronzeRows {

  public static final String INGESTED_AT = "2025-06-01 00:00:00";

  private final TableDef table;
  private final List<Map<String, String>> rows;

  private BronzeRows(TableDef table, List<Map<String, String>> rows) {
    this.table = table;
    this.rows = rows;
  }

  public static BronzeRows of(Source source) {
    return new BronzeRows(Tables.bronze(source), List.of());
  }

  /** A copy with one more row given as name, value pairs. */
  public BronzeRows row(String... namesAndValues) {
    Map<String, String> row = new HashMap<>();
    row.put(Tables.BATCH_ID, "b1");
    row.put(Tables.INGESTED_AT, INGESTED_AT);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (table.column(namesAndValues[i]).isEmpty()) {
        throw new IllegalArgumentException(table.name() + " has no column " + namesAndValues[i]);
      }
      row.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    List<Map<String, String>> more = new ArrayList<>(rows);
    more.add(row);
    return new BronzeRows(table, List.copyOf(more));
  }

  public Dataset<Row> toDataset(SparkSession spark) {
    List<Row> typed = new ArrayList<>();
    for (Map<String, String> row : rows) {
      typed.add(RowFactory.create(table.columns().stream().map(c -> value(c, row.get(c.name()))).toArray()));
    }
    return spark.createDataFrame(typed, table.schema());
  }

  private static Object value(Column column, String text) {
    if (text == null) {
      return null;
    }
    return switch (column.type()) {
      case STRING -> text;
      case INT -> Integer.valueOf(text);
      case LONG -> Long.valueOf(text);
      case DOUBLE -> Double.valueOf(text);
      case AMOUNT -> new BigDecimal(text);
      case BOOLEAN -> Boolean.valueOf(text);
      case DATE -> Date.valueOf(text);
      case TIMESTAMP -> Timestamp.valueOf(text);
      case STRINGS, COUNTS, SHARES, MEASURES -> throw new IllegalArgumentException("no list or map columns in bronze: "
          + column.name());
    };
  }
}
