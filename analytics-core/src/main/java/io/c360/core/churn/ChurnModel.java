package io.c360.core.churn;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A fitted churn model: the categorical index (null without categorical features) and the XGBoost classifier.
 * {@link #score} keeps every input column and adds {@link #PROBABILITY}, {@link #MARGIN} (log-odds) and
 * {@link #SHAP}: exact TreeSHAP values, one per feature in {@link ChurnFeatures#names()} order plus the bias last,
 * summing to the margin.
 *
 * @param features      the input columns
 * @param indexer       index of the categorical columns, or null
 * @param classifier    the boosted trees
 * @param roundsTrained trees in the model: boosting rounds run (early stopping ends training {@code
 *                      earlyStoppingRounds} after the best round; predictions use every tree, as XGBoost's do)
 * @param bestIteration 0-based round with the best validation log loss, or -1 without early stopping
 * @param logOddsOffset subtracted from XGBoost's margin (and from the SHAP bias): ln(scale_pos_weight), which undoes
 *                      the shift of the log-odds that weighting the positive class causes, so that the
 *                      probabilities estimate the churn rate again (prior correction)
 */
public record ChurnModel(ChurnFeatures features, StringIndexerModel indexer, XGBoostClassificationModel classifier,
                         int roundsTrained, int bestIteration, double logOddsOffset) {

  public static final String PROBABILITY = "churn_probability";
  public static final String MARGIN = "churn_margin";
  public static final String SHAP = "shap";

  static final String VECTOR = "_churn_features";
  static final String RAW = "_churn_raw";
  static final String PROB_VECTOR = "_churn_prob";
  static final String PREDICTION = "_churn_prediction";
  static final String CONTRIB = "_churn_contrib";
  private static final String INDEX_SUFFIX = "__churn_idx";

  /**
   * A model saved by {@code classifier().write().save(path)}, for numeric features only (the categorical index is
   * not saved with it).
   */
  public static ChurnModel load(String path, List<String> numericFeatures, int roundsTrained, int bestIteration,
                                double logOddsOffset) {
    return new ChurnModel(new ChurnFeatures(numericFeatures, List.of()), null,
        (XGBoostClassificationModel) XGBoostClassificationModel.load(path), roundsTrained, bestIteration,
        logOddsOffset);
  }

  public List<String> featureNames() {
    return features.names();
  }

  /** Adds the probability, the margin and the SHAP values to every row. */
  public Dataset<Row> score(Dataset<Row> rows) {
    return score(rows, true);
  }

  /**
   * Adds the probability and the margin only, for rows whose reasons are not needed (the drift baseline):
   * TreeSHAP costs many times the prediction.
   */
  public Dataset<Row> probabilities(Dataset<Row> rows) {
    return score(rows, false);
  }

  private Dataset<Row> score(Dataset<Row> rows, boolean shap) {
    XGBoostClassificationModel trees = classifier;
    if (!shap) {
      trees = (XGBoostClassificationModel) classifier.copy(new ParamMap());
      trees.setContribPredictionCol("");
    }
    Dataset<Row> predicted = trees.transform(prepare(rows, features, indexer));
    List<Column> out = new ArrayList<>();
    for (String name : rows.columns()) {
      out.add(col(quote(name)));
    }
    Column margin = org.apache.spark.ml.functions.vector_to_array(col(RAW), "float64").getItem(1)
        .minus(logOddsOffset);
    out.add(lit(1.0).divide(lit(1.0).plus(exp(margin.multiply(-1)))).as(PROBABILITY));
    out.add(margin.as(MARGIN));
    if (!shap) {
      return predicted.select(out.toArray(new Column[0]));
    }
    // the bias (last value) carries the offset, so the values still sum to the margin
    int bias = features.names().size();
    out.add(transform(org.apache.spark.ml.functions.vector_to_array(col(CONTRIB), "float64"),
        (value, index) -> when(index.equalTo(bias), value.minus(logOddsOffset)).otherwise(value)).as(SHAP));
    return predicted.select(out.toArray(new Column[0]));
  }

  /** Adds the dense feature vector ({@link #VECTOR}): numeric as double, categorical as index, missing as NaN. */
  static Dataset<Row> prepare(Dataset<Row> rows, ChurnFeatures features, StringIndexerModel indexer) {
    Dataset<Row> withCategories = withIndexerInputs(rows, features);
    if (indexer != null) {
      withCategories = indexer.transform(withCategories);
    }
    List<Column> values = new ArrayList<>();
    for (String name : features.numeric()) {
      Column value = col(quote(name)).cast("double");
      values.add(when(value.isNull(), lit(Double.NaN)).otherwise(value));
    }
    for (String name : features.categorical()) {
      values.add(when(col(quote(name + INDEX_SUFFIX + "_in")).isNull(), lit(Double.NaN))
          .otherwise(col(quote(name + INDEX_SUFFIX))));
    }
    // dense on purpose: XGBoost reads the absent entries of a sparse vector as missing, not as 0
    Dataset<Row> out = withCategories.withColumn(VECTOR,
        org.apache.spark.ml.functions.array_to_vector(array(values.toArray(new Column[0]))));
    for (String name : features.categorical()) {
      out = out.drop(name + INDEX_SUFFIX + "_in", name + INDEX_SUFFIX);
    }
    return out;
  }

  /** Input and output column names of the categorical index. */
  static String[] indexerInputs(ChurnFeatures features) {
    return features.categorical().stream().map(n -> n + INDEX_SUFFIX + "_in").toArray(String[]::new);
  }

  static String[] indexerOutputs(ChurnFeatures features) {
    return features.categorical().stream().map(n -> n + INDEX_SUFFIX).toArray(String[]::new);
  }

  static Dataset<Row> withIndexerInputs(Dataset<Row> rows, ChurnFeatures features) {
    Dataset<Row> out = rows;
    for (String name : features.categorical()) {
      out = out.withColumn(name + INDEX_SUFFIX + "_in", blankToNull(name));
    }
    return out;
  }

  private static Column blankToNull(String name) {
    Column value = trim(col(quote(name)).cast("string"));
    return when(value.equalTo(""), lit(null).cast("string")).otherwise(value);
  }

  static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }
}
