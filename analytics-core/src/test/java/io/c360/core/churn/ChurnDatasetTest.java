package io.c360.core.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.core.catalog.Source;
import io.c360.core.config.ConfigReader;
import io.c360.core.profile.Customer360;
import io.c360.core.testdata.BronzeRows;
import io.c360.core.testdata.SparkTest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * C1 buys on 01-10, 03-01 and 05-05 (and a cancelled order on 03-15); C2 buys once on 02-01; C3 first buys on
 * 04-10. Horizon 30 days, T0s 03-10 and 04-10 (as of 05-10).
 */
@ExtendWith(SparkTest.class)
class ChurnDatasetTest {

  private static final ChurnSettings SETTINGS = new ChurnSettings(30, 0, 3, 42L, 10, 3, 0.3, 0, 1);

  private static Customer360.Inputs inputs(SparkSession spark) {
    Dataset<Row> orders = BronzeRows.of(Source.ORDERS)
        .row("order_id", "o1", "account_id", "A1", "order_ts", "2025-01-10 10:00:00", "status", "paid",
            "total_amount", "90.00")
        .row("order_id", "o2", "account_id", "A1", "order_ts", "2025-03-01 10:00:00", "status", "paid",
            "total_amount", "30.00")
        .row("order_id", "o3", "account_id", "A1", "order_ts", "2025-03-15 10:00:00", "status", "cancelled",
            "total_amount", "50.00")
        .row("order_id", "o4", "account_id", "A1", "order_ts", "2025-05-05 10:00:00", "status", "paid",
            "total_amount", "10.00")
        .row("order_id", "o5", "account_id", "A2", "order_ts", "2025-02-01 10:00:00", "status", "paid",
            "total_amount", "20.00")
        .row("order_id", "o6", "account_id", "A3", "order_ts", "2025-04-10 10:00:00", "status", "paid",
            "total_amount", "20.00")
        .toDataset(spark);
    StructType mapSchema = new StructType().add("entity_type", DataTypes.StringType)
        .add("entity_key", DataTypes.StringType).add("customer_id", DataTypes.StringType);
    Dataset<Row> identityMap = spark.createDataFrame(List.of(RowFactory.create("account", "A1", "C1"),
        RowFactory.create("account", "A2", "C2"), RowFactory.create("account", "A3", "C3")), mapSchema);
    return new Customer360.Inputs(identityMap, orders, null, null, null, null, null, null, null);
  }

