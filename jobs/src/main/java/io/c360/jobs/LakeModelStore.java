package io.c360.jobs;

import static org.apache.spark.sql.functions.col;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.metrics.MetricsRepository;
import io.c360.core.metrics.ModelMetric;
import io.c360.core.metrics.ModelRegistry;
import io.c360.core.metrics.ModelScope;
import io.c360.core.metrics.RegisteredModel;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The lake's model_metrics and model_registry tables as a {@link MetricsRepository} and a {@link ModelRegistry}:
 * each save or registration is one Delta replaceWhere of its scope.
 */
public final class LakeModelStore implements MetricsRepository, ModelRegistry {

  private final Lake lake;

  public LakeModelStore(Lake lake) {
    this.lake = lake;
  }

  @Override
  public void save(ModelScope scope, List<ModelMetric> metrics) {
    scope.check(metrics);
    write(Tables.MODEL_METRICS, scope, metrics.stream().map(ModelMetric::toRow).toList());
  }

  @Override
  public List<ModelMetric> load(ModelScope scope) {
    return rows(Tables.MODEL_METRICS).where(scope.predicate()).collectAsList().stream().map(ModelMetric::of)
        .toList();
  }

  @Override
  public void register(ModelScope scope, List<RegisteredModel> models) {
    ModelRegistry.check(scope, models);
    write(Tables.MODEL_REGISTRY, scope, models.stream().map(RegisteredModel::toRow).toList());
  }

  @Override
  public List<RegisteredModel> versions(String model) {
    return rows(Tables.MODEL_REGISTRY).where(col("model").equalTo(model)).orderBy(Columns.AS_OF).collectAsList()
        .stream().map(RegisteredModel::of).toList();
  }

  private void write(TableDef table, ModelScope scope, List<Row> rows) {
    lake.replaceWhere(table, lake.spark().createDataFrame(rows, table.schema()), scope.predicate());
  }

  /** The table's rows, none when it does not exist yet. */
  private Dataset<Row> rows(TableDef table) {
    return lake.exists(table) ? lake.read(table) : lake.spark().createDataFrame(List.of(), table.schema());
  }
}
