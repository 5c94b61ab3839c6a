package io.c360.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.config.C360Config;
import io.c360.core.config.ConfigReader;
import io.c360.core.config.SegmentConfig;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.segment.Rfm;
import io.c360.core.segment.Segments;
import io.c360.jobs.C360Session;
import io.c360.jobs.Lake;
import io.c360.jobs.identity.IdentityJob;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The RFM aggregation of the segments job ({@link Rfm#measures}) timed against the same measures written in SQL for
 * an embedded DuckDB, both reading one Parquet copy of the customers' orders. Both engines reduce their per-customer
 * measures to the same totals (customers, sums of every measure), which must agree before a time counts.
 *
 * <p>Usage: {@code RfmReference LAKE AS_OF WORK_DIR [RUNS]} on a lake whose identity job ran for AS_OF; prints one
 * CSV line: order rows, customers, the median seconds of each engine over RUNS timed runs (after one warm-up) and
 * their ratio. Run by {@code scripts/bench-rfm.sh}.
 */
public final class RfmReference {

  /** The totals, in order: customers, then the sum of each measure over the customers. */
  public static final List<String> TOTALS = List.of("customers", "orders", "recency_days", "frequency", "monetary",
      "paid_orders_window", "orders_per_month", "order_days", "interval_mean_days", "recent_interval_days",
      "period_orders", "previous_period_orders", "active_orders");

  /** Totals read from the helper columns of {@link Rfm#measures}, named with a leading underscore there. */
  private static final Set<String> HELPER_COLUMNS = Set.of("orders", "period_orders", "previous_period_orders",
      "active_orders");

  /** One engine's timed runs and its totals. */
  public record Timing(String engine, List<Double> seconds, Map<String, Double> totals) {
    double median() {
      List<Double> sorted = seconds.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }

  private RfmReference() {
  }

  /**
   * Writes the orders of the as-of date with their customer_id (what the segments job aggregates) as Parquet:
   * customer_id, order_ts, order_day (the UTC day, for engines without Spark's time zone), status, total_amount.
   *
   * @return the number of order rows written
   */
  public static long export(Lake lake, LocalDate asOf, Path parquet) {
    Dataset<Row> orders = Segments.orders(IdentityJob.customers(lake, asOf, "bench"),
        lake.read(Tables.bronze(Source.ORDERS)), asOf).where(col("customer_id").isNotNull())
        .select(col("customer_id"), col("order_ts"), to_date(col("order_ts")).as("order_day"), col("status"),
            col("total_amount"));
    orders.write().mode("overwrite").parquet(parquet.toString());
    return lake.spark().read().parquet(parquet.toString()).count();
  }

  /** The totals of {@link Rfm#measures} on the Parquet orders. */
  public static Map<String, Double> spark(SparkSession spark, Path parquet, LocalDate asOf, SegmentConfig config) {
    Dataset<Row> measures = Rfm.measures(spark.read().parquet(parquet.toString()), new AsOfWindow(asOf), config);
    List<Column> sums = new ArrayList<>(List.of(count(lit(1)).cast("double")));
    for (String measure : TOTALS.subList(1, TOTALS.size())) {
      String column = HELPER_COLUMNS.contains(measure) ? "_" + measure : measure;
      sums.add(sum(col(column)).cast("double"));
    }
    Row row = measures.agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new)).first();
    Map<String, Double> totals = new LinkedHashMap<>();
    for (int i = 0; i < TOTALS.size(); i++) {
      totals.put(TOTALS.get(i), row.isNullAt(i) ? 0.0 : row.getDouble(i));
    }
    return totals;
  }

  /** The same measures in DuckDB SQL, with the conventions of {@link Rfm}: kept = not cancelled, paid = kept, not returned. */
  static String duckdbSql(Path parquet, LocalDate asOf, SegmentConfig config) {
    String day = "DATE '" + asOf + "'";
    String within = "day > " + day + " - %d AND day <= " + day;
    int period = config.kpis().retentionPeriodDays();
    int monthly = config.fiveTiers().monthlyRateWindowDays();
    int k = config.lifecycle().trendIntervals();
    return String.format(Locale.ROOT, """
        WITH o AS (
          SELECT customer_id, order_day AS day, total_amount,
                 NOT coalesce(lower(trim(status)) = 'cancelled', false) AS kept,
                 NOT coalesce(lower(trim(status)) IN ('cancelled', 'returned'), false) AS paid
          FROM read_parquet('%s')
        ), g AS (
          SELECT customer_id,
                 max(day) FILTER (WHERE kept) AS last_day,
                 count(*) FILTER (WHERE kept) AS orders,
                 count(*) FILTER (WHERE kept AND %s) AS frequency,
                 coalesce(sum(total_amount) FILTER (WHERE paid AND %s), 0) AS monetary,
                 count(*) FILTER (WHERE paid AND %s) AS paid_orders_window,
                 count(*) FILTER (WHERE kept AND %s) AS monthly_orders,
                 count(*) FILTER (WHERE kept AND %s) AS period_orders,
                 count(*) FILTER (WHERE kept AND day > %s - %d AND day <= %s - %d) AS previous_period_orders,
                 count(*) FILTER (WHERE kept AND %s) AS active_orders,
                 list_sort(list_distinct(list(day) FILTER (WHERE kept))) AS days
          FROM o GROUP BY customer_id
        ), m AS (
          SELECT *, len(days) AS n, least(%d, len(days) - 1) AS gaps FROM g WHERE last_day IS NOT NULL
        )
        SELECT count(*), sum(orders), sum(%s - last_day), sum(frequency), sum(monetary), sum(paid_orders_window),
               sum(monthly_orders / %s), sum(n),
               sum(CASE WHEN n >= 2 THEN (days[-1] - days[1]) / (n - 1) END),
               sum(CASE WHEN n >= 2 THEN (days[-1] - days[-(gaps + 1)]) / gaps END),
               sum(period_orders), sum(previous_period_orders), sum(active_orders)
        FROM m
        """, parquet.resolve("*.parquet"), String.format(within, config.rfm().frequencyWindowDays()),
        String.format(within, config.rfm().monetaryWindowDays()),
        String.format(within, config.rfm().monetaryWindowDays()), String.format(within, monthly),
        String.format(within, period), day, 2 * period, day, period,
        String.format(within, config.kpis().activeDays()), k, day, monthly / 30.0);
  }

  /** The totals of {@link #duckdbSql} on the Parquet orders. */
  public static Map<String, Double> duckdb(Connection db, Path parquet, LocalDate asOf, SegmentConfig config) {
    try (Statement statement = db.createStatement();
         ResultSet rs = statement.executeQuery(duckdbSql(parquet, asOf, config))) {
      rs.next();
      Map<String, Double> totals = new LinkedHashMap<>();
      for (int i = 0; i < TOTALS.size(); i++) {
        totals.put(TOTALS.get(i), rs.getDouble(i + 1));
      }
      return totals;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * One warm-up run, then {@code runs} timed runs; every run's totals must equal the warm-up's (sums of doubles
   * up to their order, {@link #differences}).
   */
  public static Timing time(String engine, int runs, Supplier<Map<String, Double>> measure) {
    Map<String, Double> totals = measure.get();
    List<Double> seconds = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      Map<String, Double> again = measure.get();
      seconds.add((System.nanoTime() - start) / 1e9);
      List<String> changed = differences(totals, again);
      if (!changed.isEmpty()) {
        throw new IllegalStateException(engine + " totals changed between runs: " + changed);
      }
    }
    return new Timing(engine, seconds, totals);
  }

  /** Names the totals on which the two engines differ by more than 1e-9 relative; empty when they agree. */
  public static List<String> differences(Map<String, Double> a, Map<String, Double> b) {
    List<String> out = new ArrayList<>();
    for (String total : TOTALS) {
      double x = a.get(total);
      double y = b.get(total);
      if (Math.abs(x - y) > 1e-9 * Math.max(1, Math.max(Math.abs(x), Math.abs(y)))) {
        out.add(total + " " + x + " vs " + y);
      }
    }
    return out;
  }

  public static void main(String[] args) throws SQLException {
    if (args.length < 3) {
      System.err.println("usage: RfmReference LAKE AS_OF WORK_DIR [RUNS]");
      System.exit(2);
    }
    Path root = Path.of(args[0]).toAbsolutePath().normalize();
    LocalDate asOf = LocalDate.parse(args[1]);
    Path parquet = Path.of(args[2]).toAbsolutePath().resolve("customer-orders.parquet");
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    C360Config config = ConfigReader.defaultConfig();
    SparkSession spark = C360Session.open(config, root);
    long rows = export(Lake.open(spark, root, config.lake().database()), asOf, parquet);
    SegmentConfig segments = config.segments();
    Timing sparkTiming = time("spark", runs, () -> spark(spark, parquet, asOf, segments));
    spark.stop();
    Timing duck;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      duck = time("duckdb", runs, () -> duckdb(db, parquet, asOf, segments));
    }
    List<String> differ = differences(sparkTiming.totals(), duck.totals());
    if (!differ.isEmpty()) {
      System.err.println("RfmReference: the engines disagree: " + differ);
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "%d,%.0f,%d,%.3f,%.3f,%.2f%n", rows, sparkTiming.totals().get("customers"), runs,
        sparkTiming.median(), duck.median(), sparkTiming.median() / duck.median());
  }
}
