package io.c360.core.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Layout;
import io.c360.core.catalog.LineContract;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.SourceField;
import io.c360.core.catalog.Tables;
import io.c360.core.config.IngestConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Turns the checked line rows of an orders file ({@link LineContract}, the output of {@link IngestTransform}) into
 * orders, order lines and products.
 *
 * <ul>
 *   <li>Order id: the file's, or in a purchase log {@code <customer>@<time>}: the account id (else 16 hex digits of
 *   SHA-256 of the phone and email, else {@code anonymous}), then the order time as {@code yyyy-MM-dd} when it is
 *   midnight (a file with dates only) and as {@code yyyy-MM-dd'T'HH:mm:ss} otherwise. The rows of one customer at one
 *   time are one order.</li>
 *   <li>One order id that carries several customers (account id, else phone, else email) is several orders: the
 *   first customer's lines keep the id, the next ones' get {@code <order id>#2}, {@code #3}, ... in file order. A
 *   line without any of the three belongs to the order's first customer.</li>
 *   <li>The lines of an order must agree on its time; an order whose lines carry two times is rejected with all its
 *   lines (INCONSISTENT_ORDER). Its other columns ({@link LineContract#ORDER_COLUMNS}) are taken from its first line
 *   in file order that has them; status is the exception: an order is cancelled when one of its lines is, else
 *   returned when one is (the cancellation rule marks lines, {@link RawValues}).</li>
 *   <li>Line amount: line_amount, else quantity x unit_price - discount; quantity 1 when the file has none. Order
 *   total: the order's total_amount when the file has one, else the sum of its line amounts when every line has one,
 *   else empty (a file without amounts).</li>
 *   <li>line_no: the file's, else the line's position in the file within its order. unit_price: the file's, else
 *   line amount / quantity.</li>
 *   <li>Products: one per sku, from its latest line (order time, then file position): product_name, category, brand
 *   and the unit price as list_price.</li>
 *   <li>An order above c360.ingest.max-amount (OUT_OF_RANGE) or already ingested from another batch (DUPLICATE_KEY)
 *   is rejected with all its lines; a repeated (order_id, line_no) rejects the later line (DUPLICATE_KEY).</li>
 * </ul>
 * Every line lands either in an order (and, with a sku, in order_items) or among {@link Output#lines}' rejected rows.
 */
public final class OrderLines {

  /**
   * @param lines    every line with its final reason (quarantine the rejected ones with IngestTransform.quarantine)
   * @param orders   bronze_orders rows, plus {@link #SHARED_ID}
   * @param items    bronze_order_items rows (none when the file has no sku)
   * @param products bronze_products rows (none when the file has no sku)
   */
  public record Output(Dataset<Row> lines, Dataset<Row> orders, Dataset<Row> items, Dataset<Row> products) {
  }

  /** On a derived order: the file's order id when it carried several customers and was split, else null. */
  public static final String SHARED_ID = "_shared_order_id";
  private static final String LINE_AMOUNT = "_line_amount";
  private static final String ORDER_REASON = "_order_reason";

  private final Layout layout;
  private final IngestConfig rules;

  public OrderLines(Layout layout, IngestConfig rules) {
    if (!layout.derivesOrders()) {
      throw new IllegalArgumentException("layout " + layout.confName() + " has no lines to derive orders from");
    }
    this.layout = layout;
    this.rules = rules;
  }

  /**
   * @param checked      IngestTransform's output on the line rows (with {@link IngestTransform#ROW_COL}); persist it
   *                     first, since it is read more than once
   * @param existingKeys order ids already in bronze_orders from other batches (column {@code _key}), or null
   */
  public Output transform(Dataset<Row> checked, Dataset<Row> existingKeys) {
    Column valid = IngestTransform.isValid();
    Dataset<Row> lines = checked.withColumn(LINE_AMOUNT, lineAmount())
        .withColumn(SHARED_ID, lit(null).cast("string"));
    if (layout == Layout.PURCHASE_LOG) {
      lines = lines.withColumn("order_id", logOrderId());
    } else {
      lines = splitByCustomer(lines.withColumn("order_id", trim(col("order_id"))));
    }
    lines = lines.withColumn("line_no", coalesce(col("line_no"), row_number().over(Window.partitionBy(col("order_id"),
            valid).orderBy(col(IngestTransform.FILE_COL), col(IngestTransform.ROW_COL)))))
        .withColumn("_line_rank", row_number().over(Window.partitionBy(col("order_id"), col("line_no"), valid)
            .orderBy(col(IngestTransform.FILE_COL), col(IngestTransform.ROW_COL))));
    Dataset<Row> unique = lines.where(valid.and(col("_line_rank").equalTo(1)));

    List<Column> aggregates = orderAggregates();
    Dataset<Row> orders = unique.groupBy("order_id")
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
        .withColumn(ORDER_REASON, orderReason());
    if (existingKeys != null) {
      Dataset<Row> seen = existingKeys.select(col(IngestTransform.KEY).as("_existing")).distinct();
      orders = orders.join(seen, col("order_id").equalTo(col("_existing")), "left")
          .withColumn(ORDER_REASON, coalesce(col(ORDER_REASON), when(col("_existing").isNotNull(),
              lit(ReasonCode.DUPLICATE_KEY + ":order_id"))))
          .drop("_existing");
    }
    orders = orders.select(orderColumns()).localCheckpoint();
    Dataset<Row> rejectedOrders = orders.where(col(ORDER_REASON).isNotNull())
        .select(col("order_id").as("_rejected_order"), col(ORDER_REASON));

    Column reason = coalesce(
        concat(col(IngestTransform.REASON), lit(":"), coalesce(col(IngestTransform.REASON_COLUMN), lit(""))),
        when(col("_line_rank").gt(1), lit(ReasonCode.DUPLICATE_KEY + ":order_id|line_no")),
        col(ORDER_REASON));
    Dataset<Row> judged = lines
        .join(rejectedOrders, col("order_id").equalTo(col("_rejected_order")).and(valid), "left")
        .withColumn("_reason", reason)
        .withColumn(IngestTransform.REASON, IngestTransform.reasonCode(col("_reason")))
        .withColumn(IngestTransform.REASON_COLUMN, IngestTransform.reasonColumn(col("_reason")))
        .withColumn(IngestTransform.KEY, coalesce(col(SHARED_ID), col("order_id")))
        .drop("_line_rank", "_rejected_order", ORDER_REASON, "_reason", SHARED_ID);
    Dataset<Row> kept = judged.where(valid);

    Dataset<Row> bronzeOrders = orders.where(col(ORDER_REASON).isNull()).drop(ORDER_REASON);
    Dataset<Row> withSku = kept.where(col("sku").isNotNull())
        .withColumn("_price", coalesce(col("unit_price"), round(col(LINE_AMOUNT).divide(quantity()), 2)));
    Dataset<Row> items = withSku.select(col("order_id"), col("line_no").cast("int").as("line_no"),
        trim(col("sku")).as("sku"), col("category"), quantity().as("quantity"), col("_price").as("unit_price"),
        col("discount"), col(Tables.BATCH_ID), col(Tables.INGESTED_AT), col(IngestTransform.FILE_COL));
    Column latest = struct(col("order_ts"), col(IngestTransform.FILE_COL), col(IngestTransform.ROW_COL));
    Dataset<Row> products = withSku.groupBy(trim(col("sku")).as("sku")).agg(
        max_by(col("product_name"), latest).as("name"),
        max_by(col("category"), latest).as("category"),
        max_by(col("brand"), latest).as("brand"),
        max_by(col("_price"), latest).as("list_price"),
        lit(null).cast("date").as("launch_date"),
        max(col(Tables.BATCH_ID)).as(Tables.BATCH_ID),
        max(col(Tables.INGESTED_AT)).as(Tables.INGESTED_AT),
        max_by(col(IngestTransform.FILE_COL), latest).as(IngestTransform.FILE_COL));
    return new Output(judged.drop(LINE_AMOUNT), bronzeOrders, items, products);
  }

  /**
   * The columns of a table derived from an orders file that the file cannot fill, from the line columns it does not
   * have: an order total needs a total, a line amount or a unit price; a list price a unit price or a line amount.
   */
  public static List<String> absentColumns(Source table, Collection<String> absentLineColumns) {
    Map<String, List<String>> feeds = switch (table) {
      case ORDERS -> Map.of("order_id", List.of(), "total_amount", List.of("total_amount", "line_amount", "unit_price"),
          "discount_amount", List.of("discount_amount", "discount"));
      case ORDER_ITEMS -> Map.of("order_id", List.of(), "line_no", List.of(), "quantity", List.of(),
          "unit_price", List.of("unit_price", "line_amount"));
      case PRODUCTS -> Map.of("name", List.of("product_name"), "list_price", List.of("unit_price", "line_amount"),
          "launch_date", List.of("launch_date"));
      default -> throw new IllegalArgumentException(table.id() + " is not derived from an orders file's lines");
    };
    List<String> absent = new ArrayList<>();
    for (SourceField field : table.fields()) {
      List<String> from = feeds.getOrDefault(field.name(), List.of(field.name()));
      if (!from.isEmpty() && absentLineColumns.containsAll(from)) {
        absent.add(field.name());
      }
    }
    return absent;
  }

  /**
   * The valid lines of an order id that carries several customers get {@code <id>#n} for the n-th customer in file
   * order (see the class comment), and the file's id in {@link #SHARED_ID}.
   */
  private static Dataset<Row> splitByCustomer(Dataset<Row> lines) {
    Column account = trim(col("account_id"));
    Column customer = coalesce(when(account.notEqual(""), account), col("phone"), col("email"));
    Column position = struct(col(IngestTransform.FILE_COL), col(IngestTransform.ROW_COL));
    Dataset<Row> ranked = lines.withColumn("_customer", when(IngestTransform.isValid(), customer))
        .withColumn("_first_seen", min(when(col("_customer").isNotNull(), position))
            .over(Window.partitionBy("order_id", "_customer")))
        .withColumn("_part", when(col("_customer").isNull(), lit(1))
            .otherwise(dense_rank().over(Window.partitionBy("order_id").orderBy(col("_first_seen").asc_nulls_last()))))
        .withColumn("_parts", max(col("_part")).over(Window.partitionBy("order_id")));
    return ranked
        .withColumn(SHARED_ID, when(col("_parts").gt(1), col("order_id")))
        .withColumn("order_id", when(col("_part").gt(1), concat(col("order_id"), lit("#"), col("_part")))
            .otherwise(col("order_id")))
        .drop("_customer", "_first_seen", "_part", "_parts");
  }

  /** The bronze_orders columns of the aggregated orders, the file's id of a split order and the order's reason. */
  private static Column[] orderColumns() {
    List<Column> columns = new ArrayList<>();
    columns.add(col("order_id"));
    LineContract.ORDER_COLUMNS.forEach(c -> columns.add(col(c)));
    columns.add(col(Tables.BATCH_ID));
    columns.add(col(Tables.INGESTED_AT));
    columns.add(col(IngestTransform.FILE_COL));
    columns.add(col(SHARED_ID));
    columns.add(col(ORDER_REASON));
    return columns.toArray(Column[]::new);
  }

  /** One aggregate per bronze_orders column, and the number of distinct order times (the consistency check). */
  private static List<Column> orderAggregates() {
    Column position = struct(col(IngestTransform.FILE_COL), col(IngestTransform.ROW_COL));
    List<Column> aggregates = new ArrayList<>();
    for (String column : LineContract.ORDER_COLUMNS) {
      Column first = min_by(col(column), when(col(column).isNotNull(), position));
      Column value = switch (column) {
        case "status" -> when(max(when(col("status").equalTo("cancelled"), 1)).equalTo(1), lit("cancelled"))
            .when(max(when(col("status").equalTo("returned"), 1)).equalTo(1), lit("returned"))
            .otherwise(first);
        case "total_amount" -> coalesce(first,
            when(count(col(LINE_AMOUNT)).equalTo(count(lit(1))), sum(col(LINE_AMOUNT))));
        case "discount_amount" -> coalesce(first, sum(col("discount")));
        default -> first;
      };
      aggregates.add(value.as(column));
    }
    aggregates.add(count_distinct(col("order_ts")).as("_times"));
    aggregates.add(max(col(Tables.BATCH_ID)).as(Tables.BATCH_ID));
    aggregates.add(max(col(Tables.INGESTED_AT)).as(Tables.INGESTED_AT));
    aggregates.add(min(col(IngestTransform.FILE_COL)).as(IngestTransform.FILE_COL));
    aggregates.add(max(col(SHARED_ID)).as(SHARED_ID));
    return aggregates;
  }

  /** INCONSISTENT_ORDER for an order with two times, else OUT_OF_RANGE for a total above the limit. */
  private Column orderReason() {
    return coalesce(when(col("_times").gt(1), lit(ReasonCode.INCONSISTENT_ORDER + ":order_ts")),
        when(col("total_amount").gt(rules.maxAmount()), lit(ReasonCode.OUT_OF_RANGE + ":total_amount")));
  }

  private static Column quantity() {
    return coalesce(col("quantity"), lit(1));
  }

  private static Column lineAmount() {
    return coalesce(col("line_amount"),
        col("unit_price").multiply(quantity()).minus(coalesce(col("discount"), lit(0))));
  }

  /** {@code <customer>@<time>}: see the class comment. */
  private static Column logOrderId() {
    Column account = trim(col("account_id"));
    Column contact = concat(coalesce(col("phone"), lit("")), lit("|"), coalesce(col("email"), lit("")));
    Column customer = coalesce(when(account.notEqual(""), account),
        when(col("phone").isNotNull().or(col("email").isNotNull()), substring(sha2(contact, 256), 1, 16)),
        lit("anonymous"));
    Column ts = col("order_ts");
    Column time = when(ts.equalTo(date_trunc("day", ts)), date_format(ts, "yyyy-MM-dd"))
        .otherwise(date_format(ts, "yyyy-MM-dd'T'HH:mm:ss"));
    return concat(customer, lit("@"), time);
  }
}
