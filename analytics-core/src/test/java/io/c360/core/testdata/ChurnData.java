package io.c360.core.testdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A deterministic synthetic labelled customer table for churn tests, as CSV lines with a header:
 * {@code customer_id, recency_days, plan, tenure_months, tickets, noise, churned}. Churn odds rise with recency
 * and support tickets, fall with tenure and depend on the plan (basic > plus > pro); about 5% of recencies and
 * 3% of plans are blank; labels are yes/no.
 */
public final class ChurnData {

  public static final String HEADER = "customer_id,recency_days,plan,tenure_months,tickets,noise,churned";
  public static final List<String> NUMERIC = List.of("recency_days", "tenure_months", "tickets", "noise");
  public static final List<String> CATEGORICAL = List.of("plan");

  private ChurnData() {
  }

  public static List<String> csvLines(int rows, long seed) {
    Random rng = new Random(seed);
    String[] plans = {"basic", "plus", "pro"};
    double[] planEffect = {0.9, 0.0, -1.2};
    List<String> lines = new ArrayList<>(rows + 1);
    lines.add(HEADER);
    for (int i = 0; i < rows; i++) {
      int recency = rng.nextInt(366);
      int plan = rng.nextInt(3);
      int tenure = 1 + rng.nextInt(60);
      int tickets = Math.min(6, (int) Math.floor(-Math.log(1 - rng.nextDouble()) * 1.2));
      double noise = rng.nextGaussian();
      boolean blankRecency = rng.nextDouble() < 0.05;
      boolean blankPlan = rng.nextDouble() < 0.03;
      double logit = -2.2 + 0.012 * recency + planEffect[plan] + 0.35 * tickets - 0.015 * tenure;
      boolean churned = rng.nextDouble() < 1 / (1 + Math.exp(-logit));
      lines.add(String.format(Locale.ROOT, "C%05d,%s,%s,%d,%d,%.4f,%s", i, blankRecency ? "" : recency,
          blankPlan ? "" : plans[plan], tenure, tickets, noise, churned ? "yes" : "no"));
    }
    return lines;
  }

  /**
   * The same table as a Dataset with typed columns (numbers as double, blanks as null) and {@code label} = 1 for
   * churned, 0 otherwise.
   */
  public static Dataset<Row> customers(SparkSession spark, int rows, long seed) {
    List<String> lines = csvLines(rows, seed);
    Dataset<String> text = spark.createDataset(lines, Encoders.STRING());
    return spark.read().option("header", true).schema("customer_id string, recency_days double, plan string, "
            + "tenure_months double, tickets double, noise double, churned string").csv(text)
        .selectExpr("*", "CASE WHEN churned = 'yes' THEN 1 ELSE 0 END AS label");
  }
}
