package io.c360.jobs.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.catalog.Tables;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobRunner;
import io.c360.jobs.Lake;
import io.c360.jobs.Pipeline;
import io.c360.jobs.TestLake;
import io.c360.jobs.generate.GeneratorOptions;
import io.c360.jobs.generate.SampleGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The churn job on a small generated world: trains, evaluates, scores and explains the as-of date. */
@ExtendWith(SparkTest.class)
class ChurnJobTest {

  @TempDir
  Path dir;

  @Test
  void scoresAndExplainsEveryActiveCustomer() throws Exception {
    TestLake test = new TestLake(dir, "c360.identity.max-guest-orders-per-phone = 3\n"
        + "c360.churn { rounds = 30, training-dates = 4, step-days = 30, early-stopping-rounds = 5 }\n");
    SampleGenerator.generate(GeneratorOptions.defaults(300, 11, test.sources));
    JobContext context = test.context(LocalDate.parse("2025-12-31"));
    Pipeline.run(context);
    new JobRunner(context).run(new ChurnJob());

    Lake lake = context.lake();
    Row scores = lake.read(Tables.CHURN_SCORES).selectExpr("count(*)", "count(DISTINCT customer_id)",
        "min(churn_probability)", "max(churn_probability)", "count(DISTINCT model_version)").first();
    assertTrue(scores.getLong(0) > 100, "active customers are scored: " + scores);
    assertEquals(scores.getLong(0), scores.getLong(1), "one score per customer");
    assertTrue(scores.getDouble(2) >= 0 && scores.getDouble(3) <= 1, scores.toString());
    assertEquals(1L, scores.getLong(4));
    long reasons = lake.read(Tables.CHURN_REASONS).count();
    assertEquals(3 * scores.getLong(0), reasons, "top-3 reasons per scored customer");
    assertEquals(0, lake.read(Tables.CHURN_REASONS).where("sentence IS NULL").count());
    assertEquals(1, lake.read(Tables.MODEL_METRICS).where("model = 'churn' AND metric = 'auc'").count());
    assertEquals(1, lake.read(Tables.MODEL_REGISTRY).where("model = 'churn'").count());
  }
}
