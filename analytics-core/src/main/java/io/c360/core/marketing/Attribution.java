package io.c360.core.marketing;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.config.AttributionConfig;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.CustomerKeys;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Marketing attribution: which touches get the credit for an order.
 *
 * <p><b>Journeys.</b> A customer's touches and orders are put in time order. A journey is a run of touches with no
 * order in between and at most {@code window-days} between consecutive touches. It converts when the next event
 * after its last touch is an order at most {@code window-days} later; that order (its paid revenue) is the
 * conversion. So each order converts at most one journey and each touch belongs to exactly one journey.
 *
 * <p><b>Rule-based models</b> split one conversion over the touches of its journey: first_touch, last_touch,
 * linear (equal shares), time_decay (weight 2^(-days before the order / half-life), normalised) and
 * position_based (first and last touch get their shares, the middle touches share the rest; a single touch gets
 * everything, two touches split in proportion of the first and last shares).
 *
 * <p><b>Data-driven model (markov)</b>: a first-order Markov chain over the states start, the channels,
 * conversion and null, estimated from all journeys (converting or not); the removal effect of a channel is the
 * share of the probability of conversion from start that is lost when the channel leads to null instead; the
 * conversions (and revenue) are split in proportion of the removal effects. Only the transition counts (channels
 * squared) reach the driver.
 *
 * <p>The removal effect measures how many conversions pass through a channel, so it grows with the channel's
 * volume. {@code conversions_per_1000_touches} compares channels per touch; with a window no longer than the
 * shortest effect, it ranks channels by their uplift on the purchase rate when touches are sent independently of
 * the customer's behaviour (as in a randomised campaign and the generator); otherwise it also carries selection.
 */
public final class Attribution {

  public static final List<String> RULE_MODELS = List.of("first_touch", "last_touch", "linear", "time_decay",
      "position_based");
  public static final String MARKOV = "markov";
  static final String START = "(start)";
  static final String CONVERSION = "(conversion)";
  static final String NULL = "(null)";

  private static final StructType OUTPUT = new StructType()
      .add("model", DataTypes.StringType, false)
      .add("channel", DataTypes.StringType, false)
      .add("campaign", DataTypes.StringType)
      .add("touches", DataTypes.LongType, false)
      .add("conversions", DataTypes.DoubleType, false)
      .add("revenue", DataTypes.DoubleType, false)
      .add("cost", DataTypes.DoubleType)
      .add("roi", DataTypes.DoubleType)
      .add("conversions_per_1000_touches", DataTypes.DoubleType)
      .add("removal_effect", DataTypes.DoubleType);

  private final AttributionConfig config;

  public Attribution(AttributionConfig config) {
    this.config = config;
  }

