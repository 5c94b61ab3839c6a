package io.c360.core.recs;

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
class BlendTest {

  private static Dataset<Row> candidates(SparkSession spark, Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return spark.createDataFrame(list, new StructType().add("customer_id", DataTypes.StringType)
        .add("sku", DataTypes.StringType).add("score", DataTypes.DoubleType).add("reason", DataTypes.StringType)
        .add("source", DataTypes.StringType));
  }

  @Test
  void reciprocalRankFusionSumsWeightedContributionsAndKeepsTheTopN(SparkSession spark) {
    Dataset<Row> in = candidates(spark,
        new Object[] {"u1", "s1", 0.9, "similar customers", "als"},
        new Object[] {"u1", "s2", 0.5, "similar customers", "als"},
        new Object[] {"u1", "s2", 0.8, "often bought with X", "rules"},
        new Object[] {"u1", "s3", 0.1, "often bought with Y", "rules"},
        new Object[] {"u1", "s4", 0.05, "often bought with Z", "rules"},
        new Object[] {"u1", "gone", 5.0, "popular", "als"},
        new Object[] {"u2", "s1", 1.0, "popular", "popularity"});
    Dataset<Row> exclude = RecsRows.pairs("u1,gone");
    // offset 1: als s1 1/(1+1), s2 1/(1+2); rules s2 0.5/(1+1), s3 0.5/(1+2), s4 0.5/(1+3) dropped by top 3
    List<Row> rows = Blend.transform(in, exclude, Map.of("als", 1.0, "rules", 0.5), 30, 1, 3)
        .orderBy("customer_id", "rank").collectAsList();
    assertEquals(3, rows.size(), "u2's only source has no weight: " + rows);
    assertEquals("s2", rows.get(0).getAs("sku"));
    assertEquals(1.0 / 3 + 0.25, rows.get(0).<Double>getAs("score"), 1e-12);
    assertEquals("als,rules", rows.get(0).getAs("sources"));
    assertEquals("similar customers", rows.get(0).getAs("reason"), "the larger contribution (1/3 > 1/4) explains");
    assertEquals("s1", rows.get(1).getAs("sku"));
    assertEquals(0.5, rows.get(1).<Double>getAs("score"), 1e-12);
    assertEquals("s3", rows.get(2).getAs("sku"));
    assertEquals(0.5 / 3, rows.get(2).<Double>getAs("score"), 1e-12);
    assertEquals(List.of(1, 2, 3), rows.stream().map(r -> r.<Integer>getAs("rank")).toList());
  }

  @Test
  void fuseEachRanksAsFuseDoesUnderEveryWeighting(SparkSession spark) {
    Dataset<Row> ranked = Blend.ranked(candidates(spark,
        new Object[] {"u1", "s1", 0.9, "similar customers", "als"},
        new Object[] {"u1", "s2", 0.5, "similar customers", "als"},
        new Object[] {"u1", "s2", 0.8, "often bought with X", "rules"},
        new Object[] {"u1", "s3", 0.1, "often bought with Y", "rules"},
        new Object[] {"u2", "s1", 1.0, "popular", "popularity"},
        new Object[] {"u2", "s3", 0.7, "popular", "popularity"}), null, 30);
    List<Map<String, Double>> weights = List.of(Map.of("als", 1.0, "rules", 0.5),
        Map.of("als", 0.0, "rules", 2.0, "popularity", 1.0), Map.of("als", 1.0, "rules", 4.0));
    List<Integer> offsets = List.of(1, 5, 60);
    List<Row> each = Blend.fuseEach(Blend.pooled(ranked), weights, offsets, 2, "list")
        .orderBy("list", "customer_id", "rank").collectAsList();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      for (Row r : Blend.fuse(ranked, weights.get(i), offsets.get(i), 2).orderBy("customer_id", "rank")
          .collectAsList()) {
        expected.add(i + " " + r.getAs("customer_id") + " " + r.getAs("sku") + " " + r.getAs("rank"));
      }
    }
    assertEquals(List.of("0 u1 s2 1", "0 u1 s1 2", "1 u1 s2 1", "1 u1 s3 2", "1 u2 s1 1", "1 u2 s3 2",
        "2 u1 s2 1", "2 u1 s3 2"), expected, "fuse: a source without weight proposes nothing");
    assertEquals(expected, each.stream().map(r -> r.getAs("list") + " " + r.getAs("customer_id") + " "
        + r.getAs("sku") + " " + r.getAs("rank")).toList());
  }
}
