package io.c360.core.text;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.SparkTest;
import java.util.Arrays;
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
class SentimentColumnTest {

  @Test
  void sentimentColumnMatchesTheScorerAndKeepsNulls(SparkSession spark) {
    StructType schema = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType);
    Dataset<Row> texts = spark.createDataFrame(Arrays.asList(
        RowFactory.create(1, "Fast delivery, great quality"),
        RowFactory.create(2, "送货太慢了，包装破损"),
        RowFactory.create(3, ""),
        RowFactory.create(4, null)), schema).repartition(2);
    List<Row> rows = texts.select(col("id"), SentimentScorer.sentiment(col("text")).as("sentiment"))
        .orderBy("id").collectAsList();
    SentimentScorer scorer = SentimentScorer.standard();
    assertEquals(4, rows.size());
    assertEquals(scorer.score("Fast delivery, great quality"), rows.get(0).getDouble(1));
    assertEquals(scorer.score("送货太慢了，包装破损"), rows.get(1).getDouble(1));
    assertTrue(rows.get(0).getDouble(1) > 0 && rows.get(1).getDouble(1) < 0);
    assertEquals(0.0, rows.get(2).getDouble(1));
    assertTrue(rows.get(3).isNullAt(1));
  }
}