  /**
   * Touches with their journey and, for a converting journey, its order.
   *
   * @param touches customer_id, touch_id, channel, campaign, touch_ts, cost
   * @param orders  customer_id, order_id, order_ts, revenue (orders that count; revenue 0 for an unpaid one)
   * @return one row per touch: customer_id, touch_id, channel, campaign, touch_ts, cost, journey, position,
   *         touches_in_journey, converted, order_id, order_ts, revenue
   */
  public Dataset<Row> journeys(Dataset<Row> touches, Dataset<Row> orders) {
    long window = config.windowDays() * 86_400L;
    Dataset<Row> events = touches.select(col(Columns.CUSTOMER_ID), col("touch_ts").as("ts"), lit("T").as("kind"),
            col("touch_id"), col("channel"), col("campaign"), col("cost").cast("double").as("cost"),
            lit(null).cast("string").as("order_id"), lit(null).cast("double").as("revenue"))
        .unionByName(orders.select(col(Columns.CUSTOMER_ID), col("order_ts").as("ts"), lit("O").as("kind"),
            lit(null).cast("string").as("touch_id"), lit(null).cast("string").as("channel"),
            lit(null).cast("string").as("campaign"), lit(null).cast("double").as("cost"), col("order_id"),
            col("revenue").cast("double").as("revenue")));
    // touches before an order at the same second; ties among touches by id, so the order is total
    WindowSpec byTime = Window.partitionBy(Columns.CUSTOMER_ID).orderBy(col("ts"), col("kind").desc(), col("touch_id"),
        col("order_id"));
    Column seconds = col("ts").cast("long");
    Column previousKind = lag(col("kind"), 1).over(byTime);
    Column previousSeconds = lag(col("ts"), 1).over(byTime).cast("long");
    Column starts = col("kind").equalTo("T").and(previousKind.isNull().or(previousKind.equalTo("O"))
        .or(seconds.minus(previousSeconds).gt(window)));
    Dataset<Row> numbered = events
        .withColumn("_start", when(starts, 1).otherwise(0))
        .withColumn("journey", sum("_start").over(byTime.rowsBetween(Window.unboundedPreceding(), Window.currentRow())))
        .withColumn("_converts", col("kind").equalTo("O").and(previousKind.equalTo("T"))
            .and(seconds.minus(previousSeconds).leq(window)));
    Dataset<Row> conversions = numbered.where(col("_converts"))
        .select(col(Columns.CUSTOMER_ID), col("journey"), col("order_id"), col("ts").as("order_ts"), col("revenue"));
    WindowSpec inJourney = Window.partitionBy(Columns.CUSTOMER_ID, "journey");
    Dataset<Row> journeyTouches = numbered.where(col("kind").equalTo("T"))
        .withColumn("position", row_number().over(inJourney.orderBy(col("ts"), col("touch_id"))))
        .withColumn("touches_in_journey", count(lit(1)).over(inJourney))
        .select(col(Columns.CUSTOMER_ID), col("touch_id"), col("channel"), col("campaign"), col("ts").as("touch_ts"),
            col("cost"), col("journey"), col("position"), col("touches_in_journey"));
    return journeyTouches.join(conversions, new String[] {Columns.CUSTOMER_ID, "journey"}, "left")
        .withColumn("converted", col("order_ts").isNotNull());
  }

  /** Credit of each touch of a converting journey under each rule-based model: model, credit per touch row. */
  Dataset<Row> ruleCredits(Dataset<Row> journeys) {
    Column n = col("touches_in_journey");
    Column pos = col("position");
    Column days = col("order_ts").cast("long").minus(col("touch_ts").cast("long")).divide(86_400.0);
    Column decay = pow(lit(2.0), days.divide(-config.halfLifeDays()));
    double first = config.positionFirst();
    double last = config.positionLast();
    Column positionBased = when(n.equalTo(1), lit(1.0))
        .when(n.equalTo(2), when(pos.equalTo(1), lit(first / (first + last))).otherwise(lit(last / (first + last))))
        .when(pos.equalTo(1), lit(first))
        .when(pos.equalTo(n), lit(last))
        .otherwise(lit(1.0 - first - last).divide(n.minus(2)));
    Dataset<Row> converted = journeys.where(col("converted"))
        .withColumn("_decay", decay)
        .withColumn("_decay_sum", sum("_decay").over(Window.partitionBy(Columns.CUSTOMER_ID, "journey")));
    Column credits = array(
        struct(lit("first_touch").as("model"), when(pos.equalTo(1), 1.0).otherwise(0.0).as("credit")),
        struct(lit("last_touch").as("model"), when(pos.equalTo(n), 1.0).otherwise(0.0).as("credit")),
        struct(lit("linear").as("model"), lit(1.0).divide(n).as("credit")),
        struct(lit("time_decay").as("model"), col("_decay").divide(col("_decay_sum")).as("credit")),
        struct(lit("position_based").as("model"), positionBased.cast("double").as("credit")));
    return converted.withColumn("_c", explode(credits))
        .select(col("channel"), col("campaign"), col("revenue"), col("_c.model").as("model"),
            col("_c.credit").as("credit"));
  }