  private static Map<String, Row> byCustomerAndT0(Dataset<Row> rows) {
    Map<String, Row> out = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      out.put(r.getAs("customer_id") + "@" + r.getAs("t0"), r);
    }
    return out;
  }

  @Test
  void trainingRowsHoldFeaturesAtT0AndTheLabelOfTheHorizon(SparkSession spark) {
    Customer360.Inputs in = inputs(spark);
    Dataset<Row> purchases = ChurnDataset.purchases(in.identityMap(), in.orders());
    List<LocalDate> t0s = List.of(LocalDate.parse("2025-03-10"), LocalDate.parse("2025-04-10"));
    Dataset<Row> rows = ChurnDataset.rows(new Customer360(ConfigReader.defaultConfig().identity()), in, purchases,
        t0s, SETTINGS, ConfigReader.defaultConfig().clv());

    Map<String, Row> got = byCustomerAndT0(rows);
    assertEquals(5, got.size(), got.keySet().toString());
    Row c1March = got.get("C1@2025-03-10");
    assertEquals(1, (int) c1March.getAs("churned"));
    assertEquals(9.0, (double) c1March.getAs("days_since_last_order"));
    assertEquals(120.0, (double) c1March.getAs("revenue"));
    assertEquals(30.0 * 3 / 120.0, (double) c1March.getAs("revenue_trend_30_90"), 1e-9);
    Row c1April = got.get("C1@2025-04-10");
    assertEquals(0, (int) c1April.getAs("churned"));
    assertEquals(40.0, (double) c1April.getAs("days_since_last_order"),
        "the cancelled order of 03-15 is no order; 05-05 is after T0");
    assertEquals(1.0, (double) c1April.getAs("last_order_failed"), "the latest order, 03-15, was cancelled");
    assertEquals(0.0, (double) c1March.getAs("last_order_failed"));
    assertEquals(40.0 / (double) c1April.getAs("interval_mean_days"), (double) c1April.getAs("recency_gap_ratio"),
        1e-9);
    assertEquals(1, (int) got.get("C2@2025-03-10").getAs("churned"));
    Row c3April = got.get("C3@2025-04-10");
    assertEquals(1, (int) c3April.getAs("churned"));
    assertEquals(0.0, (double) c3April.getAs("days_since_last_order"));
    assertNull(got.get("C3@2025-03-10"), "not active before the first purchase");
    assertEquals(ChurnDataset.featureNames().size() + 3, rows.columns().length);
  }

  @Test
  void timeSplitEvaluatesOneHorizonBeforeTheAsOfDateAndValidatesOneHorizonEarlier() {
    var config = io.c360.core.config.ConfigReader.read(com.typesafe.config.ConfigFactory.parseString(
        "c360.churn { horizon-days = 30, step-days = 7, training-dates = 8 }")).churn();
    ChurnDataset.TimeSplit split = ChurnDataset.timeSplit(LocalDate.parse("2025-06-09"), config);
    assertEquals(LocalDate.parse("2025-05-10"), split.evaluation());
    assertEquals(LocalDate.parse("2025-04-05"), split.validation(), "5 steps of 7 days: the first with a whole "
        + "horizon before the evaluation T0");
    assertEquals(List.of(LocalDate.parse("2025-03-22"), LocalDate.parse("2025-03-29")), split.train());
    var tooFew = org.junit.jupiter.api.Assertions.assertThrows(io.c360.core.config.ConfigException.class,
        () -> io.c360.core.config.ConfigReader.read(com.typesafe.config.ConfigFactory.parseString(
            "c360.churn { horizon-days = 30, step-days = 7, training-dates = 6 }")));
    assertEquals("c360.churn.training-dates must be at least 7 with horizon-days 30 and step-days 7 (training, "
        + "validation and evaluation T0s one horizon apart), got 6", tooFew.getMessage());
  }

  @Test
  void aTicketSinceTheLastOrderIsOneAndMissingWithoutATicketsSource(SparkSession spark) {
    Column feature = ChurnDataset.FEATURES.stream().filter(f -> f.name().equals(ChurnDataset.TICKET_SINCE_ORDER))
        .findFirst().orElseThrow().source();
    Dataset<Row> customers = spark.sql("SELECT * FROM VALUES (2L, DATE'2025-03-12', DATE'2025-03-10'), "
        + "(1L, DATE'2025-03-10', DATE'2025-03-10'), (3L, DATE'2025-02-01', DATE'2025-03-10'), "
        + "(0L, NULL, DATE'2025-03-10'), (NULL, NULL, DATE'2025-03-10') "
        + "AS t(tickets, last_ticket_date, last_order_date)");
    List<Double> got = customers.select(feature).collectAsList().stream()
        .map(r -> r.isNullAt(0) ? null : r.getDouble(0)).toList();
    assertEquals(Arrays.asList(1.0, 1.0, 0.0, 0.0, null), got,
        "later or same day: 1; earlier or no ticket: 0; no tickets source: missing");
  }

  @Test
  void everyFeatureHasAReadableName() {
    assertEquals("days since the last order", ChurnDataset.label("days_since_last_order"));
    assertEquals(ChurnDataset.featureNames(), ChurnDataset.modelFeatures().names());
    assertThrows(IllegalArgumentException.class, () -> ChurnDataset.label("nope"));
  }
}
