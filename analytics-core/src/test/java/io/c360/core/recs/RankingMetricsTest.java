package io.c360.core.recs;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
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
class RankingMetricsTest {

  private static Dataset<Row> ranked(SparkSession spark, String... lists) {
    List<Row> rows = new ArrayList<>();
    for (String list : lists) {
      String[] p = list.split(":");
      String[] skus = p[1].split(",");
      for (int i = 0; i < skus.length; i++) {
        rows.add(RowFactory.create(p[0], skus[i], i + 1));
      }
    }
    return spark.createDataFrame(rows, new StructType().add("customer_id", DataTypes.StringType)
        .add("sku", DataTypes.StringType).add("rank", DataTypes.IntegerType));
  }

  @Test
  void precisionRecallAndMapMatchAHandComputedExample(SparkSession spark) {
    // u1: hits at ranks 1 and 3 of {a, c, d}: P 2/3, R 2/3, AP (1/1 + 2/3) / 3
    // u2: hit at rank 2 of {y}: P 1/3, R 1, AP (1/2) / 1
    // u3: no list, bought a: zeros. u4 has a list but bought nothing: not evaluated.
    Dataset<Row> recs = ranked(spark, "u1:a,b,c", "u2:x,y,z", "u4:a,q,r");
    Dataset<Row> bought = RecsRows.pairs("u1,a", "u1,c", "u1,d", "u2,y", "u3,a");
    RankingMetrics.Scores s = RankingMetrics.evaluate(recs, bought, 3, 10);
    assertEquals(3, s.customers());
    assertEquals((2.0 / 3 + 1.0 / 3 + 0) / 3, s.precision(), 1e-12);
    assertEquals((2.0 / 3 + 1 + 0) / 3, s.recall(), 1e-12);
    assertEquals(((1 + 2.0 / 3) / 3 + 0.5 + 0) / 3, s.map(), 1e-12);
    assertEquals(8.0 / 10, s.coverage(), 1e-12, "a, b, c, x, y, z, q, r of 10 skus");
  }

  @Test
  void onlyTheFirstKCountAndApIsNormalisedByMinOfRelevantAndK(SparkSession spark) {
    // k = 2: the hit at rank 3 does not count; 5 relevant, AP = (1/1) / min(5, 2)
    Dataset<Row> recs = ranked(spark, "u1:a,b,c");
    Dataset<Row> bought = RecsRows.pairs("u1,a", "u1,c", "u1,d", "u1,e", "u1,f");
    RankingMetrics.Scores s = RankingMetrics.evaluate(recs, bought, 2, 4);
    assertEquals(0.5, s.precision(), 1e-12);
    assertEquals(0.2, s.recall(), 1e-12);
    assertEquals(0.5, s.map(), 1e-12);
    assertEquals(0.5, s.coverage(), 1e-12);
  }

  @Test
  void severalListsScoreAgainstOnePreparedTruthAndAListWithoutRowsScoresZero(SparkSession spark) {
    RankingMetrics.Truth truth = RankingMetrics.Truth.of(RecsRows.pairs("u1,a", "u1,c", "u2,y", "u2,y"));
    assertEquals(2, truth.customers());
    Dataset<Row> lists = ranked(spark, "u1:a,b", "u2:y").withColumn("list", lit("first"))
        .unionByName(ranked(spark, "u1:c", "u3:a").withColumn("list", lit("second")));
    Map<String, RankingMetrics.Scores> s = RankingMetrics.evaluateBy(lists, "list", List.of("second", "none",
        "first"), truth, 2, 5);
    assertEquals(List.of("second", "none", "first"), List.copyOf(s.keySet()));
    // first: u1 1 hit of 2 relevant at rank 1, u2 1 of 1 at rank 1; second: u1's c at rank 1, u3 is not evaluated
    assertEquals(new RankingMetrics.Scores((0.5 + 0.5) / 2, (0.5 + 1) / 2, (0.5 + 1) / 2, 3.0 / 5, 2), s.get("first"));
    assertEquals(new RankingMetrics.Scores(0.5 / 2, 0.5 / 2, 0.5 / 2, 2.0 / 5, 2), s.get("second"));
    assertEquals(new RankingMetrics.Scores(0, 0, 0, 0, 2), s.get("none"));
  }
}
