package io.c360.core.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table of the lake, declared once: name, layer, columns with comments, keys and partitioning.
 * Jobs create and write tables only through these declarations.
 */
public record TableDef(String name, Layer layer, String comment, List<Column> columns,
                       List<String> keys, List<String> partitionBy) {

  public TableDef {
    columns = List.copyOf(columns);
    keys = List.copyOf(keys);
    partitionBy = List.copyOf(partitionBy);
    for (String key : keys) {
      requireColumn(name, columns, key);
    }
    for (String part : partitionBy) {
      requireColumn(name, columns, part);
    }
  }

  private static void requireColumn(String table, List<Column> columns, String name) {
    if (columns.stream().noneMatch(c -> c.name().equals(name))) {
      throw new IllegalArgumentException("table " + table + " declares unknown column " + name);
    }
  }

  /** Delta table property that records row-level changes, readable with {@code table_changes}. */
  public static final String CHANGE_DATA_FEED = "delta.enableChangeDataFeed";

  /**
   * Delta table properties set at creation (and added to an existing table when missing): gold tables carry
   * Change Data Feed, so downstream consumers read increments with {@code table_changes} / {@code readChangeFeed}.
   */
  public Map<String, String> properties() {
    return layer == Layer.GOLD ? Map.of(CHANGE_DATA_FEED, "true") : Map.of();
  }

  public StructType schema() {
    return new StructType(columns.stream().map(Column::toStructField).toArray(StructField[]::new));
  }

  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /** The name qualified with the lake's database, e.g. {@code c360.bronze_orders}. */
  public String qualified(String database) {
    return database + "." + name;
  }
}
