package io.c360.notebooks;

import io.c360.core.catalog.TableDef;
import java.time.LocalDate;
import java.util.List;

/**
 * One question the report answers with Spark SQL: the tables it reads (all must exist), the query with
 * {@code ${db}} for the lake's database and {@code ${as_of}} for the report date, what the result shows, and its
 * chart (null for a table only).
 */
public record Query(String id, String title, String note, List<TableDef> tables, String sql, Chart chart) {

  public Query {
    tables = List.copyOf(tables);
    if (!id.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("query id must be lower-case letters, digits and _, got '" + id + "'");
    }
  }

  /** The query for one database and date. */
  public String sql(String database, LocalDate asOf) {
    return sql.replace("${db}", database).replace("${as_of}", asOf.toString()).strip();
  }
}
