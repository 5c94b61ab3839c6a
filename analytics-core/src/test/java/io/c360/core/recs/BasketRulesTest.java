package io.c360.core.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.fpm.FPGrowth;
import org.apache.spark.ml.fpm.FPGrowthModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class BasketRulesTest {

  private static Dataset<Row> baskets(SparkSession spark, String... baskets) {
    List<Row> rows = new ArrayList<>();
    for (String b : baskets) {
      rows.add(RowFactory.create((Object) b.split(",")));
    }
    return spark.createDataFrame(rows, new StructType().add("items",
        DataTypes.createArrayType(DataTypes.StringType)));
  }

  @Test
  void rulesHaveHandComputedSupportConfidenceAndLift(SparkSession spark) {
    // a in 4 of 5 baskets, b in 4, c in 3; ab 3, ac 2, bc 2, abc 1
    Dataset<Row> five = baskets(spark, "a,b", "a,b", "a,c", "b,c", "a,b,c");
    BasketRules.Result result = BasketRules.fit(five, 0.4, 0.5);
    assertEquals(6, result.itemsets().count(), "a, b, c, ab, ac, bc");
    Map<String, double[]> rules = new HashMap<>();
    for (Row r : result.rules().collectAsList()) {
      rules.put(String.join("+", r.<String>getList(0)) + "->" + r.getString(1),
          new double[] {r.getDouble(2), r.getDouble(3), r.getDouble(4)});
    }
    assertEquals(6, rules.size(), rules.keySet().toString());
    assertEquals(0.6, rules.get("a->b")[0], 1e-12);
    assertEquals(0.75, rules.get("a->b")[1], 1e-12);
    assertEquals(0.75 / 0.8, rules.get("a->b")[2], 1e-12);
    assertEquals(0.4, rules.get("c->a")[0], 1e-12);
    assertEquals(2.0 / 3, rules.get("c->a")[1], 1e-12);
    assertEquals((2.0 / 3) / 0.8, rules.get("c->a")[2], 1e-12);
  }

  @Test
  void countsEqualADirectFpGrowthRunWithTheSameThresholds(SparkSession spark) {
    List<String> lines = new ArrayList<>();
    String[] items = {"milk", "bread", "eggs", "beer", "nappies", "cola", "chips", "salsa"};
    for (int i = 0; i < 200; i++) {
      List<String> basket = new ArrayList<>();
      for (int j = 0; j < items.length; j++) {
        if ((i * 7 + j * 13) % (j + 2) == 0 || (i % 5 == 0 && j < 3)) {
          basket.add(items[j]);
        }
      }
      if (basket.isEmpty()) {
        basket.add("water");
      }
      lines.add(String.join(",", basket));
    }
    Dataset<Row> data = baskets(spark, lines.toArray(String[]::new));
    FPGrowthModel direct = new FPGrowth().setItemsCol("items").setMinSupport(0.1).setMinConfidence(0.3).fit(data);
    BasketRules.Result ours = BasketRules.fit(data, 0.1, 0.3);
    long rules = direct.associationRules().count();
    assertEquals(direct.freqItemsets().count(), ours.itemsets().count());
    assertEquals(rules, ours.rules().count());
    assertEquals(0, direct.associationRules().where("size(consequent) <> 1").count(), "single-item consequents");
    org.junit.jupiter.api.Assertions.assertTrue(rules > 5, "a non-trivial example: " + rules + " rules");
  }

  @Test
  void rulesFireOnRecentSkusAndProposeWhatTheCustomerDoesNotHave(SparkSession spark) {
    BasketRules.Result result = BasketRules.fit(baskets(spark, "a,b", "a,b", "a,c", "b,c", "a,b,c"), 0.4, 0.5);
    Dataset<Row> names = spark.createDataFrame(List.of(RowFactory.create("a", "Whole Milk")),
        new StructType().add("sku", DataTypes.StringType).add("product_name", DataTypes.StringType));
    Dataset<Row> recent = RecsRows.pairs("u1,a", "u2,a", "u2,b");
    Map<String, Row> got = new HashMap<>();
    for (Row r : BasketRules.candidates(result.rules(), recent, names).collectAsList()) {
      got.put(r.getString(0) + ":" + r.getString(1), r);
    }
    assertEquals(List.of("u1:b", "u1:c", "u2:c"), got.keySet().stream().sorted().toList());
    assertEquals(0.75 * (0.75 / 0.8), got.get("u1:b").getDouble(2), 1e-12);
    assertEquals("often bought with Whole Milk", got.get("u1:b").getString(3));
    // u2 has a and b: a->c (conf 0.5, lift 0.5/0.6) and b->c (same); a+b->c needs support 0.2 < 0.4
    assertEquals(0.5 * (0.5 / 0.6), got.get("u2:c").getDouble(2), 1e-12);
    assertEquals("often bought with b", got.get("u2:c").getString(3), "equal scores: the larger antecedent wins");
  }
}
