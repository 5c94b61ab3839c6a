package io.c360.core.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ml.dmlc.xgboost4j.java.XGBoostError;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trains the churn classifier: XGBoost with the hist tree method, a fixed seed, log loss as the evaluation metric,
 * early stopping on a validation set (the pipeline: later T0s; the CLI: a random split) and class imbalance
 * weighted by {@code scale_pos_weight = negatives / positives} of the training rows; the model subtracts
 * ln(scale_pos_weight) from the margin so that its probabilities are not shifted by the weighting.
 *
 * <p>The label column holds 1 (churned) or 0 for every row; rows with a null label are an error.
 */
public final class ChurnTrainer {

  static final String LABEL = "_churn_label";

  private ChurnTrainer() {
  }

  /** Training and test rows. */
  public record Split(Dataset<Row> train, Dataset<Row> test) {
  }

  /** A random split (deterministic for a seed and an input partitioning): {@code testFraction} of rows to test. */
  public static Split randomSplit(Dataset<Row> rows, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new IllegalArgumentException("the test fraction must be in (0, 1), got " + testFraction);
    }
    Dataset<Row>[] parts = rows.randomSplit(new double[] {1 - testFraction, testFraction}, seed);
    return new Split(parts[0], parts[1]);
  }

  /**
   * @param train      training rows
   * @param validation rows for early stopping, or null to train all {@code settings.rounds()}
   * @param labelCol   0/1 label column
   */
  public static ChurnModel train(Dataset<Row> train, Dataset<Row> validation, String labelCol, ChurnFeatures features,
                                 ChurnSettings settings) {
    Row counts = train.agg(count(lit(1)), sum(when(col(ChurnModel.quote(labelCol)).cast("double").equalTo(1), 1)
        .otherwise(0)), count(when(col(ChurnModel.quote(labelCol)).isNull(), lit(1)))).first();
    long rows = counts.getLong(0);
    long positives = counts.isNullAt(1) ? 0 : counts.getLong(1);
    if (counts.getLong(2) > 0) {
      throw new IllegalArgumentException(counts.getLong(2) + " training rows have no label (" + labelCol + ")");
    }
    if (positives == 0 || positives == rows) {
      throw new IllegalArgumentException("the training rows need both classes, got " + positives + " positives in "
          + rows + " rows");
    }
    StringIndexerModel indexer = null;
    if (!features.categorical().isEmpty()) {
      indexer = new StringIndexer()
          .setInputCols(ChurnModel.indexerInputs(features))
          .setOutputCols(ChurnModel.indexerOutputs(features))
          .setHandleInvalid("keep")
          .setStringOrderType("frequencyDesc")
          .fit(ChurnModel.withIndexerInputs(train, features));
    }
    XGBoostClassifier classifier = new XGBoostClassifier();
    classifier.setFeaturesCol(ChurnModel.VECTOR);
    classifier.setLabelCol(LABEL);
    classifier.setRawPredictionCol(ChurnModel.RAW);
    classifier.setProbabilityCol(ChurnModel.PROB_VECTOR);
    classifier.setPredictionCol(ChurnModel.PREDICTION);
    classifier.setContribPredictionCol(ChurnModel.CONTRIB);
    classifier.setObjective("binary:logistic");
    classifier.setEvalMetric("logloss");
    classifier.setTreeMethod("hist");
    // more workers than task slots would leave XGBoost's barrier stage waiting (and retrying) for minutes
    classifier.setNumWorkers(Math.max(1, Math.min(settings.workers(),
        train.sparkSession().sparkContext().defaultParallelism())));
    classifier.setNumRound(settings.rounds());
    classifier.setMaxDepth(settings.maxDepth());
    classifier.setEta(settings.eta());
    classifier.setSeed(settings.seed());
    double scalePosWeight = (double) (rows - positives) / positives;
    classifier.setScalePosWeight(scalePosWeight);
    classifier.setVerbosity(0);
    if (validation != null && settings.earlyStoppingRounds() > 0) {
      classifier.setEvalDataset(withLabel(ChurnModel.prepare(validation, features, indexer), labelCol));
      classifier.setNumEarlyStoppingRounds(settings.earlyStoppingRounds());
    }
    XGBoostClassificationModel fitted = classifier.fit(withLabel(ChurnModel.prepare(train, features, indexer),
        labelCol));
    try {
      int rounds = (int) fitted.nativeBooster().getNumBoostedRound();
      String best = fitted.nativeBooster().getAttr("best_iteration");
      return new ChurnModel(features, indexer, fitted, rounds, best != null ? Integer.parseInt(best) : -1,
          Math.log(scalePosWeight));
    } catch (XGBoostError e) {
      throw new IllegalStateException("cannot read the trained booster: " + e.getMessage(), e);
    }
  }

  private static Dataset<Row> withLabel(Dataset<Row> rows, String labelCol) {
    return rows.withColumn(LABEL, col(ChurnModel.quote(labelCol)).cast("double"));
  }
}
