package io.c360.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ConnectedComponentsTest {

  private static Dataset<Row> edges(SparkSession spark, long[][] pairs) {
    List<Row> rows = new ArrayList<>();
    for (long[] p : pairs) {
      rows.add(RowFactory.create(p[0], p[1]));
    }
    return spark.createDataFrame(rows, new StructType().add("src", DataTypes.LongType).add("dst", DataTypes.LongType));
  }

  private static Map<Long, Long> labels(ConnectedComponents.Result result) {
    Map<Long, Long> labels = new TreeMap<>();
    result.labels().collectAsList().forEach(r -> labels.put(r.getLong(0), r.getLong(1)));
    return labels;
  }

  @Test
  void chainsStarsAndIsolatedNodesGetTheirSmallestMember(SparkSession spark) {
    long[][] pairs = {{9, 8}, {8, 7}, {7, 6}, {6, 5}, {5, 1}, {20, 21}, {22, 21}, {30, 30}, {41, 40}, {40, 42}};
    ConnectedComponents.Result result = new ConnectedComponents(20).run(edges(spark, pairs));
    Map<Long, Long> expected = new TreeMap<>(Map.ofEntries(
        Map.entry(1L, 1L), Map.entry(5L, 1L), Map.entry(6L, 1L), Map.entry(7L, 1L), Map.entry(8L, 1L),
        Map.entry(9L, 1L), Map.entry(20L, 20L), Map.entry(21L, 20L), Map.entry(22L, 20L), Map.entry(30L, 30L),
        Map.entry(40L, 40L), Map.entry(41L, 40L), Map.entry(42L, 40L)));
    assertEquals(expected, labels(result));
  }

  @Test
  void aLongChainConvergesInFewRounds(SparkSession spark) {
    long[][] pairs = new long[64][];
    for (int i = 0; i < 64; i++) {
      pairs[i] = new long[] {1000 - i, 999 - i};
    }
    ConnectedComponents.Result result = new ConnectedComponents(30).run(edges(spark, pairs));
    assertEquals(65, labels(result).size());
    assertEquals(1, labels(result).values().stream().distinct().count());
    assertEquals(936L, labels(result).get(1000L));
    assertEquals(true, result.rounds() <= 12, "rounds: " + result.rounds());
  }

  @Test
  void tooFewRoundsIsAClearError(SparkSession spark) {
    long[][] pairs = new long[32][];
    for (int i = 0; i < 32; i++) {
      pairs[i] = new long[] {100 - i, 99 - i};
    }
    ConnectedComponents.NotConverged e = assertThrows(ConnectedComponents.NotConverged.class,
        () -> new ConnectedComponents(2).run(edges(spark, pairs)));
    assertEquals("connected components did not converge in 2 rounds; raise c360.identity.max-iterations",
        e.getMessage());
  }
}
