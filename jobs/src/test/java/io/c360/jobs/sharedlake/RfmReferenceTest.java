package io.c360.jobs.sharedlake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.ConfigReader;
import io.c360.core.config.SegmentConfig;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import io.c360.jobs.bench.RfmReference;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB reference of the RFM benchmark computes what the segments job's {@code Rfm.measures} computes. */
@ExtendWith({SparkTest.class, SharedLake.Unchanged.class})
class RfmReferenceTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final SegmentConfig CONFIG = ConfigReader.defaultConfig().segments();

  @TempDir
  Path dir;

  private static Row order(String customer, String day, String status, String amount) {
    return RowFactory.create(customer, Timestamp.valueOf(day + " 23:30:00"), Date.valueOf(day), status,
        new BigDecimal(amount));
  }

  @Test
  void bothEnginesGiveTheHandComputedTotals() throws Exception {
    SparkSession spark = SparkTest.spark();
    StructType schema = new StructType().add("customer_id", DataTypes.StringType)
        .add("order_ts", DataTypes.TimestampType).add("order_day", DataTypes.DateType)
        .add("status", DataTypes.StringType).add("total_amount", DataTypes.createDecimalType(18, 2));
    List<Row> orders = List.of(
        order("a", "2025-12-30", "paid", "100.00"),
        order("a", "2025-12-01", "Returned ", "50.00"),
        order("a", "2025-11-01", "cancelled", "70.00"),
        order("a", "2025-06-01", null, "30.00"),
        order("a", "2024-06-01", "paid", "20.00"),
        order("b", "2025-12-15", "CANCELLED", "40.00"),
        order("c", "2025-09-15", "paid", "10.00"));
    Path parquet = dir.resolve("orders.parquet");
    spark.createDataFrame(orders, schema).coalesce(1).write().parquet(parquet.toString());

    // a: kept 12-30, 12-01, 06-01, 2024-06-01; paid in the year 100 + 30; b: only cancelled, no row;
    // c: one paid order 107 days ago, in the previous 90-day period
    Map<String, Double> expected = new LinkedHashMap<>();
    expected.put("customers", 2.0);
    expected.put("orders", 5.0);
    expected.put("recency_days", 1.0 + 107);
    expected.put("frequency", 3.0 + 1);
    expected.put("monetary", 140.0);
    expected.put("paid_orders_window", 3.0);
    expected.put("orders_per_month", 2 / 3.0);
    expected.put("order_days", 5.0);
    expected.put("interval_mean_days", 577 / 3.0);
    expected.put("recent_interval_days", 577 / 3.0);
    expected.put("period_orders", 2.0);
    expected.put("previous_period_orders", 1.0);
    expected.put("active_orders", 2.0);

    Map<String, Double> bySpark = RfmReference.spark(spark, parquet, AS_OF, CONFIG);
    Map<String, Double> byDuckDb;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      byDuckDb = RfmReference.duckdb(db, parquet, AS_OF, CONFIG);
    }
    assertEquals(List.of(), RfmReference.differences(expected, bySpark), "Spark: " + bySpark);
    assertEquals(List.of(), RfmReference.differences(expected, byDuckDb), "DuckDB: " + byDuckDb);
  }

  @Test
  void theEnginesAgreeOnTheGeneratedLakesOrders() throws Exception {
    TestLake test = SharedLake.readOnly();
    Path parquet = dir.resolve("customer-orders.parquet");
    long rows = RfmReference.export(test.open(), SharedLake.AS_OF, parquet);
    assertTrue(rows > 1000, "order rows exported: " + rows);

    RfmReference.Timing spark = RfmReference.time("spark", 1,
        () -> RfmReference.spark(SparkTest.spark(), parquet, SharedLake.AS_OF, CONFIG));
    RfmReference.Timing duck;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      duck = RfmReference.time("duckdb", 1, () -> RfmReference.duckdb(db, parquet, SharedLake.AS_OF, CONFIG));
    }
    assertTrue(spark.totals().get("customers") > 250, spark.totals().toString());
    assertTrue(spark.totals().get("interval_mean_days") > 0, spark.totals().toString());
    assertEquals(List.of(), RfmReference.differences(spark.totals(), duck.totals()), duck.totals().toString());
    assertEquals(1, duck.seconds().size());
  }
}
