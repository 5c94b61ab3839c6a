package io.c360.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.c360.core.catalog.Source;
import io.c360.core.config.ServiceConfig;
import io.c360.core.testdata.BronzeRows;
import io.c360.core.testdata.SparkTest;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
class TicketInsightsTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final ServiceConfig CONFIG = new ServiceConfig(0.2, 1 << 10, 0.01, 10, 2, 7, List.of(),
      new ServiceConfig.Priority(1, 1, 1, Map.of("system_fault", 1.0), Map.of()), new ServiceConfig.Sla(4, 72));

  private static Timestamp ts(String value) {
    return value == null ? null : Timestamp.valueOf(value);
  }

  private static Row ticket(String id, String created, String resolved, String category, String predicted) {
    return RowFactory.create(id, null, ts(created), null, ts(resolved), category, "where is my parcel", predicted,
        predicted == null ? null : 0.9);
  }

  @Test
  void statusAndCategorySourceOfEachTicketAndTheOpenOnesQueuedByPriority(SparkSession spark) {
    StructType schema = new StructType().add("ticket_id", DataTypes.StringType)
        .add("customer_id", DataTypes.StringType).add("created_ts", DataTypes.TimestampType)
        .add("first_response_ts", DataTypes.TimestampType).add("resolved_ts", DataTypes.TimestampType)
        .add("category", DataTypes.StringType).add("text", DataTypes.StringType)
        .add(TicketClassifier.PREDICTED, DataTypes.StringType).add(TicketClassifier.CONFIDENCE, DataTypes.DoubleType);
    Dataset<Row> classified = spark.createDataFrame(List.of(
        ticket("T1", "2025-12-29 08:00:00", "2025-12-30 08:00:00", "delivery_delay", "other"),
        ticket("T2", "2025-12-30 08:00:00", "2026-01-02 08:00:00", null, "system_fault"),
        ticket("T3", "2025-12-31 08:00:00", null, null, null),
        ticket("T5", "2025-12-31 08:00:00", null, null, null),
        ticket("T4", "2025-12-20 08:00:00", null, "other", null)), schema);

    Dataset<Row> insights = new TicketInsights(CONFIG, 5).insights(classified, null, AS_OF);
    Map<String, Row> byId = insights.collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("ticket_id"), r -> r));

    assertEquals("resolved", byId.get("T1").getAs("status"));
    assertEquals("open", byId.get("T2").getAs("status"), "resolved after the as-of date");
    assertEquals("open", byId.get("T3").getAs("status"));
    assertEquals("desk", byId.get("T1").getAs("category_source"));
    assertEquals("delivery_delay", byId.get("T1").getAs("final_category"), "the desk's category wins");
    assertEquals("predicted", byId.get("T2").getAs("category_source"));
    assertEquals("system_fault", byId.get("T2").getAs("final_category"));
    assertEquals("none", byId.get("T3").getAs("category_source"));
    assertNull(byId.get("T3").getAs("final_category"));
    assertEquals(Date.valueOf(AS_OF), byId.get("T4").getAs("as_of"));

    List<Row> queue = TicketInsights.queue(insights).orderBy("queue_rank").collectAsList();
    List<String> expected = byId.values().stream().filter(r -> r.getAs("status").equals("open"))
        .sorted(Comparator.comparing((Row r) -> -r.<Double>getAs("priority_score"))
            .thenComparing(r -> r.<Timestamp>getAs("created_ts")).thenComparing(r -> r.<String>getAs("ticket_id")))
        .map(r -> r.<String>getAs("ticket_id")).toList();
    assertEquals(List.of("T2", "T3", "T4", "T5"), expected.stream().sorted().toList(), "the four open tickets");
    assertEquals(expected, queue.stream().map(r -> r.<String>getAs("ticket_id")).toList());
    assertEquals(List.of(1L, 2L, 3L, 4L), queue.stream().map(r -> r.<Long>getAs("queue_rank")).toList());
    assertEquals(queue.stream().map(r -> r.<String>getAs("ticket_id")).toList().indexOf("T3") + 1,
        queue.stream().map(r -> r.<String>getAs("ticket_id")).toList().indexOf("T5"),
        "T3 and T5 tie on priority and creation time: the ticket id decides");
  }

  @Test
  void theLatestStateOfTheTicketsCreatedByTheAsOfDateWithAnEmptyCategoryReadAsNone(SparkSession spark) {
    Dataset<Row> bronze = BronzeRows.of(Source.TICKETS)
        .row("ticket_id", "T1", "created_ts", "2025-12-30 08:00:00", "category", "", "text", "late parcel")
        .row("ticket_id", "T1", "created_ts", "2025-12-30 08:00:00", "category", "delivery_delay",
            "resolved_ts", "2025-12-31 09:00:00", "text", "late parcel", "_ingested_at", "2026-01-01 00:00:00",
            "_batch_id", "b2")
        .row("ticket_id", "T2", "created_ts", "2025-12-31 23:00:00", "category", "", "text", "refund?")
        .row("ticket_id", "T3", "created_ts", "2026-01-01 00:00:00", "text", "after the as-of date")
        .toDataset(spark);

    Map<String, Row> tickets = TicketInsights.tickets(bronze, AS_OF).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.<String>getAs("ticket_id"), r -> r));

    assertEquals(Set.of("T1", "T2"), tickets.keySet(), "T3 was created after the as-of date");
    assertEquals("delivery_delay", tickets.get("T1").getAs("category"), "the later batch's state");
    assertEquals(Timestamp.valueOf("2025-12-31 09:00:00"), tickets.get("T1").getAs("resolved_ts"));
    assertNull(tickets.get("T2").getAs("category"), "an empty category is none");
    Row unclassified = TicketInsights.unclassified(TicketInsights.tickets(bronze, AS_OF)).first();
    assertNull(unclassified.getAs(TicketClassifier.PREDICTED));
    assertNull(unclassified.getAs(TicketClassifier.CONFIDENCE));
  }
}
