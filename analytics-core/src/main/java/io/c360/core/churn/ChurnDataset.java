package io.c360.core.churn;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.clv.ClvFitException;
import io.c360.core.clv.CustomerValue;
import io.c360.core.config.ChurnModelConfig;
import io.c360.core.config.ClvModelConfig;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.profile.Customer360;
import io.c360.core.profile.CustomerKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The churn model's rows. Features are customer_360 columns computed at a date (T0 for training, the as-of date
 * for scoring) by {@link Customer360#transform}, which cuts every source at that date, so a feature never sees a
 * later record. Training rows join them to {@link ChurnLabels#label} of the same T0, for several rolling T0s whose
 * horizon ends by the as-of date.
 *
 * <p>{@link #FEATURES} is the one list of the model's inputs with their human-readable names; the reasons and the
 * drift report name features from it. Left out on purpose: the member snapshot's points and tier, which the
 * members source only gives as of its latest batch, so at a past T0 they would carry later purchases (a leak).
 */
public final class ChurnDataset {

  public static final String CUSTOMER = ChurnLabels.CUSTOMER;
  public static final String T0 = ChurnLabels.T0;
  public static final String LABEL = ChurnLabels.LABEL;
  public static final String REVENUE_TREND = "revenue_trend_30_90";
  public static final String P_ALIVE = "p_alive";
  public static final String LAST_ORDER_FAILED = "last_order_failed";
  public static final String RECENCY_RATIO = "recency_gap_ratio";
  public static final String EVENT_RECENCY = "days_since_last_event";
  public static final String EVENT_TREND = "event_trend_30_90";
  public static final String APP_AFTER_ORDER = "app_days_after_last_order";
  public static final String TICKET_SINCE_ORDER = "ticket_since_last_order";

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
      // an order that went wrong raises a ticket days later; one since the latest order is about that order
      new Feature(TICKET_SINCE_ORDER, "a service ticket since the last order (1 = yes)",
          when(col("tickets").isNull(), lit(null).cast("double"))
              .when(col("last_ticket_date").geq(col("last_order_date")), lit(1.0)).otherwise(lit(0.0))),
      c360("mean_satisfaction", "mean service satisfaction (1-5)"),
      c360("mean_rating", "mean review rating (1-5)"),
      c360("mean_sentiment", "mean review sentiment (-1 to 1)"),
      c360("last_nps", "latest NPS answer (0-10)"),
      c360("events_30d", "app events in the last 30 days"),
      c360("events_90d", "app events in the last 90 days"),
      c360("active_days_30d", "days active in the app in the last 30 days"),
      new Feature(EVENT_RECENCY, "days since the last app event",
          datediff(col(Columns.AS_OF), to_date(col("last_event_ts"))).cast("double")),
      new Feature(EVENT_TREND, "app events of the last 30 days against the 90-day pace (1 = steady)",
          when(col("events_90d").cast("double").gt(0),
              col("events_30d").cast("double").multiply(3).divide(col("events_90d").cast("double")))),
      // customers who stop buying mostly stop browsing too: app use after the last order says they are still around
      new Feature(APP_AFTER_ORDER, "days of app use after the last order (0 or less = none since)",
          col("days_since_last_order").cast("double")
              .minus(datediff(col(Columns.AS_OF), to_date(col("last_event_ts"))).cast("double"))),
      c360("tenure_days", "days as a customer"),
      new Feature(P_ALIVE, "probability of still being an active buyer (BG/NBD)", col(P_ALIVE).cast("double")),
      new Feature(LAST_ORDER_FAILED, "latest order cancelled or returned (1 = yes)",
          col(LAST_ORDER_FAILED).cast("double")),
      new Feature(RECENCY_RATIO, "days since the last order against the usual gap (1 = on time)",
          when(col("interval_mean_days").cast("double").gt(0), col("days_since_last_order").cast("double")
              .divide(col("interval_mean_days").cast("double")))),
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

  /**
   * customer_id plus the features (doubles) of customer_360 rows of one date, with P(alive) of a purchase model
   * fitted on the purchases up to that date ({@link #pAlive}).
   */
  public static Dataset<Row> features(Dataset<Row> customer360, Dataset<Row> pAlive, Dataset<Row> lastOrder) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(CUSTOMER));
    for (Feature f : FEATURES) {
      columns.add(f.source().as(f.name()));
    }
    return customer360.join(pAlive, CUSTOMER, "left").join(lastOrder, CUSTOMER, "left")
        .select(columns.toArray(new Column[0]));
  }

  /**
   * The identity map's customers' orders of every status, as customer_id, order_ts, status (for
   * {@link #lastOrder}). Cut the orders at the as-of date before calling.
   */
  public static Dataset<Row> orderOutcomes(Dataset<Row> identityMap, Dataset<Row> orders) {
    return new CustomerKeys(identityMap, null).orders(orders).select(col(CUSTOMER), col(ChurnLabels.ORDER_TS),
        col("status"));
  }

  /** customer_id and last_order_failed: 1 when the latest order up to the date was cancelled or returned. */
  public static Dataset<Row> lastOrder(Dataset<Row> orderOutcomes, LocalDate date) {
    Column status = lower(trim(col("status")));
    return ChurnLabels.history(orderOutcomes, date).groupBy(CUSTOMER)
        .agg(max_by(when(status.isin("cancelled", "returned"), 1).otherwise(0), col(ChurnLabels.ORDER_TS))
            .as(LAST_ORDER_FAILED));
  }

  /**
   * customer_id and p_alive as of a date: the c360.clv purchase model fitted on the purchases up to that date
   * (the clv job's fit); no rows when there is too little history to fit or the fit fails.
   */
  public static Dataset<Row> pAlive(Dataset<Row> purchases, LocalDate date, ClvModelConfig clv) {
    try {
      return CustomerValue.fitAndScore(ChurnLabels.history(purchases, date), date, clv).scores()
          .select(col(CUSTOMER), col(P_ALIVE));
    } catch (IllegalArgumentException | ArithmeticException | ClvFitException e) {
      // too little history (or no convergence): P(alive) is missing, which the trees handle
      return purchases.sparkSession().createDataFrame(List.of(), new StructType().add(CUSTOMER, DataTypes.StringType)
          .add(P_ALIVE, DataTypes.DoubleType));
    }
  }

  /**
   * Purchases for the labels: the paid orders (not cancelled, not returned) of the identity map's customers, as
   * customer_id, order_ts, total_amount. Cut the orders at the as-of date before calling.
   */
  public static Dataset<Row> purchases(Dataset<Row> identityMap, Dataset<Row> orders) {
    return CustomerValue.purchases(new CustomerKeys(identityMap, null).orders(orders));
  }

  /**
   * The inputs cut down to what the T0 passes of a sample's customers read: the events of their devices and the
   * lines of their orders, the two largest sources, which reach a customer through a device or an order only. The
   * other sources stay whole (a phone is attached only when one customer in all has it). The rows of
   * {@link #rows} filtered by {@code sample} are the same with these inputs as with all.
   */
  public static Customer360.Inputs forSample(Customer360.Inputs in, Column sample) {
    Dataset<Row> sampled = in.identityMap().where(sample);
    Dataset<Row> events = in.events() == null ? null : in.events().join(sampled
        .where(col("entity_type").equalTo(IdentityGraph.DEVICE)).select(col("entity_key").as("_device")),
        col("device_id").equalTo(col("_device")), "left_semi");
    Dataset<Row> items = in.orderItems() == null ? null : in.orderItems().join(new CustomerKeys(sampled, null)
        .orders(in.orders()).select(col("order_id").as("_order")), col("order_id").equalTo(col("_order")),
        "left_semi");
    return new Customer360.Inputs(in.identityMap(), in.orders(), items, in.products(), in.members(), in.tickets(),
        in.reviews(), in.surveys(), events);
  }

  /**
   * The T0s of one training run: the model trains on {@code train}, stops early on {@code validation} and is
   * evaluated on {@code evaluation}. Every training and validation label's horizon ends by the evaluation T0, so
   * the evaluation period is never seen; the training labels' horizons may reach into the validation period,
   * which only chooses the number of rounds.
   */
  public record TimeSplit(List<LocalDate> train, LocalDate validation, LocalDate evaluation) {

    /** Every T0 that needs rows, oldest first. */
    public List<LocalDate> all() {
      List<LocalDate> out = new ArrayList<>(train);
      out.add(validation);
      out.add(evaluation);
      return List.copyOf(out);
    }
  }

  /**
   * The rolling T0s of an as-of date (c360.churn training-dates, step-days): the latest, as-of minus the horizon,
   * evaluates; the latest whose horizon ends by it validates; the earlier ones train. T0s in between are unused.
   */
  public static TimeSplit timeSplit(LocalDate asOf, ChurnModelConfig config) {
    int horizon = config.model().horizonDays();
    List<LocalDate> t0s = ChurnLabels.rollingT0s(asOf, horizon, config.stepDays(), config.trainingDates());
    LocalDate evaluation = t0s.get(t0s.size() - 1);
    LocalDate validation = t0s.stream().filter(t -> !t.isAfter(evaluation.minusDays(horizon))).reduce((a, b) -> b)
        .orElse(null);
    List<LocalDate> train = validation == null ? List.of()
        : t0s.stream().filter(t -> t.isBefore(validation)).toList();
    if (train.isEmpty()) {
      throw new IllegalArgumentException("c360.churn: " + config.trainingDates() + " training dates " + config.stepDays()
          + " days apart leave no training T0 before the validation T0 (one horizon of " + horizon
          + " days before the evaluation T0 " + evaluation + "); raise training-dates");
    }
    return new TimeSplit(train, validation, evaluation);
  }

  /**
   * Training rows for one T0: the features at T0 of the customers active at T0, with {@code t0} and the label
   * {@code churned}. The purchases must not reach beyond the as-of date; T0 + horizon must not either.
   */
  public static Dataset<Row> rows(Customer360 profile, Customer360.Inputs inputs, Dataset<Row> purchases,
                                  LocalDate t0, ChurnSettings settings, ClvModelConfig clv) {
    Dataset<Row> labels = ChurnLabels.label(purchases, t0, settings.horizonDays(), settings.lookbackDays())
        .select(col(CUSTOMER), col(T0), col(LABEL));
    Dataset<Row> outcomes = orderOutcomes(inputs.identityMap(), inputs.orders());
    return features(profile.transform(inputs, t0), pAlive(purchases, t0, clv), lastOrder(outcomes, t0))
        .join(labels, CUSTOMER);
  }

  /** Training rows of several T0s, stacked (one row per customer and T0). */
  public static Dataset<Row> rows(Customer360 profile, Customer360.Inputs inputs, Dataset<Row> purchases,
                                  List<LocalDate> t0s, ChurnSettings settings, ClvModelConfig clv) {
    return rows(profile, inputs, purchases, t0s, settings, clv, UnaryOperator.identity());
  }

  /**
   * Training rows of several T0s, stacked, with {@code eachT0} applied to every T0's rows before they are stacked:
   * a job materialises each one there, so that the plan and the memory it needs stay those of a single T0 however
   * many T0s it trains on.
   */
  public static Dataset<Row> rows(Customer360 profile, Customer360.Inputs inputs, Dataset<Row> purchases,
                                  List<LocalDate> t0s, ChurnSettings settings, ClvModelConfig clv,
                                  UnaryOperator<Dataset<Row>> eachT0) {
    if (t0s.isEmpty()) {
      throw new IllegalArgumentException("churn training needs at least one T0");
    }
    Dataset<Row> out = null;
    for (LocalDate t0 : t0s) {
      Dataset<Row> one = eachT0.apply(rows(profile, inputs, purchases, t0, settings, clv));
      out = out == null ? one : out.unionByName(one);
    }
    return out;
  }

  /**
   * Scoring rows of the as-of date: the features of the customers active at it (the same rule as the labels:
   * a purchase up to the as-of date, within the lookback when it is set).
   */
  public static Dataset<Row> scoringRows(Dataset<Row> customer360, Dataset<Row> purchases,
                                         Dataset<Row> orderOutcomes, LocalDate asOf, ChurnSettings settings,
                                         ClvModelConfig clv) {
    Dataset<Row> active = ChurnLabels.label(ChurnLabels.history(purchases, asOf), asOf, settings.horizonDays(),
        settings.lookbackDays()).select(CUSTOMER);
    return features(customer360, pAlive(purchases, asOf, clv), lastOrder(orderOutcomes, asOf)).join(active,
        CUSTOMER);
  }

  /**
   * A reason in words, built from facts only: a phrase with the customer's value (e.g. "no order for 74 days,
   * 3.1x your usual gap"), then what it does to the risk (", which raises the churn risk"). The usual gap comes
   * from {@code usualGapDays} (the customer's mean days between orders; null leaves the ratio out).
   *
   * @param value the feature's value as text (a double), null when missing
   */
  public static Column sentence(Column feature, Column value, Column direction, Column usualGapDays) {
    Column v = value.cast("double");
    Column text = number(v);
    Column gap = usualGapDays.cast("double");
    Column ratio = when(gap.gt(0).and(v.geq(gap.multiply(1.5))),
        concat(lit(", "), format_number(v.divide(gap), 1), lit("x your usual gap of "), number(gap), lit(" days")))
        .otherwise(lit(""));
    Column phrase = when(v.isNull(), concat(lit("no "), labelOf(feature), lit(" known")));
    phrase = phrase.when(feature.equalTo("days_since_last_order"),
        concat(lit("no order for "), text, lit(" days"), ratio));
    phrase = phrase.when(feature.equalTo(REVENUE_TREND),
        concat(lit("spending over the last 30 days at "), format_number(v, 1), lit("x the pace of the last 90")));
    phrase = phrase.when(feature.equalTo(LAST_ORDER_FAILED), when(v.equalTo(1),
        lit("the latest order was cancelled or returned")).otherwise(lit("the latest order went through")));
    phrase = phrase.when(feature.equalTo(TICKET_SINCE_ORDER), when(v.equalTo(1),
        lit("a service ticket since the last order")).otherwise(lit("no service ticket since the last order")));
    phrase = phrase.when(feature.equalTo(RECENCY_RATIO),
        concat(lit("the gap since the last order is "), format_number(v, 1), lit("x the usual one")));
    phrase = phrase.when(feature.isin("events_30d", "active_days_30d").and(v.equalTo(0)),
        lit("no app activity in the last 30 days"));
    phrase = phrase.when(feature.equalTo(EVENT_RECENCY), concat(lit("no app activity for "), text, lit(" days")));
    phrase = phrase.when(feature.equalTo(APP_AFTER_ORDER), when(v.leq(0),
        lit("no app activity since the last order")).otherwise(concat(lit("app activity up to "), text,
        lit(" days after the last order"))));
    phrase = phrase.when(feature.equalTo(EVENT_TREND),
        concat(lit("app activity over the last 30 days at "), format_number(v, 1), lit("x the pace of the last 90")));
    phrase = phrase.when(feature.isin("mean_satisfaction", "mean_rating"),
        concat(labelOf(feature), lit(" "), text));
    phrase = phrase.otherwise(concat(labelOf(feature), lit(": "), text));
    Column effect = when(direction.equalTo(ChurnExplanations.RAISES), lit(", which raises the churn risk"))
        .otherwise(lit(", which lowers the churn risk"));
    return concat(phrase, effect);
  }

  /** A number as text: whole numbers without decimals, others with two. */
  public static Column number(Column value) {
    Column v = value.cast("double");
    return when(v.equalTo(floor(v)), format_number(v, 0)).otherwise(format_number(v, 2));
  }

  private static Column labelOf(Column feature) {
    Column label = null;
    for (Feature f : FEATURES) {
      label = label == null ? when(feature.equalTo(f.name()), lit(f.label()))
          : label.when(feature.equalTo(f.name()), lit(f.label()));
    }
    return coalesce(label, feature);
  }
}
