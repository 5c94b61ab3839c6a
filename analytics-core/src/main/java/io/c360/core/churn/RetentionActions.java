package io.c360.core.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.ChurnModelConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Risk bands and retention actions from churn scores and their reasons.
 *
 * <p>Bands ({@link ChurnModelConfig.RiskBands}): by probability thresholds, or by the top x% of the scored customers
 * (thresholds = the score's quantiles from one approxQuantile pass, relative error 1e-4; ties share a band).
 *
 * <p>Actions ({@link ChurnModelConfig.Actions}): for the customers in the configured bands, the action of the first
 * rule whose reason is the customer's strongest risk-raising reason (lowest rank with direction raises), else the
 * default; ordered by value at risk (CLV x probability) when CLV is given, then probability, then customer id.
 */
public final class RetentionActions {

  public static final String RISK_BAND = "risk_band";

  private RetentionActions() {
  }

  /**
   * The risk band of each score (high, medium, low): probability mode, from the thresholds (inclusive); top-percent
   * mode, above the score's (1 - x%) quantile.
   */
  public static Column riskBand(Dataset<Row> scored, ChurnModelConfig.RiskBands bands) {
    Column p = col(ChurnModel.PROBABILITY);
    if (bands.mode() == ChurnModelConfig.BandMode.PROBABILITY) {
      return when(p.geq(bands.high()), lit("high")).when(p.geq(bands.medium()), lit("medium")).otherwise(lit("low"));
    }
    double[] q = scored.stat().approxQuantile(ChurnModel.PROBABILITY,
        new double[] {1 - bands.high() / 100, 1 - bands.medium() / 100}, 1e-4);
    if (q.length < 2) {
      return lit("low");
    }
    return when(p.gt(q[0]), lit("high")).when(p.gt(q[1]), lit("medium")).otherwise(lit("low"));
  }

  /**
   * @param scores  customer_id, churn_probability, risk_band
   * @param reasons customer_id, rank, feature, direction, sentence
   * @param clv     customer_id, clv; or null
   * @return customer_id, priority (1 first), risk_band, churn_probability, clv, value_at_risk, reason, action
   */
  public static Dataset<Row> actions(Dataset<Row> scores, Dataset<Row> reasons, Dataset<Row> clv,
                                     ChurnModelConfig.Actions config) {
    Dataset<Row> strongest = reasons.where(col(ChurnExplanations.DIRECTION).equalTo(ChurnExplanations.RAISES))
        .groupBy(ChurnDataset.CUSTOMER)
        .agg(min(struct(col(ChurnExplanations.RANK), col(ChurnExplanations.FEATURE), col("sentence"))).as("top"));
    Dataset<Row> atRisk = scores.where(col(RISK_BAND).isin(config.bands().toArray()))
        .join(strongest, ChurnDataset.CUSTOMER, "left");
    Column clvValue = lit(null).cast("double");
    if (clv != null) {
      atRisk = atRisk.join(clv.select(col(ChurnDataset.CUSTOMER), col("clv").as("_clv")), ChurnDataset.CUSTOMER,
          "left");
      clvValue = col("_clv");
    }
    Column feature = col("top." + ChurnExplanations.FEATURE);
    Column action = null;
    for (ChurnModelConfig.ActionRule rule : config.rules()) {
      action = action == null ? when(feature.equalTo(rule.reason()), lit(rule.action()))
          : action.when(feature.equalTo(rule.reason()), lit(rule.action()));
    }
    action = action == null ? lit(config.fallback()) : action.otherwise(lit(config.fallback()));
    Dataset<Row> unordered = atRisk.select(col(ChurnDataset.CUSTOMER), col(RISK_BAND), col(ChurnModel.PROBABILITY),
        clvValue.as("clv"), clvValue.multiply(col(ChurnModel.PROBABILITY)).as("value_at_risk"),
        col("top.sentence").as("reason"), action.as("action"));
    return numbered(unordered.orderBy(col("value_at_risk").desc_nulls_last(), col(ChurnModel.PROBABILITY).desc(),
        col(ChurnDataset.CUSTOMER)));
  }

  /** Adds priority 1, 2, ... in the Dataset's order, without moving the rows to one partition. */
  private static Dataset<Row> numbered(Dataset<Row> sorted) {
    StructType schema = sorted.schema();
    JavaRDD<Row> rows = sorted.javaRDD().zipWithIndex().map(t -> {
      List<Object> values = new ArrayList<>();
      values.add(t._1().get(0));
      values.add((int) (t._2() + 1));
      for (int i = 1; i < t._1().size(); i++) {
        values.add(t._1().get(i));
      }
      return RowFactory.create(values.toArray());
    });
    StructType out = new StructType().add(schema.fields()[0]).add("priority", DataTypes.IntegerType, false);
    for (int i = 1; i < schema.fields().length; i++) {
      out = out.add(schema.fields()[i]);
    }
    return sorted.sparkSession().createDataFrame(rows, out);
  }
}
