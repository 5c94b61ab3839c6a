package io.c360.jobs.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobResult;
import io.c360.jobs.QualityGateException;
import io.c360.jobs.TestLake;
import io.c360.jobs.ingest.IngestJob;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SparkTest.class)
class QualityGateJobTest {

  private static final LocalDate AS_OF = LocalDate.parse("2025-12-31");
  private static final String HEADER =
      "order_id,account_id,phone,email,order_ts,channel,city,status,total_amount,discount_amount,currency";

  @TempDir
  Path dir;

  @Test
  void passingChecksAreRecordedPerRun() {
    TestLake test = new TestLake(dir, "c360.quality.checks = [\n"
        + "{ source = orders, kind = completeness, column = account_id, threshold = 0.5, level = error }\n"
        + "{ source = orders, kind = freshness, column = order_ts, threshold = 7, level = warning } ]\n");
    test.source("orders", "orders.csv", HEADER,
        "o1,A1,,,2025-12-30 10:00:00,app,,paid,1,0,CNY",
        "o2,,,,2025-12-01 10:00:00,app,,paid,1,0,CNY");
    JobContext context = test.context(AS_OF);
    new IngestJob().run(context);
    JobResult result = new QualityGateJob().run(context);
    assertEquals(2, result.rowsIn());
    Row completeness = context.lake().read(Tables.DQ_RESULTS)
        .where("check_name = 'completeness(account_id)'").first();
    assertEquals("pass", completeness.getAs("status"));
    assertEquals(0.5, completeness.<Double>getAs("observed"), 1e-9);
    assertEquals(context.runId(), completeness.getAs("run_id"));
    Row freshness = context.lake().read(Tables.DQ_RESULTS).where("check_name = 'freshness(order_ts)'").first();
    assertEquals(1.0, freshness.<Double>getAs("observed"), 1e-9);
  }

  @Test
  void anErrorLevelFailureStopsTheRunAndIsRecorded() {
    TestLake test = new TestLake(dir, "c360.quality.checks = [\n"
        + "{ source = orders, kind = quarantine_ratio, threshold = 0.1, level = error } ]\n");
    test.source("orders", "orders.csv", HEADER,
        "o1,A1,,,2025-12-30 10:00:00,app,,paid,1,0,CNY",
        "o2,A2,,,2025-12-30 10:00:00,app,,paid,oops,0,CNY");
    JobContext context = test.context(AS_OF);
    new IngestJob().run(context);
    QualityGateException e = assertThrows(QualityGateException.class, () -> new QualityGateJob().run(context));
    assertTrue(e.getMessage().contains("bronze_orders quarantine_ratio observed 0.5, threshold 0.1"), e.getMessage());
    Row result = context.lake().read(Tables.DQ_RESULTS).first();
    assertEquals("fail", result.getAs("status"));
    assertEquals("error", result.getAs("level"));
  }
}
