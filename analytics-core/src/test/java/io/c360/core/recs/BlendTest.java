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
}
