package io.c360.core.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.core.config.RecsConfig;
import io.c360.core.testdata.SparkTest;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class BlendRankerTest {

  private static final LocalDate CUT = LocalDate.parse("2025-12-31");
  private static final List<String> SOURCES = List.of("als", "repurchase");
  private static final StructType CANDIDATES = new StructType().add("customer_id", DataTypes.StringType)
      .add("sku", DataTypes.StringType).add("score", DataTypes.DoubleType).add("reason", DataTypes.StringType)
      .add("source", DataTypes.StringType);
  private static final StructType CATALOGUE = new StructType().add("sku", DataTypes.StringType)
      .add("category", DataTypes.StringType).add("list_price", DataTypes.DoubleType);

  private static Dataset<Row> rows(SparkSession spark, StructType schema, List<Object[]> rows) {
    return spark.createDataFrame(rows.stream().map(RowFactory::create).toList(), schema);
  }

  @Test
  void featuresHoldEachSourcesReciprocalRankAndTheCustomersHistoryWithTheSku(SparkSession spark) {
    // u bought s1 on Dec 1 and Dec 10 and s2 on Dec 20; v bought s1 on Dec 5; s3 was never bought
    Dataset<Row> lines = RecsRows.lines("u,2025-12-01,s1", "u,2025-12-10,s1", "u,2025-12-20,s2",
        "v,2025-12-05,s1");
    Dataset<Row> catalogue = rows(spark, CATALOGUE, List.of(new Object[] {"s1", "A", 10.0},
        new Object[] {"s2", "B", 30.0}, new Object[] {"s3", "A", 20.0}));
    // als ranks s1 first and s3 second, repurchase ranks s1 second (after s2)
    Dataset<Row> candidates = rows(spark, CANDIDATES, List.of(new Object[] {"u", "s1", 0.9, "als says", "als"},
        new Object[] {"u", "s3", 0.5, "als again", "als"}, new Object[] {"u", "s2", 3.0, "again s2", "repurchase"},
        new Object[] {"u", "s1", 2.0, "again s1", "repurchase"}));
    Dataset<Row> features = BlendRanker.features(Blend.ranked(candidates, null, 30), lines, catalogue, CUT,
        SOURCES);

    Row s1 = features.where("sku = 's1'").first();
    assertEquals("als,repurchase", s1.getAs("sources"));
    assertEquals("als says", s1.getAs("reason"), "the reason of the source ranking it best (als, rank 1)");
    assertEquals(1.0 / 2, s1.<Double>getAs("rr_als"), 1e-12);
    assertEquals(1.0 / 3, s1.<Double>getAs("rr_repurchase"), 1e-12);
    assertEquals(2.0, s1.<Double>getAs("buy_days"), 1e-12);
    assertEquals(21.0, s1.<Double>getAs("days_since_bought"), 1e-12, "Dec 10 to Dec 31");
    assertEquals(21.0 / 9, s1.<Double>getAs("cycle_ratio"), 1e-12, "bought every 9 days");
    assertEquals(0.9, s1.<Double>getAs("als_score"), 1e-12);
    assertEquals(2.0 / 3, s1.<Double>getAs("category_share"), 1e-12, "two of u's three lines are in A");
    assertEquals(Math.log1p(3), s1.<Double>getAs("orders"), 1e-12);
    assertEquals(Math.log1p(2), s1.<Double>getAs("sku_buyers"), 1e-12, "u and v bought s1");
    assertEquals(0.5, s1.<Double>getAs("sku_repeat_share"), 1e-12, "u bought it again, v did not");
    assertEquals(30.0, s1.<Double>getAs("sku_age_days"), 1e-12, "first sold on Dec 1");
    assertEquals(Math.log(10.0 / (50.0 / 3)), s1.<Double>getAs("price_ratio"), 1e-12, "u pays 50/3 a line");

    Row s3 = features.where("sku = 's3'").first();
    assertEquals(1.0 / 3, s3.<Double>getAs("rr_als"), 1e-12);
    assertEquals(0.0, s3.<Double>getAs("rr_repurchase"), 1e-12, "repurchase does not propose s3");
    assertEquals(0.0, s3.<Double>getAs("buy_days"), 1e-12);
    assertEquals(9999.0, s3.<Double>getAs("days_since_bought"), 1e-12);
    assertEquals(-1.0, s3.<Double>getAs("cycle_ratio"), 1e-12, "no interval");
    assertEquals(0.5, s3.<Double>getAs("als_score"), 1e-12);
    assertEquals(2.0 / 3, s3.<Double>getAs("category_share"), 1e-12);
    assertEquals(0.0, s3.<Double>getAs("sku_buyers"), 1e-12);
    assertEquals(0.0, s3.<Double>getAs("sku_repeat_share"), 1e-12);
    assertEquals(-1.0, s3.<Double>getAs("sku_age_days"), 1e-12, "never sold");
    assertEquals(Math.log(20.0 / (50.0 / 3)), s3.<Double>getAs("price_ratio"), 1e-12);
    assertEquals(3L, features.count(), "one row per proposed customer x sku");
  }

  @Test
  void theRankerLearnsWhatTheRanksMissAndRanksByItsProbability(SparkSession spark, @TempDir Path saved)
      throws Exception {
    // every customer bought "fav" on three days and buys it again; ALS ranks the never-bought "pop" above it
    List<String> history = new ArrayList<>();
    List<Object[]> candidates = new ArrayList<>();
    List<String> relevant = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String c = "c" + i;
      history.addAll(List.of(c + ",2025-10-01,fav", c + ",2025-11-01,fav", c + ",2025-12-01,fav"));
      candidates.add(new Object[] {c, "pop", 0.9, "popular", "als"});
      candidates.add(new Object[] {c, "fav", 0.8, "liked", "als"});
      relevant.add(c + ",fav");
    }
    Dataset<Row> lines = RecsRows.lines(history.toArray(new String[0]));
    Dataset<Row> catalogue = rows(spark, CATALOGUE, List.of(new Object[] {"fav", "A", 10.0},
        new Object[] {"pop", "A", 10.0}));
    Dataset<Row> features = BlendRanker.features(Blend.ranked(rows(spark, CANDIDATES, candidates), null, 30),
        lines, catalogue, CUT, SOURCES);
    BlendRanker ranker = BlendRanker.fit(features, RecsRows.pairs(relevant.toArray(new String[0])), SOURCES,
        new RecsConfig.Ranker(true, 5, 2, 0.5, 100), 40);

    Dataset<Row> ranked = ranker.rank(features, 1);
    assertEquals(40L, ranked.count(), "the top one of each customer");
    assertEquals(40L, ranked.where("sku = 'fav' AND rank = 1").count(), "fav first for everyone");
    double score = ranked.first().getAs("score");
    assertEquals(true, score > 0.5 && score < 1, "a probability above one half: " + score);
    assertEquals(1.0, ranker.importances().values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);

    ranker.save(saved.toString());
    BlendRanker loaded = BlendRanker.load(saved.toString(), SOURCES);
    assertEquals(ranked.orderBy("customer_id").collectAsList(),
        loaded.rank(features, 1).orderBy("customer_id").collectAsList(), "the saved trees rank as the fitted ones");
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> BlendRanker.load(saved.toString(), List.of("als")));
    assertEquals(true, other.getMessage().contains("has 12 features, the sources [als] give 11"), other.getMessage());
  }
}
