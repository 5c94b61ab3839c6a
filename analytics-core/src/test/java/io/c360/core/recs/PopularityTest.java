package io.c360.core.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
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

@ExtendWith(SparkTest.class)
class PopularityTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");

  private static Dataset<Row> table(SparkSession spark, StructType schema, Object[]... rows) {
    List<Row> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(RowFactory.create(r));
    }
    return spark.createDataFrame(list, schema);
  }

  private static String top(Dataset<Row> candidates, String customer) {
    List<Row> rows = candidates.where("customer_id = '" + customer + "'").orderBy(
        org.apache.spark.sql.functions.col("score").desc(), org.apache.spark.sql.functions.col("sku")).collectAsList();
    return rows.get(0).getString(rows.get(0).fieldIndex("sku")) + " / "
        + rows.get(0).getString(rows.get(0).fieldIndex("reason"));
  }

  @Test
  void customersOfAGroupWithoutRecentBuyersFallBackToTheirCityThenToEveryone(SparkSession spark) {
    Dataset<Row> lines = RecsRows.lines("a,2025-12-01,s1", "b,2025-12-02,s1", "b,2025-12-03,s2",
        "c,2025-12-04,s3", "c,2025-12-05,s2", "d,2025-12-06,s2");
    StructType schema = new StructType().add("customer_id", DataTypes.StringType)
        .add("segment", DataTypes.StringType).add("city", DataTypes.StringType);
    Dataset<Row> customers = table(spark, schema,
        new Object[] {"a", "vip", "Wuhan"}, new Object[] {"b", "vip", "Wuhan"},
        new Object[] {"c", "regular", "Xi'an"}, new Object[] {"d", "regular", "Xi'an"},
        new Object[] {"lapsed", "lost", "Wuhan"}, new Object[] {"new", null, null});
    Dataset<Row> popular = Popularity.bySegmentAndCity(lines, customers, AS_OF, 90, 5);

    assertEquals(6L, popular.select("customer_id").distinct().count(), "every customer gets candidates");
    assertEquals("s1 / popular with vip customers in Wuhan", top(popular, "a"));
    // lost customers in Wuhan bought nothing lately: Wuhan's top (s1 by 2 buyers)
    assertEquals("s1 / popular in Wuhan", top(popular, "lapsed"));
    // no segment and no city: the overall top, s2 with 3 buyers
    assertEquals("s2 / popular", top(popular, "new"));
    assertEquals(3L, popular.where("customer_id = 'new'").count(), "the overall top: s1, s2, s3");
  }

  @Test
  void categoryPopularityWeighsEachSkuByTheCustomersShareOfItsCategory(SparkSession spark) {
    // u buys baby twice and home once; among all buyers b1 leads baby (2 of 3 buyers), h1 is home's only sku
    Dataset<Row> lines = RecsRows.lines("u,2025-12-01,b2", "u,2025-12-02,b2", "u,2025-12-03,h1",
        "v,2025-12-04,b1", "w,2025-12-05,b1");
    StructType schema = new StructType().add("sku", DataTypes.StringType).add("category", DataTypes.StringType);
    Dataset<Row> catalogue = table(spark, schema, new Object[] {"b1", "baby"}, new Object[] {"b2", "baby"},
        new Object[] {"h1", "home"});
    Dataset<Row> items = Popularity.items(lines, AS_OF, 90);
    List<Row> u = Popularity.byCategory(lines, catalogue, items, 10).where("customer_id = 'u'")
        .orderBy(org.apache.spark.sql.functions.col("score").desc()).collectAsList();

    assertEquals(3, u.size());
    // b1: 2/3 (baby share of u's lines) x 2/3 (b1's share of baby buyers); h1: 1/3 x 1; b2: 2/3 x 1/3
    assertEquals("b1", u.get(0).getAs("sku"));
    assertEquals(4.0 / 9, u.get(0).<Double>getAs("score"), 1e-12);
    assertEquals("popular in baby, which you often buy", u.get(0).getAs("reason"));
    assertEquals(1.0 / 3, u.get(1).<Double>getAs("score"), 1e-12);
    assertEquals(2.0 / 9, u.get(2).<Double>getAs("score"), 1e-12);
  }

  @Test
  void newArrivalsGoToTheCustomersWhoBuyNewSkusInTheirCategories(SparkSession spark) {
    // new = first sold after 2025-09-02 (120 days before the as-of date); old was first sold in 2024
    Dataset<Row> all = RecsRows.lines("x,2024-01-01,old", "c1,2025-06-01,old", "c1,2025-11-01,new1",
        "c2,2025-12-01,newB", "c2,2025-12-05,old", "c4,2025-12-10,newA");
    Dataset<Row> window = all.where("day > DATE'2024-12-31'");
    StructType schema = new StructType().add("sku", DataTypes.StringType).add("category", DataTypes.StringType);
    Dataset<Row> catalogue = table(spark, schema, new Object[] {"old", "A"}, new Object[] {"new1", "A"},
        new Object[] {"newA", "A"}, new Object[] {"newB", "B"});
    List<String> rows = Popularity.newArrivals(all, window, catalogue, AS_OF, 120, 2)
        .orderBy("customer_id", "sku").collectAsList().stream()
        .map(r -> r.getAs("customer_id") + " " + r.getAs("sku") + " " + r.<Double>getAs("score") + " "
            + r.getAs("reason")).toList();

    // novelty: c1 1/2 (new1 was new, old was not), c2 1/2, c4 1; x's only line is outside the window: no row.
    // new skus' share of their category's new-sku buyers: new1 and newA 1/2 each in A, newB 1 in B.
    // c2 (A 1/2, B 1/2): newB 1/2 x 1/2 x 1, then new1 and newA tie at 1/8; the top 2 keep new1 (sku order)
    assertEquals(List.of("c1 new1 0.25 new in A", "c1 newA 0.25 new in A", "c2 new1 0.125 new in A",
        "c2 newB 0.25 new in B", "c4 new1 0.5 new in A", "c4 newA 0.5 new in A"), rows);
  }
}
