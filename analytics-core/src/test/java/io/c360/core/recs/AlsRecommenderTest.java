package io.c360.core.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.RecsConfig;
import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class AlsRecommenderTest {

  private static final RecsConfig.Als ALS = new RecsConfig.Als(List.of(2, 4), List.of(0.01), List.of(10.0), 10, 7,
      0);

  @Test
  void theGridIsEveryCombination() {
    RecsConfig.Als als = new RecsConfig.Als(List.of(8, 16), List.of(0.1, 1.0), List.of(5.0, 20.0, 40.0), 5, 1,
        0);
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

  /** 400 customers with 3-8 of the 15 skus of one of two tastes (a0..a14 for even customers, b0..b14 for odd). */
  private static Dataset<Row> twoTastes() {
    Random random = new Random(42);
    List<String> lines = new ArrayList<>();
    for (int c = 0; c < 400; c++) {
      String taste = c % 2 == 0 ? "a" : "b";
      int bought = 3 + random.nextInt(6);
      for (int i = 0; i < bought; i++) {
        lines.add("c" + c + ",2025-01-0" + (1 + random.nextInt(9)) + "," + taste + random.nextInt(15));
      }
    }
    return Interactions.weights(RecsRows.lines(lines.toArray(String[]::new)), null,
        new RecsConfig.Weights(1, 0.3, 0.1));
  }

  @Test
  void foldingCustomersInGivesTheFitsOwnRecommendations() {
    // each ALS iteration ends by solving every customer against the sku factors, so solving them again against the
    // final sku factors must give the fit's own customer factors, and so its own top skus and scores
    AlsRecommender.Ratings ratings = AlsRecommender.ratings(twoTastes());
    AlsRecommender.Params params = new AlsRecommender.Params(4, 0.1, 5.0);
    ALSModel model = new ALS().setNumBlocks(2).setImplicitPrefs(true).setRank(params.rank())
        .setRegParam(params.regParam()).setAlpha(params.alpha()).setMaxIter(5).setSeed(3)
        .setUserCol("_user").setItemCol("_item").setRatingCol(Interactions.WEIGHT).fit(ratings.ratings());
    Map<String, Double> fit = new HashMap<>();
    for (Row r : model.recommendForAllUsers(5).selectExpr("_user", "posexplode(recommendations) AS (pos, r)")
        .selectExpr("_user", "pos", "r._item", "r.rating").collectAsList()) {
      fit.put(r.getInt(0) + "/" + r.getInt(1) + "/" + r.getInt(2), (double) r.getFloat(3));
    }
    List<Row> folded = AlsFoldIn.of(model, params).top(ratings.ratings(), 5)
        .selectExpr("_user", "_item", "score", "row_number() OVER (PARTITION BY _user ORDER BY score DESC) - 1")
        .collectAsList();
    assertEquals(2000, folded.size(), "5 skus for each of the 400 customers");
    int same = 0;
    double worst = 0;
    for (Row r : folded) {
      Double score = fit.get(r.getInt(0) + "/" + r.getInt(3) + "/" + r.getInt(1));
      if (score != null) {
        same++;
        worst = Math.max(worst, Math.abs(score - r.getDouble(2)));
      }
    }
    assertTrue(same >= 1990, "the same sku at the same place, but for near ties: " + same + " of 2000");
    assertTrue(worst < 1e-4, "the same preference: largest difference " + worst);
  }

  @Test
  void customersOutsideTheFitSampleAreFoldedIn() {
    RecsConfig.Als sampled = new RecsConfig.Als(List.of(4), List.of(0.1), List.of(5.0), 5, 7, 100);
    Dataset<Row> recs = AlsRecommender.recommend(AlsRecommender.ratings(twoTastes()),
        new AlsRecommender.Params(4, 0.1, 5.0), sampled, 3, null);
    assertEquals(400, recs.select("customer_id").distinct().count(), "every customer, not only the ~100 fitted");
    assertEquals(1200, recs.count());
    long ownTaste = recs.where("substr(sku, 1, 1) = IF(CAST(substr(customer_id, 2) AS INT) % 2 = 0, 'a', 'b')")
        .count();
    assertTrue(ownTaste >= 1176, "98% of the candidates are of the customer's taste: " + ownTaste + " of 1200");
    Dataset<Row> some = AlsRecommender.recommend(AlsRecommender.ratings(twoTastes()),
        new AlsRecommender.Params(4, 0.1, 5.0), sampled, 3, RecsRows.pairs("c1,x", "c2,x", "c999,x"));
    assertEquals(List.of("c1", "c2"), some.select("customer_id").distinct().orderBy("customer_id").collectAsList()
        .stream().map(r -> r.getString(0)).toList(), "only the customers asked for, if they have ratings");
  }
}
