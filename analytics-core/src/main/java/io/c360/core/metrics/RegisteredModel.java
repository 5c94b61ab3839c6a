package io.c360.core.metrics;

import io.c360.core.catalog.Columns;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of model_registry ({@code Tables.MODEL_REGISTRY}): a fitted model version with its parameters and where
 * its files are.
 *
 * @param params        fitted parameters (and the settings it was fitted with) by name
 * @param logLikelihood at the optimum, if the model has one; null otherwise (as {@code iterations},
 *                      {@code converged}, {@code trainingRows})
 * @param artifactPath  the saved model relative to the lake root, or null
 * @param features      the input features in model order (empty for a model without)
 * @param detail        convergence reason or other notes
 */
public record RegisteredModel(String model, String version, LocalDate asOf, Instant trainedAt,
                              Map<String, Double> params, Double logLikelihood, Integer iterations, Boolean converged,
                              Long trainingRows, String artifactPath, List<String> features, String detail) {

  public RegisteredModel {
    params = Map.copyOf(params);
    features = List.copyOf(features);
  }

  /** A model trained now, with only parameters, rows, artifact and detail (no optimiser report). */
  public static RegisteredModel trained(String model, String version, LocalDate asOf, Map<String, Double> params,
                                        Long trainingRows, String artifactPath, List<String> features,
                                        String detail) {
    return new RegisteredModel(model, version, asOf, Instant.now(), params, null, null, null, trainingRows,
        artifactPath, features, detail);
  }

  /** This model as a row of model_registry. */
  public Row toRow() {
    return RowFactory.create(model, version, Date.valueOf(asOf), Timestamp.from(trainedAt), params, logLikelihood,
        iterations, converged, trainingRows, artifactPath, detail, features);
  }

  /** A row of model_registry (features empty when the row has none). */
  public static RegisteredModel of(Row row) {
    Map<String, Double> params = row.getJavaMap(row.fieldIndex("params"));
    int features = row.fieldIndex("features");
    return new RegisteredModel(row.getAs("model"), row.getAs("model_version"),
        row.<Date>getAs(Columns.AS_OF).toLocalDate(), row.<Timestamp>getAs("trained_at").toInstant(), params,
        row.getAs("log_likelihood"), row.getAs("iterations"), row.getAs("converged"), row.getAs("training_rows"),
        row.getAs("artifact_path"), row.isNullAt(features) ? List.of() : row.getList(features), row.getAs("detail"));
  }
}
