package io.c360.core.segment;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.dayofmonth;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.config.SegmentConfig;
import io.c360.core.ingest.Snapshots;
import io.c360.core.profile.AsOfWindow;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * customer_tags, long format. Behaviour tags read customer_360 columns; scenario tags read the orders (with
 * customer_id, cut at the as-of date) and their lines of the last tags.window-days days. Each tag's value is the
 * measure its rule compared; rule_version is a hash of the rule's settings.
 */
public final class Tags {

  public static final List<String> NAMES = List.of("price_sensitive", "novelty_seeker", "high_return_rate",
      "frequent_complainer", "promoter", "detractor", "weekend_family_shopper", "holiday_buyer", "emergency_restock",
      "healthy_eating");

  private final SegmentConfig.Tags rules;

  public Tags(SegmentConfig.Tags rules) {
    this.rules = rules;
  }

  /** A tag: name, whether the customer carries it, and the measured value. */
  private record Tag(String name, Column when, Column value) {
  }

  /**
   * @param profiles       customer_360 rows of the as-of date
   * @param customerOrders orders with customer_id, cut at the as-of date
   * @param items          bronze order lines, or null (then the line-based tags are not computed)
   * @param products       bronze products, or null (line categories only)
   */
  public Dataset<Row> transform(Dataset<Row> profiles, Dataset<Row> customerOrders, Dataset<Row> items,
                                Dataset<Row> products, LocalDate asOfDate) {
    AsOfWindow asOf = new AsOfWindow(asOfDate);
    Dataset<Row> scenario = scenarioMeasures(customerOrders, items, products, asOf);
    Dataset<Row> all = profiles.join(scenario, new String[] {Columns.CUSTOMER_ID}, "left");
    Column enoughOrders = col("orders").geq(rules.minOrders());
    Column windowOrders = coalesce(col("_w_orders"), lit(0L));
    List<Tag> tags = new ArrayList<>(List.of(
        new Tag("price_sensitive", enoughOrders.and(col("discount_share").geq(rules.priceSensitiveMinDiscountShare())),
            col("discount_share")),
        new Tag("novelty_seeker", enoughOrders.and(col("new_product_share")
            .geq(rules.noveltySeekerMinNewProductShare())), col("new_product_share")),
        new Tag("high_return_rate", enoughOrders.and(col("return_rate").geq(rules.highReturnMinReturnRate())),
            col("return_rate")),
        new Tag("frequent_complainer", col("tickets_90d").geq(rules.frequentComplainerMinTickets90d()),
            col("tickets_90d")),
        new Tag("promoter", col("nps_class").equalTo("promoter"), col("last_nps")),
        new Tag("detractor", col("nps_class").equalTo("detractor"), col("last_nps")),
        new Tag("holiday_buyer", windowOrders.gt(0)
            .and(col("_w_holiday").geq(rules.holidayMinOrders()))
            .and(col("_w_holiday").divide(windowOrders).geq(rules.holidayMinOrderShare())),
            col("_w_holiday").divide(windowOrders)),
        new Tag("emergency_restock", coalesce(col("_w_restock"), lit(0L)).geq(rules.restockMinOrders()),
            col("_w_restock"))));
    if (items != null) {
      tags.add(new Tag("weekend_family_shopper", windowOrders.geq(rules.minOrders())
          .and(col("_w_weekend").divide(windowOrders).geq(rules.weekendFamilyMinWeekendShare()))
          .and(col("_w_family_share").geq(rules.weekendFamilyMinFamilyLineShare())), col("_w_family_share")));
      tags.add(new Tag("healthy_eating", windowOrders.geq(rules.minOrders())
          .and(col("_w_healthy_share").geq(rules.healthyMinLineShare())), col("_w_healthy_share")));
    }
    List<Column> structs = new ArrayList<>();
    for (Tag tag : tags) {
      structs.add(struct(lit(tag.name()).as("tag"), coalesce(tag.when(), lit(false)).as("on"),
          tag.value().cast("double").as("value"), lit(rules.ruleVersions().get(tag.name())).as("rule_version")));
    }
    return all.select(col(Columns.CUSTOMER_ID), explode(array(structs.toArray(Column[]::new))).as("_t"))
        .where(col("_t.on"))
        .select(asOf.day().as(Columns.AS_OF), col(Columns.CUSTOMER_ID), col("_t.tag").as("tag"),
            col("_t.value").as("value"), col("_t.rule_version").as("rule_version"));
  }

