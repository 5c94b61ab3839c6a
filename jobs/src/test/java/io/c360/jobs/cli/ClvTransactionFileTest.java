package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.core.testdata.SparkTest;
import io.c360.jobs.InputException;
import io.c360.jobs.clv.TransactionFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reading transactions files for {@code clv fit}: whitespace with a header, delimited without one. */
@ExtendWith(SparkTest.class)
class ClvTransactionFileTest {

  @Test
  void whitespaceFileWithAHeaderIsAddressedByName(SparkSession spark, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("master.txt"), " customer_id  date number_of_cds  dollar_value\n"
        + " 00001 19970101  1   11.77\n\n 00002 19970112  5   77.00\n");
    List<Row> rows = new TransactionFile(file, null, true, true, "customer_id", "date", "dollar_value", "yyyyMMdd")
        .read(spark).orderBy("customer").collectAsList();
    assertEquals(List.of(RowFactory.create("00001", Date.valueOf("1997-01-01"), 11.77),
        RowFactory.create("00002", Date.valueOf("1997-01-12"), 77.0)), rows);
  }

  @Test
  void delimitedFileWithoutAHeaderIsAddressedByIndex(SparkSession spark, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("tx.csv"), "x;c9;2024-02-01 10:00:00\nx;c8;2024-02-02\n");
    List<Row> rows = new TransactionFile(file, ";", false, false, "2", "3", null, null).read(spark)
        .orderBy("customer").collectAsList();
    assertEquals(List.of(RowFactory.create("c8", Date.valueOf("2024-02-02")),
        RowFactory.create("c9", Date.valueOf("2024-02-01"))), rows);
    InputException e = assertThrows(InputException.class,
        () -> new TransactionFile(file, ";", false, false, "4", "3", null, null).read(spark));
    assertEquals("unknown customer column 4; the file has 3 columns", e.getMessage());
  }

  @Test
  void badAmountNamesTheValue(SparkSession spark, @TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("tx.csv"), "c,d,a\nc1,2024-01-01,12.5\nc1,2024-01-03,n/a\n");
    InputException e = assertThrows(InputException.class,
        () -> new TransactionFile(file, ",", false, true, "c", "d", "a", null).read(spark));
    assertEquals("cannot parse amount 'n/a' (customer c1) in column a as a number; 1 rows affected",
        e.getMessage());
  }
}
