package io.c360.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class LakeTest {

  @Test
  void aTableWrittenByAnOlderVersionGainsTheColumnsDeclaredSince(SparkSession spark, @TempDir Path dir) {
    TestLake test = new TestLake(dir);
    Lake lake = test.open();
    // an older c360 wrote alerts without the message column
    StructType old = new StructType(java.util.Arrays.stream(Tables.ALERTS.schema().fields())
        .filter(f -> !f.name().equals("message")).toArray(org.apache.spark.sql.types.StructField[]::new));
    spark.createDataFrame(List.of(RowFactory.create(Date.valueOf("2025-11-30"), "complaints", "warning",
            "complaint_rate", 0.12, 0.1)), old)
        .write().format("delta").partitionBy("as_of").save(lake.path(Tables.ALERTS).toString());

    lake.replaceWhere(Tables.ALERTS, spark.createDataFrame(List.of(RowFactory.create(Date.valueOf("2025-12-31"),
        "complaints", "warning", "complaint_rate", 0.13, 0.1, "complaint rate 13% above 10%")),
        Tables.ALERTS.schema()), "as_of = '2025-12-31'");

    List<Row> rows = lake.read(Tables.ALERTS).orderBy("as_of").collectAsList();
    assertEquals(2, rows.size());
    assertNull(rows.get(0).getAs("message"), "the earlier row reads the new column as null");
    assertEquals("complaint rate 13% above 10%", rows.get(1).getAs("message"));
  }

  @Test
  void writtenRowsComeFromTheCommitAndAnEmptyWriteWroteNone(SparkSession spark, @TempDir Path dir) {
    Lake lake = new TestLake(dir).open();
    LocalDate day = LocalDate.parse("2025-12-31");
    List<Row> alerts = List.of(
        RowFactory.create(Date.valueOf(day), "complaints", "warning", "complaint_rate", 0.13, 0.1, "a"),
        RowFactory.create(Date.valueOf(day), "refunds", "critical", "refund_rate", 0.2, 0.1, "b"));
    lake.replaceAsOf(Tables.ALERTS, day, spark.createDataFrame(alerts, Tables.ALERTS.schema()));
    assertEquals(2, lake.writtenRows(Tables.ALERTS, day));
    lake.replaceAsOf(Tables.ALERTS, day, spark.createDataFrame(alerts.subList(0, 1), Tables.ALERTS.schema()));
    assertEquals(1, lake.writtenRows(Tables.ALERTS, day), "the latest write, not the table");
    lake.replaceAsOf(Tables.ALERTS, day, spark.createDataFrame(List.of(), Tables.ALERTS.schema()));
    assertEquals(0, lake.writtenRows(Tables.ALERTS, day));
    assertEquals(0, lake.read(Tables.ALERTS).count());
  }
}
