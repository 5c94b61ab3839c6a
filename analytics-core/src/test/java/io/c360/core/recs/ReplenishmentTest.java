package io.c360.core.recs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.SparkTest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ReplenishmentTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-02-20");

  private final Dataset<Row> lines = RecsRows.lines(
      // every 14 days; the second line on 01-15 is the same day again and counts once
      "c1,2025-01-01,milk", "c1,2025-01-15,milk", "c1,2025-01-15,milk", "c1,2025-01-29,milk", "c1,2025-02-12,milk",
      // intervals 10 and 20: the median of an even count is the mean of the middle two
      "c2,2025-01-01,soap", "c2,2025-01-11,soap", "c2,2025-01-31,soap",
      // two purchase days only: no cycle
      "c3,2025-02-01,milk", "c3,2025-02-08,milk",
      // every 7 days but the last one long ago: overdue by more than a cycle
      "c4,2024-11-01,soap", "c4,2024-11-08,soap", "c4,2024-11-15,soap",
      // bought once
      "c5,2025-02-01,phone");

  private Map<String, Row> byCustomer(Dataset<Row> rows) {
    Map<String, Row> map = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      map.put(r.getString(r.fieldIndex("customer_id")), r);
    }
    return map;
  }

  @Test
  void aFourteenDayBuyerHasAFourteenDayCycleAndIsDueFourteenDaysAfterTheLastPurchase() {
    Map<String, Row> cycles = byCustomer(Replenishment.cycles(lines, 3));
    assertEquals(3, cycles.size(), cycles.toString());
    Row c1 = cycles.get("c1");
    assertEquals(4L, c1.<Long>getAs("purchases"));
    assertEquals(14, c1.<Integer>getAs("cycle_days"));
    assertEquals(LocalDate.parse("2025-02-12"), c1.<java.sql.Date>getAs("last_purchase").toLocalDate());
    assertEquals(LocalDate.parse("2025-02-26"), c1.<java.sql.Date>getAs("next_date").toLocalDate());
    assertEquals(15, cycles.get("c2").<Integer>getAs("cycle_days"));
    assertEquals(LocalDate.parse("2025-02-15"), cycles.get("c2").<java.sql.Date>getAs("next_date").toLocalDate());
    assertEquals(7, cycles.get("c4").<Integer>getAs("cycle_days"));
  }

  @Test
  void remindersAreDueWithinTheWindowAndAtMostOneCycleOverdue() {
    Map<String, Row> due = byCustomer(Replenishment.due(Replenishment.cycles(lines, 3), AS_OF, 14));
    assertEquals(List.of("c1", "c2"), due.keySet().stream().sorted().toList());
    assertEquals(6, due.get("c1").<Integer>getAs("days_until_due"));
    assertEquals(-5, due.get("c2").<Integer>getAs("days_until_due"));
    assertTrue(Replenishment.due(Replenishment.cycles(lines, 3), AS_OF, 5).where("customer_id = 'c1'").isEmpty(),
        "due in 6 days is outside a 5-day window");
  }

  @Test
  void replenishableSkusAreRebougthByEnoughBuyersAndOnlyOthersAreExcluded() {
    Map<String, Double> shares = new HashMap<>();
    for (Row r : Replenishment.replenishable(lines, 0.0).collectAsList()) {
      shares.put(r.getString(0), r.getDouble(2));
    }
    assertEquals(Map.of("milk", 1.0, "soap", 1.0, "phone", 0.0), shares);
    Dataset<Row> replenishable = Replenishment.replenishable(lines, 0.5);
    assertEquals(List.of("c5,phone"), Replenishment.exclusions(lines, replenishable).collectAsList().stream()
        .map(r -> r.getString(0) + "," + r.getString(1)).toList());
  }
}
