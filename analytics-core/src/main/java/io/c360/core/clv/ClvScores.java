package io.c360.core.clv;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * Per-customer scores from a summary ({@link ClvSummary}: customer_id, x, t_x, T, optional zbar and first_value)
 * and fitted models. The model parameters travel as scalars inside the UDFs; no per-customer row reaches the
 * driver.
 *
 * <p>Columns added (every input column is kept):
 * <ul>
 *   <li>{@code p_alive};</li>
 *   <li>{@code expected_purchases_<h>d}: conditional expected purchases in the next h days, per configured
 *   horizon;</li>
 *   <li>with a spend model: {@code expected_avg_spend}, {@code clv} and {@code clv_decile} (1 = lowest,
 *   10 = highest; ties share a decile). expected_avg_spend is Gamma-Gamma's conditional mean (the population mean
 *   for x = 0) when the model has a finite population mean (q > 1), else the customer's observed mean: zbar for
 *   x > 0, first_value for x = 0 ({@link SpendBasis}).</li>
 * </ul>
 * CLV follows lifetimes' {@code customer_lifetime_value}: the horizon is cut into months of 365.25 / 12 days;
 * month k contributes {@code margin * expected_avg_spend * (E[X(k)] - E[X(k-1)]) / (1 + d)^k}, where E[X(k)] is
 * the conditional expected number of purchases up to the end of month k and {@code d} the monthly rate
 * equivalent to the annual discount rate. Decile cut points come from one {@code approxQuantile} pass
 * (relative error 0.001) over the scored rows; a customer without a CLV (no observed value) has no decile.
 */
public final class ClvScores {

  public static final String P_ALIVE = "p_alive";
  public static final String EXPECTED_AVG_SPEND = "expected_avg_spend";
  public static final String CLV = "clv";
  public static final String CLV_DECILE = "clv_decile";

  private ClvScores() {
  }

  /** Where expected_avg_spend comes from. */
  public enum SpendBasis {
    /** Gamma-Gamma's conditional mean {@code p (v + x zbar) / (p x + q - 1)} (q > 1). */
    GAMMA_GAMMA,
    /**
     * Gamma-Gamma with q <= 1, whose population mean spend is infinite: the customer's observed mean value, zbar
     * for x > 0 and the first purchase's value for x = 0 (null where that value is missing).
     */
    OBSERVED_MEAN,
    /** No spend model: no expected_avg_spend, clv or clv_decile. */
    NONE;

    /** The basis of {@link #score} with this spend model (null for none). */
    public static SpendBasis of(GammaGamma spend) {
      if (spend == null) {
        return NONE;
      }
      return spend.hasFiniteMean() ? GAMMA_GAMMA : OBSERVED_MEAN;
    }
  }

  /** Name of the expected-purchases column of a horizon in days. */
  public static String expectedPurchasesCol(int days) {
    return "expected_purchases_" + days + "d";
  }

  /**
   * @param spend  fitted Gamma-Gamma model, or null for no spend and CLV columns (the summary then needs no zbar);
   *               with q <= 1 the summary needs first_value too ({@link SpendBasis#OBSERVED_MEAN})
   * @param period the unit of the summary's t_x and T
   */
  public static Dataset<Row> score(Dataset<Row> summary, PurchaseModel model, GammaGamma spend, ClvConfig config,
                                   Period period) {
    Column x = col(ClvSummary.X).cast("double");
    Column tx = col(ClvSummary.T_X).cast("double");
    Column age = col(ClvSummary.AGE).cast("double");
    List<Column> out = new ArrayList<>();
    out.add(col("*"));
    out.add(pAlive(model).apply(x, tx, age).as(P_ALIVE));
    for (int days : config.horizonsDays()) {
      out.add(expectedPurchases(model, days / period.days()).apply(x, tx, age).as(expectedPurchasesCol(days)));
    }
    if (spend == null) {
      return summary.select(out.toArray(new Column[0]));
    }
    out.add(expectedSpend(summary, spend, x).as(EXPECTED_AVG_SPEND));
    Dataset<Row> scored = summary.select(out.toArray(new Column[0]));
    scored = scored.withColumn(CLV, clv(model, config, period)
        .apply(x, tx, age, col(EXPECTED_AVG_SPEND)));
    return withDecile(scored);
  }

  private static Column expectedSpend(Dataset<Row> summary, GammaGamma spend, Column x) {
    if (SpendBasis.of(spend) == SpendBasis.GAMMA_GAMMA) {
      return lit(spend.p()).multiply(lit(spend.v()).plus(x.multiply(col(ClvSummary.ZBAR))))
          .divide(lit(spend.p()).multiply(x).plus(lit(spend.q() - 1)));
    }
    if (!List.of(summary.columns()).contains(ClvSummary.FIRST_VALUE)) {
      throw new IllegalArgumentException("Gamma-Gamma q = " + spend.q() + " <= 1 needs the observed mean spend, "
          + "and the summary has no " + ClvSummary.FIRST_VALUE + " column for customers with x = 0");
    }
    return when(x.gt(0), col(ClvSummary.ZBAR)).otherwise(col(ClvSummary.FIRST_VALUE).cast("double"));
  }

  static UserDefinedFunction pAlive(PurchaseModel model) {
    return udf((UDF3<Double, Double, Double, Double>) model::pAlive, DataTypes.DoubleType).asNonNullable();
  }

  static UserDefinedFunction expectedPurchases(PurchaseModel model, double t) {
    return udf((UDF3<Double, Double, Double, Double>) (x, tx, age) ->
        model.conditionalExpectedPurchases(t, x, tx, age), DataTypes.DoubleType).asNonNullable();
  }

  /** CLV of a customer; null where the expected spend is null (a missing purchase value). */
  static UserDefinedFunction clv(PurchaseModel model, ClvConfig config, Period period) {
    double monthUnits = 365.25 / 12 / period.days();
    double discount = 1 + config.monthlyDiscountRate();
    int months = config.clvMonths();
    double margin = config.margin();
    return udf((UDF4<Double, Double, Double, Double, Double>) (x, tx, age, spend) -> spend == null ? null
        : margin * spend * discountedPurchases(model, months, monthUnits, discount, x, tx, age),
        DataTypes.DoubleType);
  }

  /** Sum over months k of (E[X(k)] - E[X(k-1)]) / discount^k. */
  static double discountedPurchases(PurchaseModel model, int months, double monthUnits, double discount, double x,
                                    double tx, double age) {
    double total = 0;
    double previous = 0;
    for (int k = 1; k <= months; k++) {
      double cumulative = model.conditionalExpectedPurchases(k * monthUnits, x, tx, age);
      total += (cumulative - previous) / Math.pow(discount, k);
      previous = cumulative;
    }
    return total;
  }

  private static Dataset<Row> withDecile(Dataset<Row> scored) {
    double[] probabilities = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
    double[] cuts = scored.stat().approxQuantile(CLV, probabilities, 0.001);
    Column decile = lit(1);
    for (double cut : cuts) {
      decile = decile.plus(when(col(CLV).gt(cut), 1).otherwise(0));
    }
    return scored.withColumn(CLV_DECILE,
        cuts.length == 0 ? lit(null).cast("int") : when(col(CLV).isNotNull(), decile));
  }
}
