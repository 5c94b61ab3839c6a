package io.c360.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.ServiceConfig;
import io.c360.core.testdata.SparkTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class TicketClassifierTest {

  private static final StructType SCHEMA = new StructType()
      .add("ticket_id", DataTypes.StringType)
      .add("text", DataTypes.StringType)
      .add("category", DataTypes.StringType);
  private static final ServiceConfig CONFIG = new ServiceConfig(0.3, 1 << 12, 0.01, 50, 10, 7,
      List.of("delivery_delay"), new ServiceConfig.Priority(1, 1, 1, Map.of(), Map.of()),
      new ServiceConfig.Sla(4, 72));

  /** English and Chinese phrases per category, each with a random-looking order number as noise. */
  private static Dataset<Row> bilingual(SparkSession spark) {
    Map<String, String[]> phrases = Map.of(
        "delivery_delay", new String[] {"my package is late, order ", "快递还没到，订单"},
        "refund", new String[] {"please refund my money for order ", "请给我退款，订单"},
        "account", new String[] {"I cannot log in to my account, order ", "账号登录不了，订单"});
    List<Row> rows = new ArrayList<>();
    int id = 0;
    for (Map.Entry<String, String[]> e : phrases.entrySet()) {
      for (String phrase : e.getValue()) {
        for (int i = 0; i < 20; i++) {
          rows.add(RowFactory.create("T" + id++, phrase + (7919 * id % 10_007), e.getKey()));
        }
      }
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  @Test
  void learnsEnglishAndChineseCategoriesAndPredictsUnseenTexts(SparkSession spark) {
    TicketClassifier.Trained trained = new TicketClassifier(CONFIG).train(bilingual(spark));
    assertEquals(List.of("account", "delivery_delay", "refund"), trained.labels());
    assertEquals(1.0, trained.evaluation().macroF1(), 1e-12);
    assertEquals(120, trained.evaluation().trainRows() + trained.evaluation().testRows());
    assertTrue(trained.evaluation().testRows() > 20 && trained.evaluation().testRows() < 60,
        "held out " + trained.evaluation().testRows());

    Dataset<Row> unseen = spark.createDataFrame(List.of(
        RowFactory.create("N1", "Where is my package? It is late", null),
        RowFactory.create("N2", "请尽快退款", null),
        RowFactory.create("N3", "登录失败，账号有问题", null),
        RowFactory.create("N4", null, null)), SCHEMA);
    Map<String, Row> predicted = trained.predict(unseen).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertEquals("delivery_delay", predicted.get("N1").getAs(TicketClassifier.PREDICTED));
    assertEquals("refund", predicted.get("N2").getAs(TicketClassifier.PREDICTED));
    assertEquals("account", predicted.get("N3").getAs(TicketClassifier.PREDICTED));
    double confidence = predicted.get("N2").getAs(TicketClassifier.CONFIDENCE);
    assertTrue(confidence > 1.0 / 3 && confidence <= 1.0, "confidence " + confidence);
    assertEquals(List.of("ticket_id", "text", "category", "predicted_category", "confidence"),
        List.of(trained.predict(unseen).columns()));
  }

  @Test
  void macroF1AveragesThePerClassF1OfTheConfusionCounts(SparkSession spark) {
    StructType schema = new StructType().add("category", DataTypes.StringType)
        .add("predicted_category", DataTypes.StringType);
    // a: 3 right, 1 predicted b; b: 2 right; c: 1 predicted a
    Dataset<Row> predicted = spark.createDataFrame(List.of(
        RowFactory.create("a", "a"), RowFactory.create("a", "a"), RowFactory.create("a", "a"),
        RowFactory.create("a", "b"), RowFactory.create("b", "b"), RowFactory.create("b", "b"),
        RowFactory.create("c", "a")), schema);
    TicketClassifier.Evaluation e = TicketClassifier.evaluate(predicted, 10);
    // a: precision 3/4, recall 3/4, f1 3/4; b: precision 2/3, recall 1, f1 4/5; c: 0
    assertEquals(List.of("a", "b", "c"), e.classes().stream().map(TicketClassifier.ClassMetrics::category).toList());
    assertEquals(0.75, e.classes().get(0).precision(), 1e-12);
    assertEquals(0.75, e.classes().get(0).recall(), 1e-12);
    assertEquals(2.0 / 3, e.classes().get(1).precision(), 1e-12);
    assertEquals(1.0, e.classes().get(1).recall(), 1e-12);
    assertEquals(0.0, e.classes().get(2).f1(), 1e-12);
    assertEquals((0.75 + 0.8 + 0.0) / 3, e.macroF1(), 1e-12);
    assertEquals(5.0 / 7, e.accuracy(), 1e-12);
    assertEquals(7, e.testRows());
  }

  @Test
  void refusesToTrainOnTooFewLabelledTickets(SparkSession spark) {
    Dataset<Row> few = spark.createDataFrame(List.of(RowFactory.create("T1", "late", "delivery_delay"),
        RowFactory.create("T2", "refund", "refund"), RowFactory.create("T3", "no label", null)), SCHEMA);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TicketClassifier(CONFIG).train(few));
    assertTrue(e.getMessage().contains("min-labelled = 10"), e.getMessage());
  }
}
