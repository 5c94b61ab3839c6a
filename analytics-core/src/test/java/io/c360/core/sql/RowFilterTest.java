package io.c360.core.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.testdata.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class RowFilterTest {

  private static Dataset<Row> customers(SparkSession spark) {
    return spark.createDataFrame(List.of(RowFactory.create("C1", 120, 3), RowFactory.create("C2", 10, 5),
            RowFactory.create("C3", 400, 1)),
        new StructType().add("customer_id", "string").add("recency_days", "int").add("orders", "int"));
  }

  @Test
  void aBooleanExpressionOverTheRowsOwnColumnsFilters(SparkSession spark) {
    Dataset<Row> rows = customers(spark);
    assertEquals(List.of("C1"), rows.where(RowFilter.of("recency_days > 90 AND Orders >= 2", rows))
        .select("customer_id").as(Encoders.STRING()).collectAsList(), "column names in any case");
  }

  @Test
  void whatReachesOutsideTheRowsIsRefusedWithTheReason(SparkSession spark) {
    Dataset<Row> rows = customers(spark);
    assertEquals("may not contain a subquery: only the rows' own columns can be used", refused(
        "customer_id IN (SELECT customer_id FROM c360.customer_pii)", rows));
    assertEquals("unknown column 'phones'; columns: customer_id, recency_days, orders", refused(
        "phones IS NOT NULL", rows));
    assertTrue(refused("t.orders > 1", rows).startsWith("unknown column 't.orders'"), "qualified");
    assertEquals("may not call reflect", refused("reflect('java.lang.System', 'exit', '0') IS NULL", rows));
    assertEquals("may not call input_file_name", refused("input_file_name() = ''", rows));
    assertEquals("may not call default.f", refused("default.f(orders)", rows));
    assertTrue(refused("true; DROP TABLE c360.customer_360", rows).startsWith("is not one SQL expression: "));
    assertEquals("must be a boolean expression (true or false per row)", refused("recency_days + 1", rows));
  }

  private static String refused(String sql, Dataset<Row> rows) {
    return assertThrows(SqlAccessDeniedException.class, () -> RowFilter.of(sql, rows), sql).getMessage();
  }
}