  /** The Markov chain's transition counts (from, to, count), small: (channels + 1) x (channels + 2) at most. */
  static Dataset<Row> transitions(Dataset<Row> journeys) {
    WindowSpec inJourney = Window.partitionBy(Columns.CUSTOMER_ID, "journey").orderBy("position");
    Column from = when(col("position").equalTo(1), lit(START)).otherwise(lag(col("channel"), 1).over(inJourney));
    Column exit = when(lead(col("channel"), 1).over(inJourney).isNull(),
        when(col("converted"), lit(CONVERSION)).otherwise(lit(NULL)));
    Dataset<Row> steps = journeys.select(from.as("from"), col("channel").as("to"), exit.as("_exit"));
    return steps.select(col("from"), col("to"))
        .unionByName(steps.where(col("_exit").isNotNull()).select(col("to").as("from"), col("_exit").as("to")))
        .groupBy("from", "to").count();
  }

  /** The touches and orders {@link #transform} reads. */
  public record Inputs(Dataset<Row> touches, Dataset<Row> orders) {
  }

  /**
   * The touches and orders of the bronze rows seen up to the as-of date: a touch gets the customer of its account
   * id, else of its member id (touches that carry only a phone, or no channel, are left out); the orders that count
   * are those not cancelled, and their revenue is the paid amount (0 unless paid).
   *
   * @param identityMap entity_type, entity_key, customer_id of the as-of date
   */
  public static Inputs inputs(Dataset<Row> identityMap, Dataset<Row> touches, Dataset<Row> orders, LocalDate asOf) {
    AsOfWindow window = new AsOfWindow(asOf);
    Dataset<Row> accounts = identityMap.where(col("entity_type").equalTo(IdentityGraph.ACCOUNT))
        .select(col("entity_key").as("_account"), col(Columns.CUSTOMER_ID).as("_by_account"));
    Dataset<Row> members = identityMap.where(col("entity_type").equalTo(IdentityGraph.MEMBER))
        .select(col("entity_key").as("_member"), col(Columns.CUSTOMER_ID).as("_by_member"));
    Dataset<Row> seen = touches.where(window.seen(col("touch_ts")));
    Dataset<Row> attached = seen
        .join(accounts, seen.col("account_id").equalTo(col("_account")), "left")
        .join(members, seen.col("member_id").equalTo(col("_member")), "left")
        .withColumn(Columns.CUSTOMER_ID, coalesce(col("_by_account"), col("_by_member")))
        .where(col(Columns.CUSTOMER_ID).isNotNull().and(col("channel").isNotNull()))
        .select(Columns.CUSTOMER_ID, "touch_id", "channel", "campaign", "touch_ts", "cost");
    Dataset<Row> counted = new CustomerKeys(identityMap, null).orders(orders.where(window.seen(col("order_ts"))))
        .where(col("status").isNull().or(col("status").notEqual("cancelled")))
        .select(col(Columns.CUSTOMER_ID), col("order_id"), col("order_ts"),
            when(col("status").isNull().or(col("status").equalTo("paid")), col("total_amount")).otherwise(lit(0))
                .cast("double").as("revenue"));
    return new Inputs(attached, counted);
  }

