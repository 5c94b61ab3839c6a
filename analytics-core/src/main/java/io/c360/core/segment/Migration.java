package io.c360.core.segment;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.catalog.Columns;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * segment_migration: customers per (segmentation, from_segment, to_segment) between two as-of dates of
 * segment_history. A full outer join per customer and segmentation, so for every segmentation and earlier segment
 * the counts add up to that segment's size on the earlier date; (none) stands for "not segmented on that date"
 * (no order yet, or an id merged away).
 */
public final class Migration {

  public static final String NONE = "(none)";

  private Migration() {
  }

  /**
   * @param earlier segment_history rows of {@code fromAsOf} (customer_id, segmentation, segment)
   * @param later   segment_history rows of {@code asOf}
   */
  public static Dataset<Row> transform(Dataset<Row> earlier, LocalDate fromAsOf, Dataset<Row> later, LocalDate asOf) {
    Dataset<Row> from = earlier.select(col(Columns.CUSTOMER_ID), col("segmentation"),
        col("segment").as("from_segment"));
    Dataset<Row> to = later.select(col(Columns.CUSTOMER_ID), col("segmentation"), col("segment").as("to_segment"));
    return from.join(to, new String[] {Columns.CUSTOMER_ID, "segmentation"}, "full_outer")
        .groupBy(col("segmentation"), coalesce(col("from_segment"), lit(NONE)).as("from_segment"),
            coalesce(col("to_segment"), lit(NONE)).as("to_segment"))
        .agg(count(lit(1)).as("customers"))
        .select(lit(Date.valueOf(asOf)).as(Columns.AS_OF), lit(Date.valueOf(fromAsOf)).as("from_as_of"),
            col("segmentation"), col("from_segment"), col("to_segment"), col("customers"));
  }
}
