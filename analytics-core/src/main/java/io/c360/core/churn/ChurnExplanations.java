package io.c360.core.churn;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-customer reasons and global importance from exact TreeSHAP values ({@link ChurnModel#SHAP}: one value per
 * feature, in {@link ChurnFeatures#names()} order, then the bias). A positive value raises the churn log-odds
 * (risk), a negative one lowers it. Everything runs in Spark; only the per-feature means reach the driver.
 */
public final class ChurnExplanations {

  public static final String REASONS = "reasons";
  public static final String RANK = "rank";
  public static final String FEATURE = "feature";
  public static final String VALUE = "value";
  public static final String CONTRIBUTION = "contribution";
  public static final String DIRECTION = "direction";
  public static final String RAISES = "raises";
  public static final String LOWERS = "lowers";

  private ChurnExplanations() {
  }

  /** Mean |SHAP| of one feature over the scored rows. */
  public record Importance(String feature, double meanAbsShap) {
  }

  /**
   * Adds {@link #REASONS}: the top k features by |SHAP| (ties by feature name), each a struct of
   * {@code feature}, {@code value} (the row's input value as text, null when missing), {@code contribution} and
   * {@code direction} ({@code raises} or {@code lowers}; 0 counts as lowers).
   */
  public static Dataset<Row> withReasons(Dataset<Row> scored, List<String> featureNames, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("top-k must be >= 1, got " + k);
    }
    List<Column> items = new ArrayList<>();
    for (int i = 0; i < featureNames.size(); i++) {
      String name = featureNames.get(i);
      Column c = col(ChurnModel.SHAP).getItem(i);
      items.add(struct(abs(c).multiply(-1).as("key"), lit(name).as(FEATURE),
          col(ChurnModel.quote(name)).cast("string").as(VALUE), c.as(CONTRIBUTION),
          when(c.gt(0), lit(RAISES)).otherwise(lit(LOWERS)).as(DIRECTION)));
    }
    Column sorted = slice(sort_array(array(items.toArray(new Column[0])), true), 1, Math.min(k, featureNames.size()));
    Column reasons = expr("transform(_sorted, r -> named_struct('" + FEATURE + "', r." + FEATURE + ", '" + VALUE
        + "', r." + VALUE + ", '" + CONTRIBUTION + "', r." + CONTRIBUTION + ", '" + DIRECTION + "', r." + DIRECTION
        + "))");
    return scored.withColumn("_sorted", sorted).withColumn(REASONS, reasons).drop("_sorted");
  }

  /**
   * One row per customer and reason: {@code idCol}, the probability and the {@code keep} columns, then
   * {@code rank} (1 = largest |SHAP|), {@code feature}, {@code value}, {@code contribution}, {@code direction}.
   */
  public static Dataset<Row> topReasons(Dataset<Row> scored, String idCol, List<String> featureNames, int k,
                                        String... keep) {
    List<Column> first = new ArrayList<>();
    first.add(col(ChurnModel.quote(idCol)));
    first.add(col(ChurnModel.PROBABILITY));
    for (String name : keep) {
      first.add(col(ChurnModel.quote(name)));
    }
    List<Column> select = new ArrayList<>(first);
    first.add(posexplode(col(REASONS)));
    select.add(col("pos").plus(1).as(RANK));
    select.add(col("col." + FEATURE).as(FEATURE));
    select.add(col("col." + VALUE).as(VALUE));
    select.add(col("col." + CONTRIBUTION).as(CONTRIBUTION));
    select.add(col("col." + DIRECTION).as(DIRECTION));
    return withReasons(scored, featureNames, k).select(first.toArray(new Column[0]))
        .select(select.toArray(new Column[0]));
  }

  /** Mean |SHAP| per feature over the rows, largest first (one aggregation). */
  public static List<Importance> importance(Dataset<Row> scored, List<String> featureNames) {
    List<Column> means = new ArrayList<>();
    for (int i = 0; i < featureNames.size(); i++) {
      means.add(avg(abs(col(ChurnModel.SHAP).getItem(i))));
    }
    Row row = scored.agg(means.get(0), means.subList(1, means.size()).toArray(new Column[0])).first();
    List<Importance> out = new ArrayList<>();
    for (int i = 0; i < featureNames.size(); i++) {
      out.add(new Importance(featureNames.get(i), row.isNullAt(i) ? 0 : row.getDouble(i)));
    }
    out.sort(Comparator.comparingDouble(Importance::meanAbsShap).reversed().thenComparing(Importance::feature));
    return List.copyOf(out);
  }

  /** Sum of the SHAP values of a row (features and bias): equals the margin. */
  public static Column shapSum() {
    return expr("aggregate(" + ChurnModel.SHAP + ", 0D, (acc, x) -> acc + x)");
  }

  /** Largest |sum of SHAP values + bias - margin| over the rows (0 for no rows). */
  public static double maxAdditivityError(Dataset<Row> scored) {
    Row row = scored.agg(max(abs(shapSum().minus(col(ChurnModel.MARGIN))))).first();
    return row.isNullAt(0) ? 0 : row.getDouble(0);
  }
}