  /** Per customer over the window: orders, weekend and holiday orders, restock orders, family and healthy shares. */
  private Dataset<Row> scenarioMeasures(Dataset<Row> customerOrders, Dataset<Row> items, Dataset<Row> products,
                                        AsOfWindow asOf) {
    Column day = to_date(col("order_ts"));
    Dataset<Row> orders = customerOrders.where(Rfm.kept()).select(col(Columns.CUSTOMER_ID), col("order_id"),
        col("order_ts"), day.as("_day"));
    Dataset<Row> lineCounts = null;
    if (items != null) {
      Dataset<Row> lines = items.select(col("order_id"), col("sku"), lower(trim(col("category"))).as("_cat"));
      if (products != null) {
        Dataset<Row> latest = Snapshots.latest(products, Source.PRODUCTS)
            .select(col("sku"), lower(trim(col("category"))).as("_product_cat"));
        lines = lines.join(latest, new String[] {"sku"}, "left")
            .withColumn("_cat", coalesce(col("_cat"), col("_product_cat")));
      }
      lineCounts = lines.groupBy("order_id").agg(count(lit(1)).as("_lines"),
          count(when(col("_cat").isin(rules.familyCategories().toArray()), lit(1))).as("_family_lines"),
          count(when(col("_cat").isin(rules.healthyCategories().toArray()), lit(1))).as("_healthy_lines"));
      orders = orders.join(lineCounts, new String[] {"order_id"}, "left");
    }
    Column previous = lag(col("_day"), 1).over(Window.partitionBy(Columns.CUSTOMER_ID).orderBy(col("order_ts"),
        col("order_id")));
    orders = orders.withColumn("_gap", datediff(col("_day"), previous))
        .where(asOf.lastDays(col("_day"), rules.windowDays()));
    Column restock = col("_gap").leq(rules.restockMaxDaysSincePrevious());
    if (items != null) {
      restock = restock.and(col("_lines").leq(rules.restockMaxLines()));
    }
    List<Column> aggs = new ArrayList<>(List.of(
        count(lit(1)).as("_w_orders"),
        count(when(dayofweek(col("order_ts")).isin(1, 7), lit(1))).as("_w_weekend"),
        count(when(holiday(col("_day")), lit(1))).as("_w_holiday"),
        count(when(restock, lit(1))).as("_w_restock")));
    if (items != null) {
      Column lines = sum(coalesce(col("_lines"), lit(0L)));
      aggs.add(when(lines.gt(0), sum(col("_family_lines")).divide(lines)).as("_w_family_share"));
      aggs.add(when(lines.gt(0), sum(col("_healthy_lines")).divide(lines)).as("_w_healthy_share"));
    }
    return orders.groupBy(Columns.CUSTOMER_ID).agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
  }

  /** True on a day inside one of the yearly holiday windows (MM-dd..MM-dd, inclusive, may wrap the year end). */
  private Column holiday(Column day) {
    Column md = month(day).multiply(100).plus(dayofmonth(day));
    Column any = lit(false);
    for (MonthDay[] w : rules.holidayWindows()) {
      int from = w[0].getMonthValue() * 100 + w[0].getDayOfMonth();
      int to = w[1].getMonthValue() * 100 + w[1].getDayOfMonth();
      any = any.or(from <= to ? md.between(from, to) : md.geq(from).or(md.leq(to)));
    }
    return any;
  }
}
