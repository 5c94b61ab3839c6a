package io.c360.core.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class BlendWeightsTest {

  private static final int K = 10;
  private static final int OFFSET = 5;

  /**
   * Four customers each bought one sku (r1..r4) in the validation period. The source "good" ranks it first for its
   * customer (then nine skus nobody bought), "noise" proposes ten skus nobody bought. With the configured weights
   * (noise 1.0, good 0.1) noise's tenth candidate (1/15) still beats good's first (0.1/6): precision 0.
   */
  @Test
  void theSearchDropsTheSourceThatCrowdsOutTheRightOneAndKeepsTiedWeightsTogether() {
    SparkSession spark = SparkTest.spark();
    List<Row> candidates = new ArrayList<>();
    List<Row> bought = new ArrayList<>();
    for (int c = 1; c <= 4; c++) {
      String customer = "c" + c;
      bought.add(RowFactory.create(customer, "r" + c));
      candidates.add(RowFactory.create(customer, "r" + c, 10.0, "bought with", "good"));
      for (int i = 1; i <= 9; i++) {
        candidates.add(RowFactory.create(customer, "g" + i, 10.0 - i, "bought with", "good"));
      }
      for (int i = 1; i <= 10; i++) {
        candidates.add(RowFactory.create(customer, "n" + i, 11.0 - i, "popular", "noise"));
      }
    }
    Dataset<Row> ranked = Blend.ranked(spark.createDataFrame(candidates, new StructType()
        .add("customer_id", DataTypes.StringType).add("sku", DataTypes.StringType)
        .add("score", DataTypes.DoubleType).add("reason", DataTypes.StringType)
        .add("source", DataTypes.StringType)), null, 30);
    Dataset<Row> relevant = spark.createDataFrame(bought, new StructType().add("customer_id", DataTypes.StringType)
        .add("sku", DataTypes.StringType));
    List<Map<String, Double>> tried = new ArrayList<>();
    Map<String, Double> start = new LinkedHashMap<>();
    start.put("good", 0.1);
    start.put("noise", 1.0);
    start.put("follower", 0.1);

    List<Integer> batches = new ArrayList<>();
    Map<String, Double> chosen = BlendWeights.search(start, Map.of("follower", "good"), weightings -> {
      tried.addAll(weightings);
      batches.add(weightings.size());
      return weightings.stream()
          .map(w -> RankingMetrics.evaluate(Blend.fuse(ranked, w, OFFSET, K), relevant, K, 21)).toList();
    });

    assertEquals(0.0, RankingMetrics.evaluate(Blend.fuse(ranked, start, OFFSET, K), relevant, K, 21).precision());
    assertEquals(Map.of("good", 0.1, "noise", 0.0, "follower", 0.1), chosen);
    assertEquals(0.1, RankingMetrics.evaluate(Blend.fuse(ranked, chosen, OFFSET, K), relevant, K, 21).precision(),
        1e-12, "one of ten recommended skus was bought, by every customer");
    // start, then good x0, x0.5, x2 and noise x0, x0.5, x2; a second pass (something changed): good x0, x0.5, x2
    // again and noise, now 0, at the mean of the positive weights; nothing changed, so no third pass
    assertEquals(List.of(1, 3, 3, 3, 1), batches, tried.toString());
    assertEquals(List.of(), tried.stream().filter(w -> !w.get("follower").equals(w.get("good"))).toList(),
        "the tied weight follows its leader in every try");
  }
}
