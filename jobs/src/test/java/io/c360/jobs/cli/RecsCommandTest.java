package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.TestLake;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.junit.jupiter.api.io.TempDir;

/** {@code c360 recs rules} on baskets and lines files, against a direct FPGrowth run. */
@ExtendWith(SparkTest.class)
class RecsCommandTest {

  /** 300 random baskets over 12 items with two planted pairs. */
  private static List<List<String>> baskets() {
    SplittableRandom r = new SplittableRandom(5);
    List<List<String>> baskets = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      List<String> b = new ArrayList<>();
      for (int j = 0; j < 12; j++) {
        if (r.nextDouble() < 0.15) {
          b.add("item" + j);
        }
      }
      if (b.contains("item1") && r.nextDouble() < 0.8) {
        b.add("charger");
      }
      if (b.contains("item2") && r.nextDouble() < 0.6) {
        b.add("case");
      }
      if (b.isEmpty()) {
        b.add("item0");
      }
      baskets.add(b);
    }
    return baskets;
  }

  @Test
  void countsMatchADirectFpGrowthRunWithTheSameThresholds(SparkSession spark, @TempDir Path dir) throws Exception {
    List<List<String>> baskets = baskets();
    Path file = dir.resolve("baskets.txt");
    List<String> lines = new ArrayList<>(baskets.stream().map(b -> String.join(",", b)).toList());
    lines.add("");
    TestLake.write(file, String.join("\n", lines) + "\n");
    List<Row> rows = baskets.stream().map(b -> RowFactory.create((Object) b.toArray(String[]::new))).toList();
    Dataset<Row> data = spark.createDataFrame(rows, new StructType().add("items",
        DataTypes.createArrayType(DataTypes.StringType)));
    FPGrowthModel direct = new FPGrowth().setItemsCol("items").setMinSupport(0.03).setMinConfidence(0.2).fit(data);

    CliRun run = CliRun.of("recs", "rules", "--input", file.toString(), "--min-support", "0.03", "--min-confidence",
        "0.2", "--json");
    assertEquals(0, run.code(), run.err());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(300, json.get("baskets").asLong(), "the blank line is no basket");
    assertEquals(direct.freqItemsets().count(), json.get("frequent_itemsets").asLong());
    assertEquals(direct.associationRules().count(), json.get("rules").asLong());
    assertTrue(json.get("rules").asLong() >= 2, run.out());
    JsonNode top = json.get("top_rules").get(0);
    Row best = direct.associationRules().orderBy(org.apache.spark.sql.functions.col("lift").desc()).first();
    assertEquals(best.getDouble(best.fieldIndex("lift")), top.get("lift").asDouble(), 1e-12);
    assertEquals(best.getList(best.fieldIndex("consequent")).get(0), top.get("consequent").asText());

    Path linesFile = dir.resolve("lines.csv");
    List<String> csv = new ArrayList<>(List.of("order_id,sku"));
    for (int i = 0; i < baskets.size(); i++) {
      for (String item : baskets.get(i)) {
        csv.add("o" + i + "," + item);
      }
    }
    TestLake.write(linesFile, String.join("\n", csv) + "\n");
    CliRun fromLines = CliRun.of("recs", "rules", "--input", linesFile.toString(), "--format", "lines", "--min-support",
        "0.03", "--min-confidence", "0.2", "--json");
    assertEquals(0, fromLines.code(), fromLines.err());
    JsonNode same = new ObjectMapper().readTree(fromLines.out());
    assertEquals(json.get("frequent_itemsets"), same.get("frequent_itemsets"));
    assertEquals(json.get("rules"), same.get("rules"));

    CliRun text = CliRun.of("recs", "rules", "--input", file.toString(), "--min-support", "0.03", "--min-confidence",
        "0.2");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().startsWith("300 baskets, min support 0.03, min confidence 0.2: "
        + json.get("frequent_itemsets").asLong() + " frequent itemsets, " + json.get("rules").asLong() + " rules"),
        text.out());
  }

  @Test
  void badInputsExitWithUsage(@TempDir Path dir) {
    CliRun missing = CliRun.of("recs", "rules", "--input", dir.resolve("none.txt").toString());
    assertEquals(ExitCodes.USAGE, missing.code());
    assertTrue(missing.err().contains("no such file"), missing.err());
    Path csv = dir.resolve("x.csv");
    TestLake.write(csv, "basket,item\n1,a\n");
    CliRun column = CliRun.of("recs", "rules", "--input", csv.toString(), "--format", "lines");
    assertEquals(ExitCodes.USAGE, column.code());
    assertTrue(column.err().contains("column 'order_id' is not in"), column.err());
    CliRun support = CliRun.of("recs", "rules", "--input", csv.toString(), "--min-support", "0");
    assertEquals(ExitCodes.USAGE, support.code());
  }
}