  /** Attribution by model, channel and campaign (campaign empty: the channel's total). */
  public Dataset<Row> transform(Dataset<Row> touches, Dataset<Row> orders) {
    Dataset<Row> journeys = journeys(touches, orders).cache();
    try {
      Dataset<Row> volume = journeys.groupBy("channel", "campaign")
          .agg(count(lit(1)).as("touches"), sum(coalesce(col("cost"), lit(0.0))).as("cost"));
      Dataset<Row> channelVolume = volume.groupBy("channel").agg(sum("touches").as("touches"), sum("cost").as("cost"));
      Dataset<Row> credits = ruleCredits(journeys);
      Dataset<Row> byCampaign = credits.groupBy(col("model").as("_model"), col("channel").as("_channel"),
              col("campaign").as("_campaign"))
          .agg(sum("credit").as("conversions"), sum(col("credit").multiply(coalesce(col("revenue"), lit(0.0))))
              .as("revenue"));
      Dataset<Row> models = journeys.sparkSession().createDataFrame(
          RULE_MODELS.stream().map(RowFactory::create).toList(), new StructType().add("model", DataTypes.StringType));
      Dataset<Row> campaignRows = models.crossJoin(volume)
          .join(byCampaign, col("model").equalTo(col("_model")).and(col("channel").equalTo(col("_channel")))
              .and(col("campaign").eqNullSafe(col("_campaign"))), "left")
          .select(col("model"), col("channel"), col("campaign"), col("touches"),
              coalesce(col("conversions"), lit(0.0)).as("conversions"),
              coalesce(col("revenue"), lit(0.0)).as("revenue"), col("cost"));
      Dataset<Row> channelRows = campaignRows.groupBy("model", "channel")
          .agg(sum("conversions").as("conversions"), sum("revenue").as("revenue"))
          .join(channelVolume, "channel")
          .select(col("model"), col("channel"), lit(null).cast("string").as("campaign"), col("touches"),
              col("conversions"), col("revenue"), col("cost"));
      Dataset<Row> markov = markov(journeys, channelVolume);
      Dataset<Row> rules = campaignRows.unionByName(channelRows)
          .withColumn("removal_effect", lit(null).cast("double"));
      Dataset<Row> all = rules.unionByName(markov)
          .withColumn("roi", when(col("cost").gt(0), col("revenue").minus(col("cost")).divide(col("cost"))))
          .withColumn("conversions_per_1000_touches", col("conversions").multiply(1000.0).divide(col("touches")));
      return all.select(java.util.Arrays.stream(OUTPUT.fieldNames()).map(c -> col(c)).toArray(Column[]::new))
          .localCheckpoint();
    } finally {
      journeys.unpersist();
    }
  }

  /** The markov rows: removal effects from the transition counts, conversions and revenue split by them. */
  private Dataset<Row> markov(Dataset<Row> journeys, Dataset<Row> channelVolume) {
    Row totals = journeys.where(col("position").equalTo(1).and(col("converted")))
        .agg(count(lit(1)), sum(coalesce(col("revenue"), lit(0.0)))).first();
    long conversions = totals.getLong(0);
    double revenue = totals.isNullAt(1) ? 0.0 : totals.getDouble(1);
    MarkovChain chain = MarkovChain.fromCounts(transitions(journeys).collectAsList());
    List<Row> rows = new ArrayList<>();
    java.util.Map<String, Double> effects = chain.removalEffects();
    double sumEffects = effects.values().stream().mapToDouble(Double::doubleValue).sum();
    for (java.util.Map.Entry<String, Double> e : effects.entrySet()) {
      double share = sumEffects > 0 ? e.getValue() / sumEffects : 0.0;
      rows.add(RowFactory.create(MARKOV, e.getKey(), conversions * share, revenue * share, e.getValue()));
    }
    SparkSession spark = journeys.sparkSession();
    Dataset<Row> credited = spark.createDataFrame(rows, new StructType()
        .add("model", DataTypes.StringType).add("channel", DataTypes.StringType)
        .add("conversions", DataTypes.DoubleType).add("revenue", DataTypes.DoubleType)
        .add("removal_effect", DataTypes.DoubleType));
    return channelVolume.join(credited, new String[] {"channel"}, "left")
        .select(lit(MARKOV).as("model"), col("channel"), lit(null).cast("string").as("campaign"), col("touches"),
            coalesce(col("conversions"), lit(0.0)).as("conversions"), coalesce(col("revenue"), lit(0.0))
                .as("revenue"), col("cost"), coalesce(col("removal_effect"), lit(0.0)).as("removal_effect"));
  }

  /** Highest value first: the channels' order by a column of the channel total rows of one model. */
  public static List<String> rank(Dataset<Row> attribution, String model, String column) {
    return attribution.where(col("model").equalTo(model).and(col("campaign").isNull()))
        .orderBy(col(column).desc(), col("channel")).select("channel").as(org.apache.spark.sql.Encoders.STRING())
        .collectAsList();
  }
}
