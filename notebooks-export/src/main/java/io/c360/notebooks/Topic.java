package io.c360.notebooks;

import io.c360.core.catalog.TableDef;
import java.util.List;

/**
 * One notebook and one section of the HTML report: a title, an introduction, the tables it explains (with the
 * columns worth knowing) and its queries.
 */
public record Topic(String id, String title, String intro, List<TableNote> tables, List<Query> queries) {

  /** A table the topic explains: what a row is comes from the catalog, and these columns' comments. */
  public record TableNote(TableDef table, String producer, List<String> columns) {

    public TableNote {
      columns = List.copyOf(columns);
      for (String column : columns) {
        if (table.column(column).isEmpty()) {
          throw new IllegalArgumentException("table " + table.name() + " has no column " + column);
        }
      }
    }
  }

  public Topic {
    tables = List.copyOf(tables);
    queries = List.copyOf(queries);
    List<TableDef> explained = tables.stream().map(TableNote::table).toList();
    for (Query query : queries) {
      for (TableDef table : query.tables()) {
        if (!explained.contains(table)) {
          throw new IllegalArgumentException("topic " + id + ": query " + query.id() + " reads " + table.name()
              + ", which the topic does not explain");
        }
      }
    }
  }

  /** The job that writes a table, for the "run ... first" message. */
  public String producer(TableDef table) {
    return tables.stream().filter(t -> t.table().equals(table)).map(TableNote::producer).findFirst().orElseThrow();
  }
}
