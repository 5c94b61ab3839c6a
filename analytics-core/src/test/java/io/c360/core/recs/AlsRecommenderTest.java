package io.c360.core.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.RecsConfig;
import io.c360.core.testdata.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class AlsRecommenderTest {

  private static final RecsConfig.Als ALS = new RecsConfig.Als(List.of(2, 4), List.of(0.01), List.of(10.0), 10, 7);

  @Test
  void theGridIsEveryCombination() {
    RecsConfig.Als als = new RecsConfig.Als(List.of(8, 16), List.of(0.1, 1.0), List.of(5.0, 20.0, 40.0), 5, 1);
    assertEquals(12, AlsRecommender.grid(als).size());
    assertEquals(new AlsRecommender.Params(8, 0.1, 5.0), AlsRecommender.grid(als).get(0));
  }

  @Test
  void aCustomerGetsWhatCustomersWithTheSamePurchasesBought() {
    // two tastes: a, b, c and x, y, z; u1 bought a and b like u2..u4, who also bought c
    Dataset<Row> lines = RecsRows.lines("u1,2025-01-01,a", "u1,2025-01-02,b",
        "u2,2025-01-01,a", "u2,2025-01-01,b", "u2,2025-01-01,c",
        "u3,2025-01-01,a", "u3,2025-01-01,b", "u3,2025-01-01,c",
        "u4,2025-01-01,a", "u4,2025-01-01,c", "u4,2025-01-01,b",
        "v1,2025-01-01,x", "v1,2025-01-01,y", "v1,2025-01-01,z",
        "v2,2025-01-01,x", "v2,2025-01-01,y", "v2,2025-01-01,z",
        "v3,2025-01-01,x", "v3,2025-01-01,y");
    Dataset<Row> weights = Interactions.weights(lines, null, new RecsConfig.Weights(1, 0.3, 0.1));
    Dataset<Row> recs = AlsRecommender.recommend(AlsRecommender.ratings(weights),
        new AlsRecommender.Params(2, 0.01, 10.0), ALS, 6, null);
    Dataset<Row> top = Candidates.top(Candidates.without(recs, RecsRows.pairs("u1,a", "u1,b", "v3,x", "v3,y")), 1);
    assertEquals("c", top.where("customer_id = 'u1'").first().getAs("sku"));
    assertEquals("z", top.where("customer_id = 'v3'").first().getAs("sku"));
    assertEquals(7, recs.select("customer_id").distinct().count(), "every customer gets candidates");
    assertTrue(recs.where("score IS NULL").isEmpty());

    Dataset<Row> some = AlsRecommender.recommend(AlsRecommender.ratings(weights),
        new AlsRecommender.Params(2, 0.01, 10.0), ALS, 6, RecsRows.pairs("u1,a", "v3,x", "w9,q"));
    assertEquals(List.of("u1", "v3"), some.select("customer_id").distinct().orderBy("customer_id").collectAsList()
        .stream().map(r -> r.getString(0)).toList(), "only the customers asked for, if they have ratings");
    assertEquals(12, some.count());
    assertEquals("c", Candidates.top(Candidates.without(some, RecsRows.pairs("u1,a", "u1,b")), 1)
        .where("customer_id = 'u1'").first().getAs("sku"));
  }
}
