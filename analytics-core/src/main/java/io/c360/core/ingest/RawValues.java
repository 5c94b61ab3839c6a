package io.c360.core.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.config.SourceConfig;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Rewrites a source's raw values into the contract's before ingest checks them: the value maps of
 * {@code c360.sources.<s>.values} (raw value compared trimmed and case-insensitively) and, for orders, the
 * cancellation rule: an order id with the configured prefix sets the row's status to cancelled; with
 * negative-quantity, a negative quantity or amount sets it to returned (unless cancelled) and the numbers lose their
 * sign. Without a rule such rows fail the checks (BAD_VALUE, NEGATIVE_VALUE) as before.
 */
public final class RawValues {

  /** The signed numbers a negative-quantity rule reads as a return. */
  static final List<String> SIGNED = List.of("quantity", "line_amount", "unit_price", "total_amount",
      "discount_amount", "discount");
  private static final String NEGATIVE = "^\\s*-\\s*(?=[0-9.])";

  private RawValues() {
  }

  public static Dataset<Row> apply(Dataset<Row> raw, SourceConfig conf) {
    List<String> present = Arrays.asList(raw.columns());
    Map<String, Column> replaced = new LinkedHashMap<>();
    conf.values().forEach((column, map) -> {
      Column value = col(column);
      Column mapped = value;
      for (Map.Entry<String, String> e : map.entrySet()) {
        mapped = when(lower(trim(value)).equalTo(e.getKey()), lit(e.getValue())).otherwise(mapped);
      }
      replaced.put(column, mapped);
    });
    SourceConfig.Cancellation rule = conf.cancellation();
    if (rule.any() && present.contains("status")) {
      Column status = replaced.getOrDefault("status", col("status"));
      Column returned = lit(false);
      if (rule.negativeQuantity()) {
        for (String column : SIGNED) {
          if (present.contains(column)) {
            returned = returned.or(col(column).rlike(NEGATIVE + ".*"));
            replaced.put(column, regexp_replace(col(column), NEGATIVE, ""));
          }
        }
        status = when(returned, lit("returned")).otherwise(status);
      }
      if (!rule.orderIdPrefix().isEmpty() && present.contains("order_id")) {
        status = when(trim(col("order_id")).startsWith(rule.orderIdPrefix()), lit("cancelled")).otherwise(status);
      }
      replaced.put("status", status);
    }
    if (replaced.isEmpty()) {
      return raw;
    }
    return raw.select(raw.columns().length == 0 ? new Column[0] : Arrays.stream(raw.columns())
        .map(c -> replaced.containsKey(c) ? replaced.get(c).as(c) : col("`" + c + "`")).toArray(Column[]::new));
  }
}
