package io.c360.core.clv;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.trim;

import io.c360.core.catalog.Columns;
import io.c360.core.config.ClvModelConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * CLV of the lake's customers as of a date: the paid orders up to that date are summarised per customer, the
 * purchase model and Gamma-Gamma are fitted on the compressed summaries (the driver holds distinct (x, t_x, T)
 * triples and (x, zbar) pairs, never customers), and every customer with a paid order is scored.
 *
 * <p>Amounts are optional: without a repeat purchase with a positive total_amount (e.g. no amounts at all)
 * Gamma-Gamma is not fitted, and expected_avg_spend, clv and clv_decile are null. A Gamma-Gamma fit with q <= 1
 * scores the customers' observed mean spend instead of its conditional mean ({@link ClvScores.SpendBasis}).
 */
public final class CustomerValue {

  /**
   * The fitted models and the scores, shaped as clv_scores (without as_of).
   *
   * @param spend the Gamma-Gamma fit, or null when there was nothing to fit it on (no repeat purchase with a
   *              positive amount)
   */
  public record Result(Fitted<? extends PurchaseModel> purchases, Fitted<GammaGamma> spend, RfmTriples triples,
                       Dataset<Row> scores) {

    /** Where the scores' expected_avg_spend comes from. */
    public ClvScores.SpendBasis spendBasis() {
      return ClvScores.SpendBasis.of(spend == null ? null : spend.model());
    }

    /** One line for the log when expected_avg_spend is not Gamma-Gamma's conditional mean, else null. */
    public String spendNote() {
      return switch (spendBasis()) {
        case GAMMA_GAMMA -> null;
        case OBSERVED_MEAN -> String.format(Locale.ROOT, "gamma-gamma q = %.4g <= 1: the population mean spend is "
            + "infinite, so expected_avg_spend and clv use each customer's observed mean purchase value (zbar, or "
            + "the first purchase's value for one-time buyers)", spend.model().q());
        case NONE -> "gamma-gamma not fitted: no repeat purchase with a positive amount; expected_avg_spend, clv "
            + "and clv_decile are null";
      };
    }
  }

  private CustomerValue() {
  }

  /**
   * Purchases: orders that were paid (not cancelled, not returned; no status counts as paid), as customer_id,
   * order_ts, total_amount.
   */
  public static Dataset<Row> purchases(Dataset<Row> ordersWithCustomer) {
    Column status = lower(trim(col("status")));
    return ordersWithCustomer.where(coalesce(status.isin("cancelled", "returned"), lit(false)).equalTo(false))
        .select(col(Columns.CUSTOMER_ID), col("order_ts"), col("total_amount"));
  }

  /** Fits on the purchases up to {@code asOf} and scores every customer with one. */
  public static Result fitAndScore(Dataset<Row> purchases, LocalDate asOf, ClvModelConfig config) {
    SummarySpec spec = new SummarySpec(Columns.CUSTOMER_ID, "order_ts", "total_amount", config.period(), asOf, null);
    Dataset<Row> summary = ClvSummary.transform(purchases, spec).localCheckpoint();
    RfmTriples triples = ClvSummary.compressRfm(summary);
    if (java.util.Arrays.stream(triples.x()).noneMatch(x -> x > 0)) {
      throw new IllegalArgumentException("no repeat buyer: the purchase model needs customers who bought in more "
          + "than one " + config.period());
    }
    Fitted<? extends PurchaseModel> model = fitPurchases(triples, config);
    SpendPairs pairs = ClvSummary.spendPairs(summary);
    Fitted<GammaGamma> spend = pairs.size() == 0 ? null : GammaGamma.fit(pairs, options(config));
    Dataset<Row> scored = ClvScores.score(summary, model.model(), spend == null ? null : spend.model(),
        config.scoring(), config.period());
    List<Column> horizons = new ArrayList<>();
    List<Column> expected = new ArrayList<>();
    for (int days : config.scoring().horizonsDays()) {
      horizons.add(lit(days + "d"));
      expected.add(col(ClvScores.expectedPurchasesCol(days)));
    }
    Dataset<Row> shaped = scored.select(col(ClvSummary.CUSTOMER).as(Columns.CUSTOMER_ID),
        lit(model.model().name()).as("model"), lit(config.period().toString()).as("period"),
        col(ClvSummary.X).cast("long").as("frequency"), col(ClvSummary.T_X).as("recency"),
        col(ClvSummary.AGE).as("age"), col(ClvSummary.ZBAR).as("avg_repeat_value"), col(ClvScores.P_ALIVE),
        map_from_arrays(array(horizons.toArray(Column[]::new)), array(expected.toArray(Column[]::new)))
            .as("expected_purchases"),
        spendCol(spend, ClvScores.EXPECTED_AVG_SPEND, "double"), spendCol(spend, ClvScores.CLV, "double"),
        spendCol(spend, ClvScores.CLV_DECILE, "int"));
    return new Result(model, spend, triples, shaped);
  }

  /** A spend column of the scores, or a null of its type when there is no spend model. */
  private static Column spendCol(Fitted<GammaGamma> spend, String name, String type) {
    return (spend == null ? lit(null).cast(type) : col(name)).as(name);
  }

  /**
   * Validation: fits on the purchases up to {@code asOf - holdoutDays} and compares the forecast of the following
   * days with the repeat purchases that happened, per calibration frequency.
   */
  public static HoldoutComparison holdout(Dataset<Row> purchases, LocalDate asOf, ClvModelConfig config) {
    SummarySpec spec = new SummarySpec(Columns.CUSTOMER_ID, "order_ts", null, config.period(),
        asOf.minusDays(config.holdoutDays()), asOf);
    Dataset<Row> summary = ClvSummary.transform(purchases, spec).localCheckpoint();
    return HoldoutComparison.of(summary, fitPurchases(ClvSummary.compressRfm(summary), config).model());
  }

  private static Fitted<? extends PurchaseModel> fitPurchases(RfmTriples triples, ClvModelConfig config) {
    return config.model().equals("paretonbd")
        ? ParetoNbd.fit(triples, options(config)) : BgNbd.fit(triples, options(config));
  }

  private static MaximumLikelihood.Options options(ClvModelConfig config) {
    return MaximumLikelihood.Options.DEFAULT.withPenalizer(config.scoring().penalizer());
  }
}
