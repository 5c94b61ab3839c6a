package io.c360.core.churn;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Honest evaluation of scored rows (a 0/1 label and a predicted probability), all in Spark: ROC AUC and PR AUC
 * ({@link BinaryClassificationMetrics}, exact), log loss (probabilities clipped to [1e-15, 1 - 1e-15]), Brier
 * score, and a decile table: deciles of the predicted probability (1 = highest risk; cut points from one
 * {@code approxQuantile}, relative error 1e-4, so tied scores share a decile), each with its customers,
 * positives, mean predicted probability and observed rate (the calibration table), lift (observed rate / base
 * rate) and cumulative gain (share of all positives in deciles 1..d). Only the ten decile rows reach the driver.
 */
public final class ChurnEvaluation {

  private static final double CLIP = 1e-15;

  private ChurnEvaluation() {
  }

  /** One decile of predicted probability. */
  public record Decile(int decile, long customers, long positives, double meanPredicted, double observedRate,
                       double lift, double cumulativeGain) {
  }

  /** The metrics of one evaluation. */
  public record Report(long rows, long positives, double auc, double prAuc, double logLoss, double brier,
                       List<Decile> deciles) {

    /** Lift of the highest-risk decile (decile 1). */
    public double topDecileLift() {
      return deciles.isEmpty() ? Double.NaN : deciles.get(0).lift();
    }

    public double baseRate() {
      return rows == 0 ? Double.NaN : (double) positives / rows;
    }

    /** The scalar metrics by name (for model_metrics). */
    public Map<String, Double> metrics() {
      Map<String, Double> out = new LinkedHashMap<>();
      out.put("rows", (double) rows);
      out.put("positives", (double) positives);
      out.put("auc", auc);
      out.put("pr_auc", prAuc);
      out.put("log_loss", logLoss);
      out.put("brier", brier);
      out.put("top_decile_lift", topDecileLift());
      return out;
    }
  }

  /**
   * @param scored         rows with a label and a probability
   * @param labelCol       1 = positive (churned), 0 = negative
   * @param probabilityCol predicted probability of the positive class, e.g. {@link ChurnModel#PROBABILITY}
   */
  public static Report evaluate(Dataset<Row> scored, String labelCol, String probabilityCol) {
    Dataset<Row> pl = scored.select(col(ChurnModel.quote(probabilityCol)).cast("double").as("p"),
        col(ChurnModel.quote(labelCol)).cast("double").as("y"));
    pl.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Column p = greatest(lit(CLIP), least(lit(1 - CLIP), col("p")));
      Column y = col("y");
      Row totals = pl.agg(count(lit(1)), sum(y), count(when(y.isNull().or(col("p").isNull()), lit(1))),
          avg(y.multiply(log(p)).plus(lit(1).minus(y).multiply(log(lit(1).minus(p)))).multiply(-1)),
          avg(pow(col("p").minus(y), 2))).first();
      long rows = totals.getLong(0);
      if (rows == 0) {
        throw new IllegalArgumentException("nothing to evaluate: no scored rows");
      }
      if (totals.getLong(2) > 0) {
        throw new IllegalArgumentException(totals.getLong(2) + " scored rows have no label or no probability");
      }
      long positives = Math.round(totals.getDouble(1));
      if (positives == 0 || positives == rows) {
        throw new IllegalArgumentException("evaluation needs both classes, got " + positives + " positives in "
            + rows + " rows");
      }
      JavaRDD<Tuple2<Object, Object>> scoreAndLabel = pl.javaRDD()
          .map(r -> new Tuple2<>((Object) r.getDouble(0), (Object) r.getDouble(1)));
      BinaryClassificationMetrics metrics = new BinaryClassificationMetrics(scoreAndLabel.rdd());
      double auc = metrics.areaUnderROC();
      double prAuc = metrics.areaUnderPR();
      metrics.unpersist();
      List<Decile> deciles = deciles(pl, rows, positives);
      return new Report(rows, positives, auc, prAuc, totals.getDouble(3), totals.getDouble(4), deciles);
    } finally {
      pl.unpersist();
    }
  }

  private static List<Decile> deciles(Dataset<Row> pl, long rows, long positives) {
    double[] probabilities = new double[9];
    for (int i = 0; i < 9; i++) {
      probabilities[i] = (i + 1) / 10.0;
    }
    double[] cuts = pl.stat().approxQuantile("p", probabilities, 1e-4);
    // bucket = number of cut points below p (0..9); decile 1 = the highest probabilities
    Column below = lit(0);
    for (double cut : cuts) {
      below = below.plus(when(col("p").gt(cut), 1).otherwise(0));
    }
    List<Row> table = pl.groupBy(lit(10).minus(below).as("decile"))
        .agg(count(lit(1)), sum(col("y")), avg(col("p")), avg(col("y")))
        .orderBy("decile").collectAsList();
    double baseRate = (double) positives / rows;
    List<Decile> out = new ArrayList<>();
    long cumulative = 0;
    for (Row r : table) {
      long n = r.getLong(1);
      long pos = Math.round(r.getDouble(2));
      cumulative += pos;
      out.add(new Decile(r.getInt(0), n, pos, r.getDouble(3), r.getDouble(4), r.getDouble(4) / baseRate,
          (double) cumulative / positives));
    }
    return List.copyOf(out);
  }
}
