package io.c360.core.metrics;

import io.c360.core.catalog.Columns;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of model_metrics ({@code Tables.MODEL_METRICS}): a metric of a model's version for an as-of date.
 *
 * @param detail what the value belongs to (a bucket, a decile, a k, a split), or null
 */
public record ModelMetric(String model, String version, LocalDate asOf, String metric, double value, String detail) {

  /** The metrics of one model version and as-of date. */
  public record Key(String model, String version, LocalDate asOf) {

    public ModelMetric of(String metric, double value, String detail) {
      return new ModelMetric(model, version, asOf, metric, value, detail);
    }
  }

  /** This metric as a row of model_metrics. */
  public Row toRow() {
    return RowFactory.create(model, version, Date.valueOf(asOf), metric, value, detail);
  }

  /** A row of model_metrics (an empty value reads as NaN). */
  public static ModelMetric of(Row row) {
    return new ModelMetric(row.getAs("model"), row.getAs("model_version"), row.<Date>getAs(Columns.AS_OF).toLocalDate(),
        row.getAs("metric"), row.isNullAt(row.fieldIndex("value")) ? Double.NaN : row.<Double>getAs("value"),
        row.getAs("detail"));
  }
}
