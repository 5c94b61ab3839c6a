package io.c360.core.churn;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.ChurnData;
import io.c360.core.testdata.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** One small model trained once for the class on the synthetic table, then scored on held-out rows. */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnModelTest {

  private static final ChurnFeatures FEATURES = new ChurnFeatures(ChurnData.NUMERIC, ChurnData.CATEGORICAL);
  private static final ChurnSettings SETTINGS = ChurnSettings.DEFAULT.withRounds(80);

  private Dataset<Row> train;
  private Dataset<Row> validation;
  private ChurnModel model;
  private Dataset<Row> scored;

  @BeforeAll
  void train(SparkSession spark) {
    Dataset<Row> data = ChurnData.customers(spark, 2000, 7).persist(StorageLevel.MEMORY_AND_DISK());
    ChurnTrainer.Split split = ChurnTrainer.randomSplit(data, 0.25, 11);
    ChurnTrainer.Split fit = ChurnTrainer.randomSplit(split.train(), 0.2, 12);
    train = fit.train();
    validation = fit.test();
    model = ChurnTrainer.train(train, validation, "label", FEATURES, SETTINGS);
    scored = model.score(split.test()).persist(StorageLevel.MEMORY_AND_DISK());
  }

  @AfterAll
  void release() {
    if (scored != null) {
      scored.unpersist();
    }
  }

  @Test
  void shapValuesAndBiasSumToTheMarginForEveryRow() {
    assertEquals(FEATURES.names().size() + 1, scored.first().getList(scored.first().fieldIndex(ChurnModel.SHAP))
        .size());
    double error = ChurnExplanations.maxAdditivityError(scored);
    assertTrue(error < 1e-4, "max |sum(SHAP) - margin| = " + error);
    Row probability = scored.agg(max(abs(lit(1).divide(lit(1).plus(exp(col(ChurnModel.MARGIN).multiply(-1))))
        .minus(col(ChurnModel.PROBABILITY))))).first();
    assertTrue(probability.getDouble(0) < 1e-5, "probability is the sigmoid of the margin: " + probability);
  }

  @Test
  void sameSeedGivesTheSameModel() {
    ChurnModel again = ChurnTrainer.train(train, validation, "label", FEATURES, SETTINGS);
    assertEquals(model.roundsTrained(), again.roundsTrained());
    assertEquals(model.bestIteration(), again.bestIteration());
    Dataset<Row> other = again.score(scored.drop(ChurnModel.PROBABILITY, ChurnModel.MARGIN, ChurnModel.SHAP))
        .select(col("customer_id"), col(ChurnModel.PROBABILITY).as("p2"));
    Row diff = scored.join(other, "customer_id").agg(max(abs(col(ChurnModel.PROBABILITY).minus(col("p2")))),
        org.apache.spark.sql.functions.count(lit(1))).first();
    assertEquals(0.0, diff.getDouble(0));
    assertEquals(scored.count(), diff.getLong(1));
  }

  @Test
  void probabilitiesWithoutShapAreTheScoresProbabilities() {
    Dataset<Row> plain = model.probabilities(scored.drop(ChurnModel.PROBABILITY, ChurnModel.MARGIN,
        ChurnModel.SHAP));
    assertFalse(List.of(plain.columns()).contains(ChurnModel.SHAP), List.of(plain.columns()).toString());
    Row diff = scored.join(plain.select(col("customer_id"), col(ChurnModel.PROBABILITY).as("p2"),
            col(ChurnModel.MARGIN).as("m2")), "customer_id")
        .agg(max(abs(col(ChurnModel.PROBABILITY).minus(col("p2")))),
            max(abs(col(ChurnModel.MARGIN).minus(col("m2")))), org.apache.spark.sql.functions.count(lit(1)))
        .first();
    assertEquals(0.0, diff.getDouble(0));
    assertEquals(0.0, diff.getDouble(1));
    assertEquals(scored.count(), diff.getLong(2));
  }

  @Test
  void heldOutRowsAreRankedWell() {
    ChurnEvaluation.Report report = ChurnEvaluation.evaluate(scored, "label", ChurnModel.PROBABILITY);
    assertTrue(report.auc() > 0.75, "AUC " + report.auc());
    assertTrue(report.prAuc() > report.baseRate(), "PR AUC " + report.prAuc() + " vs base rate " + report.baseRate());
    assertTrue(report.topDecileLift() > 1.5, "lift " + report.topDecileLift());
    assertEquals(10, report.deciles().size());
    assertEquals(report.rows(), report.deciles().stream().mapToLong(ChurnEvaluation.Decile::customers).sum());
    assertEquals(1.0, report.deciles().get(9).cumulativeGain(), 1e-12);
    assertTrue(report.logLoss() > 0 && report.logLoss() < 0.69, "log loss " + report.logLoss());
    assertTrue(report.brier() > 0 && report.brier() < 0.25, "brier " + report.brier());
    assertTrue(model.roundsTrained() >= 1 && model.roundsTrained() <= SETTINGS.rounds());
    assertTrue(model.bestIteration() >= 0 && model.bestIteration() < model.roundsTrained());
  }

  @Test
  void theWeightOfThePositiveClassIsTakenOutOfTheProbabilities() {
    Row counts = train.agg(org.apache.spark.sql.functions.sum(col("label")),
        org.apache.spark.sql.functions.count(lit(1))).first();
    double positives = counts.getLong(0);
    double negatives = counts.getLong(1) - positives;
    assertEquals(Math.log(negatives / positives), model.logOddsOffset(), 1e-12);
    Row mean = scored.agg(org.apache.spark.sql.functions.avg(col(ChurnModel.PROBABILITY)),
        org.apache.spark.sql.functions.avg(col("label"))).first();
    assertEquals(mean.getDouble(1), mean.getDouble(0), 0.03, "mean predicted vs observed churn rate");
  }

  @Test
  void recencyMattersMostAndNoiseLeast() {
    List<ChurnExplanations.Importance> importance = ChurnExplanations.importance(scored, model.featureNames());
    assertEquals(FEATURES.names().size(), importance.size());
    assertEquals("recency_days", importance.get(0).feature());
    assertEquals("noise", importance.get(importance.size() - 1).feature());
  }

  @Test
  void reasonsAreTheLargestAbsoluteShapValuesWithTheirInputValue() {
    List<Row> reasons = ChurnExplanations.topReasons(scored, "customer_id", model.featureNames(), 3)
        .orderBy("customer_id", ChurnExplanations.RANK).collectAsList();
    assertEquals(3 * scored.count(), reasons.size());
    Row customer = scored.orderBy("customer_id").first();
    List<Double> shap = customer.getList(customer.fieldIndex(ChurnModel.SHAP));
    double largest = 0;
    String top = null;
    for (int i = 0; i < model.featureNames().size(); i++) {
      if (Math.abs(shap.get(i)) > largest) {
        largest = Math.abs(shap.get(i));
        top = model.featureNames().get(i);
      }
    }
    Row first = reasons.get(0);
    assertEquals(customer.getString(0), first.getString(0));
    assertEquals(1, first.getInt(first.fieldIndex(ChurnExplanations.RANK)));
    assertEquals(top, first.getString(first.fieldIndex(ChurnExplanations.FEATURE)));
    double contribution = first.getDouble(first.fieldIndex(ChurnExplanations.CONTRIBUTION));
    assertEquals(contribution > 0 ? ChurnExplanations.RAISES : ChurnExplanations.LOWERS,
        first.getString(first.fieldIndex(ChurnExplanations.DIRECTION)));
    Object input = customer.get(customer.fieldIndex(top));
    assertEquals(input == null ? null : input.toString(), first.getString(first.fieldIndex(ChurnExplanations.VALUE)));
    for (int i = 1; i < 3; i++) {
      assertTrue(Math.abs(reasons.get(i).getDouble(reasons.get(i).fieldIndex(ChurnExplanations.CONTRIBUTION)))
          <= Math.abs(contribution));
    }
  }

  @Test
  void blankPlanIsAMissingValueNotACategory() {
    Row blank = scored.where(col("plan").isNull()).orderBy("customer_id").first();
    List<Row> reasons = ChurnExplanations.topReasons(scored.where(col("customer_id").equalTo(blank.getString(0))),
        "customer_id", List.of("recency_days", "tenure_months", "tickets", "noise", "plan"), 5).collectAsList();
    Row plan = reasons.stream().filter(r -> r.getString(r.fieldIndex(ChurnExplanations.FEATURE)).equals("plan"))
        .findFirst().orElseThrow();
    assertNull(plan.get(plan.fieldIndex(ChurnExplanations.VALUE)));
  }
}
