package io.c360.core.churn;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.c360.core.clv.CustomerValue;
import io.c360.core.config.ChurnModelConfig;
import io.c360.core.profile.Customer360;
import io.c360.core.profile.CustomerKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The churn model's rows. Features are customer_360 columns computed at a date (T0 for training, the as-of date
 * for scoring) by {@link Customer360#transform}, which cuts every source at that date, so a feature never sees a
 * later record. Training rows join them to {@link ChurnLabels#label} of the same T0, for several rolling T0s whose
 * horizon ends by the as-of date.
 *
 * <p>{@link #FEATURES} is the one list of the model's inputs with their human-readable names; the reasons and the
 * drift report name features from it.
 */
public final class ChurnDataset {

  public static final String CUSTOMER = ChurnLabels.CUSTOMER;
  public static final String T0 = ChurnLabels.T0;
  public static final String LABEL = ChurnLabels.LABEL;
  public static final String REVENUE_TREND = "revenue_trend_30_90";

  /**
   * One model input.
   *
   * @param name   feature (and column) name, e.g. days_since_last_order
   * @param label  what it means in words, for reasons: "days since the last order"
   * @param source its value from a customer_360 row, cast to double (null = missing)
   */
  public record Feature(String name, String label, Column source) {
  }

  /** The model's inputs, in model order (the order of the SHAP values). */
  public static final List<Feature> FEATURES = List.of(
      c360("days_since_last_order", "days since the last order"),
      c360("orders", "orders"),
      c360("order_days", "days with an order"),
      c360("revenue", "revenue to date"),
      c360("revenue_30d", "revenue of the last 30 days"),
      c360("revenue_90d", "revenue of the last 90 days"),
      c360("revenue_365d", "revenue of the last 365 days"),
      c360("avg_order_value", "average order value"),
      c360("interval_mean_days", "usual days between orders"),
      c360("interval_sd_days", "spread of the days between orders"),
      c360("discount_share", "share of orders with a discount"),
      c360("return_rate", "share of orders returned"),
      c360("cancel_rate", "share of orders cancelled"),
      c360("tickets_90d", "service tickets in the last 90 days"),
      c360("open_tickets", "open service tickets"),
      c360("mean_satisfaction", "mean service satisfaction (1-5)"),
      c360("mean_rating", "mean review rating (1-5)"),
      c360("mean_sentiment", "mean review sentiment (-1 to 1)"),
      c360("last_nps", "latest NPS answer (0-10)"),
      c360("events_30d", "app events in the last 30 days"),
      c360("active_days_30d", "days active in the app in the last 30 days"),
      c360("tenure_days", "days as a customer"),
      c360("member_points", "loyalty points"),
      new Feature(REVENUE_TREND, "revenue of the last 30 days against the 90-day pace (1 = steady)",
          when(col("revenue_90d").cast("double").gt(0),
              col("revenue_30d").cast("double").multiply(3).divide(col("revenue_90d").cast("double")))));

  private ChurnDataset() {
  }

  private static Feature c360(String column, String label) {
    return new Feature(column, label, col(column).cast("double"));
  }

  /** The feature names, in model order. */
  public static List<String> featureNames() {
    return FEATURES.stream().map(Feature::name).toList();
  }

  /** The model's inputs: all numeric, no categorical column. */
  public static ChurnFeatures modelFeatures() {
    return new ChurnFeatures(featureNames(), List.of());
  }

  /** The human-readable name of a feature. */
  public static String label(String featureName) {
    return FEATURES.stream().filter(f -> f.name().equals(featureName)).findFirst().map(Feature::label)
        .orElseThrow(() -> new IllegalArgumentException("unknown churn feature '" + featureName + "'"));
  }

  /** customer_id plus the features (doubles) of customer_360 rows of one date. */
  public static Dataset<Row> features(Dataset<Row> customer360) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(CUSTOMER));
    for (Feature f : FEATURES) {
      columns.add(f.source().as(f.name()));
    }
    return customer360.select(columns.toArray(new Column[0]));
  }

  /**
   * Purchases for the labels: the paid orders (not cancelled, not returned) of the identity map's customers, as
   * customer_id, order_ts, total_amount. Cut the orders at the as-of date before calling.
   */
  public static Dataset<Row> purchases(Dataset<Row> identityMap, Dataset<Row> orders) {
    return CustomerValue.purchases(new CustomerKeys(identityMap, null).orders(orders));
  }

  /** The rolling training dates of an as-of date, oldest first; the latest is as-of minus the horizon. */
  public static List<LocalDate> trainingDates(LocalDate asOf, ChurnModelConfig config) {
    return ChurnLabels.rollingT0s(asOf, config.model().horizonDays(), config.stepDays(), config.trainingDates());
  }

  /**
   * Training rows for one T0: the features at T0 of the customers active at T0, with {@code t0} and the label
   * {@code churned}. The purchases must not reach beyond the as-of date; T0 + horizon must not either.
   */
  public static Dataset<Row> rows(Customer360 profile, Customer360.Inputs inputs, Dataset<Row> purchases,
                                  LocalDate t0, ChurnSettings settings) {
    Dataset<Row> labels = ChurnLabels.label(purchases, t0, settings.horizonDays(), settings.lookbackDays())
        .select(col(CUSTOMER), col(T0), col(LABEL));
    return features(profile.transform(inputs, t0)).join(labels, CUSTOMER);
  }

  /** Training rows of several T0s, stacked (one row per customer and T0). */
  public static Dataset<Row> rows(Customer360 profile, Customer360.Inputs inputs, Dataset<Row> purchases,
                                  List<LocalDate> t0s, ChurnSettings settings) {
    if (t0s.isEmpty()) {
      throw new IllegalArgumentException("churn training needs at least one T0");
    }
    Dataset<Row> out = null;
    for (LocalDate t0 : t0s) {
      Dataset<Row> one = rows(profile, inputs, purchases, t0, settings);
      out = out == null ? one : out.unionByName(one);
    }
    return out;
  }

  /**
   * Scoring rows of the as-of date: the features of the customers active at it (the same rule as the labels:
   * a purchase up to the as-of date, within the lookback when it is set).
   */
  public static Dataset<Row> scoringRows(Dataset<Row> customer360, Dataset<Row> purchases, LocalDate asOf,
                                         ChurnSettings settings) {
    Dataset<Row> active = ChurnLabels.label(ChurnLabels.history(purchases, asOf), asOf, settings.horizonDays(),
        settings.lookbackDays()).select(CUSTOMER);
    return features(customer360).join(active, CUSTOMER);
  }

  /**
   * A first, plain reason sentence: "days since the last order: 74 (raises the risk)". The richer wording
   * ("no order for 74 days, 3x your usual gap") is still to come.
   */
  public static Column sentence(Column feature, Column value, Column direction) {
    Column label = null;
    for (Feature f : FEATURES) {
      label = label == null ? when(feature.equalTo(f.name()), lit(f.label()))
          : label.when(feature.equalTo(f.name()), lit(f.label()));
    }
    Column effect = when(direction.equalTo(ChurnExplanations.RAISES), lit(" (raises the risk)"))
        .otherwise(lit(" (lowers the risk)"));
    return concat(coalesce(label, feature), lit(": "), coalesce(value, lit("unknown")), effect);
  }
}
