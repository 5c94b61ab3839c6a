package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.c360.core.testdata.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class ResultPrinterTest {

  @Test
  void tableColumnsStayAlignedWithChineseCharacters(SparkSession spark) {
    StructType schema = new StructType().add("city", DataTypes.StringType).add("customers", DataTypes.LongType);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ResultPrinter(new PrintStream(out, true, StandardCharsets.UTF_8)).print(spark.createDataFrame(List.of(
        RowFactory.create("南京", 12L), RowFactory.create("Shanghai", 7L), RowFactory.create("乌鲁木齐", 3L)),
        schema), ResultPrinter.Format.table, 0);
    assertEquals(List.of(
        "city     | customers",
        "---------+----------",
        "南京     | 12",
        "Shanghai | 7",
        "乌鲁木齐 | 3",
        "(3 rows)"), out.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void widthCountsWideCharactersTwiceAndClipsByWidth() {
    assertEquals(4, ResultPrinter.width("南京"));
    assertEquals(2, ResultPrinter.width("e\u0301e"), "a combining accent takes no column");
    String clipped = ResultPrinter.clip("南".repeat(50));
    assertEquals(79, ResultPrinter.width(clipped), "38 characters of two columns and the dots");
    assertEquals("...", clipped.substring(clipped.length() - 3));
  }
}
