package io.c360.core.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.c360.core.testdata.SparkTest;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class CustomerSampleTest {

  @Test
  void aSampleKeepsAboutItsShareOfTheCustomersAndTheSameOnesEachTime(SparkSession spark) {
    Dataset<Row> ids = spark.range(20000).selectExpr("concat('c', id) AS customer_id");
    long small = ids.where(CustomerSample.of(0.1)).count();
    long half = ids.where(CustomerSample.of(0.5)).count();
    assertEquals(2000, small, 200);
    assertEquals(10000, half, 300);
    assertEquals(0, ids.where(CustomerSample.of(0.1)).exceptAll(ids.where(CustomerSample.of(0.5))).count(),
        "a smaller sample is part of a larger one");
    assertEquals(20000, ids.where(CustomerSample.of(1)).count());
    assertThrows(IllegalArgumentException.class, () -> CustomerSample.of(0));
  }

  @Test
  void theShareSamplesTheWantedCustomersOrEveryOne() {
    assertEquals(0.25, CustomerSample.share(50_000, 200_000));
    assertEquals(1, CustomerSample.share(50_000, 50_000), "not more customers than wanted: all of them");
    assertEquals(1, CustomerSample.share(0, 200_000), "0: every customer");
  }
}
