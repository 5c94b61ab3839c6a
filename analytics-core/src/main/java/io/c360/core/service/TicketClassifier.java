package io.c360.core.service;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.xxhash64;

import io.c360.core.config.ServiceConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.StringIndexerModel;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Ticket categories from the ticket text: a Spark ML pipeline of tokenising, bigrams, hashed TF-IDF and a
 * multinomial logistic regression, trained on the tickets that carry a category.
 *
 * <p>Tokens are lower-cased runs of Latin letters and digits (English words) and single CJK characters, so Chinese,
 * which has no spaces, is read as character unigrams; bigrams of consecutive tokens add word pairs and Chinese
 * two-character words ({@code 退款}, {@code 物流}) without a dictionary. Mixed-language texts need nothing special.
 *
 * <p>{@link #train} holds out {@code test-fraction} of the labelled tickets (by a hash of the ticket id, so the split
 * is the same on every run), fits on the rest and evaluates on the held-out part: per-class precision, recall and
 * F1 and their macro average. {@link Trained#predict} adds {@code predicted_category} and {@code confidence} (the
 * probability of the predicted class).
 */
public final class TicketClassifier {

  public static final String TEXT = "text";
  public static final String CATEGORY = "category";
  public static final String PREDICTED = "predicted_category";
  public static final String CONFIDENCE = "confidence";

  private static final String LABEL = "_label";
  private static final String PROBABILITY = "_probability";
  private static final String PREDICTION = "_prediction";

  private final ServiceConfig config;

  public TicketClassifier(ServiceConfig config) {
    this.config = config;
  }

  /** Per-class figures on the held-out tickets. */
  public record ClassMetrics(String category, double precision, double recall, double f1, long support) {
  }

  /** Held-out evaluation: macro F1 (mean of the per-class F1), accuracy and the per-class figures. */
  public record Evaluation(double macroF1, double accuracy, long trainRows, long testRows, List<ClassMetrics> classes) {
    public Evaluation {
      classes = List.copyOf(classes);
    }
  }

  /** A fitted pipeline with its class labels (index order) and its held-out evaluation. */
  public record Trained(PipelineModel model, List<String> labels, Evaluation evaluation) {
    public Trained {
      labels = List.copyOf(labels);
    }

    /** Rows with {@code predicted_category} and {@code confidence} added; text may be empty. */
    public Dataset<Row> predict(Dataset<Row> tickets) {
      Column labelArray = array(labels.stream().map(l -> lit(l)).toArray(Column[]::new));
      return model.transform(tickets)
          .withColumn(PREDICTED, element_at(labelArray, col(PREDICTION).cast("int").plus(1)))
          .withColumn(CONFIDENCE, array_max(functions.vector_to_array(col(PROBABILITY), "float64")))
          .drop(internalColumns());
    }
  }

  /** True for the tickets held out for evaluation (a stable hash of the ticket id). */
  public Column heldOut(Column ticketId) {
    return pmod(xxhash64(ticketId), lit(10_000)).lt(lit(Math.round(config.testFraction() * 10_000)));
  }

  /**
   * Fits on the labelled tickets (ticket_id, text, category not empty) outside the held-out part and evaluates on
   * the held-out part.
   *
   * @throws IllegalArgumentException with fewer than {@code min-labelled} labelled tickets, or fewer than two
   *                                  categories, or an empty held-out part
   */
  public Trained train(Dataset<Row> labelled) {
    Dataset<Row> rows = labelled.where(col(CATEGORY).isNotNull().and(col(CATEGORY).notEqual("")));
    Dataset<Row> train = rows.where(not(heldOut(col("ticket_id")))).cache();
    Dataset<Row> test = rows.where(heldOut(col("ticket_id")));
    try {
      long trainRows = train.count();
      if (trainRows < config.minLabelled()) {
        throw new IllegalArgumentException(trainRows + " labelled tickets to train on, fewer than "
            + "c360.service.classifier.min-labelled = " + config.minLabelled());
      }
      PipelineModel model = pipeline().fit(train);
      List<String> labels = labels(model);
      if (labels.size() < 2) {
        throw new IllegalArgumentException("the labelled tickets have a single category " + labels);
      }
      Trained trained = new Trained(model, labels, null);
      Evaluation evaluation = evaluate(trained.predict(test.where(col(CATEGORY).isin(labels.toArray()))),
          trainRows);
      return new Trained(model, labels, evaluation);
    } finally {
      train.unpersist();
    }
  }

