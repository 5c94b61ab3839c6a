package io.c360.core.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.IngestConfig;
import io.c360.core.testdata.SparkTest;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class IngestTransformTest {

  private static final IngestConfig RULES = ConfigReader.defaultConfig().ingest();
  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final Timestamp NOW = Timestamp.valueOf("2026-01-01 02:00:00");

  /**
   * Raw orders rows: order_id, account_id, phone, email, order_ts, channel, city, status, total, discount, currency
   * (then the contract's later columns empty).
   */
  private static Dataset<Row> rawOrders(SparkSession spark, String[]... rows) {
    StructType schema = new StructType();
    for (var field : Source.ORDERS.fields()) {
      schema = schema.add(field.name(), DataTypes.StringType);
    }
    schema = schema.add(IngestTransform.FILE_COL, DataTypes.StringType)
        .add(IngestTransform.CORRUPT_COL, DataTypes.StringType);
    List<Row> list = new ArrayList<>();
    int fields = Source.ORDERS.fields().size();
    for (String[] r : rows) {
      Object[] values = Arrays.copyOf(r, fields + 2, Object[].class);
      values[fields] = "file:/in/orders.csv";
      list.add(RowFactory.create(values));
    }
    return spark.createDataFrame(list, schema);
  }

  private static String[] order(String id, String ts, String total, String currency) {
    return new String[] {id, "A1", "13800138000", "a@b.cn", ts, "app", "Shanghai", "paid", total, "0", currency};
  }

  private static Map<String, String> reasonsByKey(Dataset<Row> quarantine) {
    Map<String, String> reasons = new HashMap<>();
    for (Row r : quarantine.collectAsList()) {
      reasons.put(r.getAs("record_key") == null ? "<none>" : r.getAs("record_key"),
          r.getAs("reason_code") + ":" + r.getAs("column_name"));
    }
    return reasons;
  }

  @Test
  void validRowsAreTypedAndEveryRowLandsOnce(SparkSession spark) {
    Dataset<Row> raw = rawOrders(spark,
        order("o1", "2025-06-01 10:00:00", "12.50", "CNY"),
        order("o2", "2025-13-45", "10", "CNY"),
        order("o3", "2025-06-02 11:00:00", "12,5x", "CNY"),
        order("o4", "2025-06-02 11:00:00", "-3", "CNY"),
        order("o5", "2025-06-02 11:00:00", "3", "XYZ"),
        order(null, "2025-06-02 11:00:00", "3", "CNY"),
        order("o6", "2031-01-01 00:00:00", "3", "CNY"),
        order("o7", "1899-12-31 00:00:00", "3", "CNY"),
        order("o1", "2025-06-01 10:00:00", "12.50", "CNY"));
    IngestTransform transform = new IngestTransform(Source.ORDERS, RULES, AS_OF);
    Dataset<Row> checked = transform.transform(raw, "b1", NOW, null);

    List<Row> bronze = transform.bronze(checked).collectAsList();
    assertEquals(1, bronze.size());
    Row o1 = bronze.get(0);
    assertEquals("o1", o1.getAs("order_id"));
    assertEquals(Timestamp.valueOf("2025-06-01 10:00:00"), o1.getAs("order_ts"));
    assertEquals(new BigDecimal("12.50"), o1.getAs("total_amount"));
    assertEquals("b1", o1.getAs(Tables.BATCH_ID));

    Map<String, String> reasons = reasonsByKey(transform.quarantine(checked));
    assertEquals(Map.of(
        "o2", "BAD_TIMESTAMP:order_ts",
        "o3", "BAD_NUMBER:total_amount",
        "o4", "NEGATIVE_VALUE:total_amount",
        "o5", "UNKNOWN_CURRENCY:currency",
        "<none>", "MISSING_KEY:order_id",
        "o6", "FUTURE_TIMESTAMP:order_ts",
        "o7", "TOO_OLD:order_ts",
        "o1", "DUPLICATE_KEY:order_id"), reasons);
  }

  @Test
  void encodingLengthAndMalformedRowsAreQuarantined(SparkSession spark) {
    String[] broken = order("o1", "2025-06-01 10:00:00", "1", "CNY");
    broken[6] = "Shang\uFFFDhai";
    String[] overlong = order("o2", "2025-06-01 10:00:00", "1", "CNY");
    overlong[6] = "x".repeat(RULES.maxFieldLength() + 1);
    String[] emoji = order("o3", "2025-06-01 10:00:00", "1", "CNY");
    emoji[6] = "Shanghai \uD83D\uDE00";
    int corrupt = Source.ORDERS.fields().size() + 1;
    String[] malformed = Arrays.copyOf(order("o4", "2025-06-01 10:00:00", "1", "CNY"), corrupt + 1);
    malformed[corrupt] = "o4,A1,too,few";
    IngestTransform transform = new IngestTransform(Source.ORDERS, RULES, AS_OF);
    Dataset<Row> checked = transform.transform(rawOrders(spark, broken, overlong, emoji, malformed), "b1", NOW, null);

    assertEquals(List.of("o3"), transform.bronze(checked).select("order_id").as(
        org.apache.spark.sql.Encoders.STRING()).collectAsList());
    Map<String, String> reasons = reasonsByKey(transform.quarantine(checked));
    assertEquals("BAD_ENCODING:city", reasons.get("o1"));
    assertEquals("OVERLONG_FIELD:city", reasons.get("o2"));
    assertEquals("MALFORMED_ROW:null", reasons.get("o4"));
    Row raw = transform.quarantine(checked).where("record_key = 'o4'").first();
    assertEquals("o4,A1,too,few", raw.getAs("raw_record"));
  }

  @Test
  void factKeysSeenInEarlierBatchesAreDuplicates(SparkSession spark) {
    IngestTransform transform = new IngestTransform(Source.ORDERS, RULES, AS_OF);
    Dataset<Row> earlier = spark.createDataFrame(List.of(RowFactory.create("o1")),
        new StructType().add("_key", DataTypes.StringType));
    Dataset<Row> checked = transform.transform(rawOrders(spark,
        order("o1", "2025-06-01 10:00:00", "1", "CNY"),
        order("o2", "2025-06-01 10:00:00", "1", "CNY")), "b2", NOW, earlier);
    assertEquals(List.of("o2"), transform.bronze(checked).select("order_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    Row dup = transform.quarantine(checked).first();
    assertEquals("DUPLICATE_KEY", dup.getAs("reason_code"));
    assertEquals("o1", dup.getAs("record_key"));
  }

  @Test
  void enumeratedValuesAreCheckedCaseInsensitively(SparkSession spark) {
    String[] paid = order("o1", "2025-06-01 10:00:00", "1", "cny");
    paid[7] = " PAID ";
    String[] odd = order("o2", "2025-06-01 10:00:00", "1", "CNY");
    odd[7] = "lost_in_space";
    IngestTransform transform = new IngestTransform(Source.ORDERS, RULES, AS_OF);
    Dataset<Row> checked = transform.transform(rawOrders(spark, paid, odd), "b1", NOW, null);
    Row bronze = transform.bronze(checked).first();
    assertEquals("o1", bronze.getAs("order_id"));
    assertEquals(new BigDecimal("0.00"), bronze.getAs("discount_amount"));
    assertEquals(" PAID ", bronze.getAs("status"));
    assertEquals(Map.of("o2", "BAD_VALUE:status"), reasonsByKey(transform.quarantine(checked)));
  }
}
