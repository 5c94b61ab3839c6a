package io.c360.core.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Dimension sources arrive as snapshots: a later batch carries the newer state of a key. */
public final class Snapshots {

  private Snapshots() {
  }

  /** The latest state of each key of a dimension's bronze rows (latest ingest time, then batch id). */
  public static Dataset<Row> latest(Dataset<Row> bronze, Source dimension) {
    if (dimension.kind() != Source.Kind.DIMENSION) {
      throw new IllegalArgumentException(dimension.id() + " is a fact source, not a snapshot dimension");
    }
    Column[] keys = dimension.keys().stream().map(k -> col(k)).toArray(Column[]::new);
    return bronze.withColumn("_rank", row_number().over(Window.partitionBy(keys)
            .orderBy(col(Tables.INGESTED_AT).desc(), col(Tables.BATCH_ID).desc())))
        .where(col("_rank").equalTo(1)).drop("_rank");
  }
}