  /** Per-class precision, recall and F1 from the confusion counts (one row per true/predicted pair). */
  static Evaluation evaluate(Dataset<Row> predicted, long trainRows) {
    Map<String, Long> truePositive = new HashMap<>();
    Map<String, Long> actual = new HashMap<>();
    Map<String, Long> predictedCount = new HashMap<>();
    long total = 0;
    long correct = 0;
    for (Row r : predicted.groupBy(CATEGORY, PREDICTED).count().collectAsList()) {
      String truth = r.getString(0);
      String guess = r.getString(1);
      long n = r.getLong(2);
      total += n;
      actual.merge(truth, n, Long::sum);
      predictedCount.merge(guess, n, Long::sum);
      if (truth.equals(guess)) {
        truePositive.merge(truth, n, Long::sum);
        correct += n;
      }
    }
    if (total == 0) {
      throw new IllegalArgumentException("no labelled tickets held out for evaluation");
    }
    List<ClassMetrics> classes = new ArrayList<>();
    double sumF1 = 0;
    for (String category : actual.keySet().stream().sorted().toList()) {
      long tp = truePositive.getOrDefault(category, 0L);
      long p = predictedCount.getOrDefault(category, 0L);
      double precision = p == 0 ? 0.0 : tp / (double) p;
      double recall = tp / (double) actual.get(category);
      double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
      sumF1 += f1;
      classes.add(new ClassMetrics(category, precision, recall, f1, actual.get(category)));
    }
    return new Evaluation(sumF1 / classes.size(), correct / (double) total, trainRows, total, classes);
  }

  private Pipeline pipeline() {
    List<PipelineStage> stages = new ArrayList<>();
    stages.add(new SQLTransformer().setStatement(
        "SELECT *, coalesce(" + TEXT + ", '') AS _text FROM __THIS__"));
    stages.add(new RegexTokenizer().setInputCol("_text").setOutputCol("_units").setGaps(false)
        .setPattern("[\\p{L}\\p{N}&&[^\\p{IsHan}]]+|\\p{IsHan}").setToLowercase(true).setMinTokenLength(1));
    stages.add(new NGram().setN(2).setInputCol("_units").setOutputCol("_bigrams"));
    stages.add(new SQLTransformer().setStatement("SELECT *, concat(_units, _bigrams) AS _terms FROM __THIS__"));
    stages.add(new HashingTF().setInputCol("_terms").setOutputCol("_tf").setNumFeatures(config.numFeatures()));
    stages.add(new IDF().setInputCol("_tf").setOutputCol("_features"));
    stages.add(new StringIndexer().setInputCol(CATEGORY).setOutputCol(LABEL).setHandleInvalid("keep")
        .setStringOrderType("alphabetAsc"));
    stages.add(new LogisticRegression().setFeaturesCol("_features").setLabelCol(LABEL).setFamily("multinomial")
        .setRegParam(config.regParam()).setMaxIter(config.maxIter()).setPredictionCol(PREDICTION)
        .setProbabilityCol(PROBABILITY).setRawPredictionCol("_raw"));
    return new Pipeline().setStages(stages.toArray(new PipelineStage[0]));
  }

  private static List<String> labels(PipelineModel model) {
    for (org.apache.spark.ml.Transformer stage : model.stages()) {
      if (stage instanceof StringIndexerModel indexer) {
        return List.of(indexer.labelsArray()[0]);
      }
    }
    throw new IllegalStateException("the ticket pipeline has no label indexer");
  }

  private static String[] internalColumns() {
    return new String[] {"_text", "_units", "_bigrams", "_terms", "_tf", "_features", LABEL, "_raw", PROBABILITY,
        PREDICTION};
  }
}
