package io.c360.core.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Evaluates declared checks. All checks on one table are answered by a single aggregation over that table's
 * latest batch; referential checks add one join each and quarantine ratios one aggregation over the quarantine.
 * Results are few (one per check), so they are returned to the caller as a list.
 */
public final class QualityGate {

  private final List<CheckSpec> checks;

  public QualityGate(List<CheckSpec> checks) {
    this.checks = List.copyOf(checks);
  }

  /**
   * @param batches    per source present: its rows of the batch under check
   * @param tables     per source present: the whole bronze table (referential targets)
   * @param quarantine quarantine rows of the batches under check (columns source, ...)
   * @param asOf       the as-of date (freshness)
   * @param absent     per source: the contract columns its batch's files do not have; checks on them are left out
   */
  public List<CheckResult> evaluate(Map<Source, Dataset<Row>> batches, Map<Source, Dataset<Row>> tables,
                                    Dataset<Row> quarantine, LocalDate asOf, Map<Source, Set<String>> absent) {
    List<CheckResult> results = new ArrayList<>();
    Map<String, Long> quarantined = quarantineCounts(quarantine);
    for (Source source : Source.values()) {
      Dataset<Row> batch = batches.get(source);
      Set<String> missing = absent.getOrDefault(source, Set.of());
      List<CheckSpec> own = checks.stream().filter(c -> c.source().equals(source.id()))
          .filter(c -> c.column() == null || !missing.contains(c.column())).toList();
      if (batch == null || own.isEmpty()) {
        continue;
      }
      Row stats = batch.agg(count(lit(1)).as("rows"), tableAggregates(source, own).toArray(Column[]::new)).first();
      long rows = stats.getLong(0);
      for (int i = 0; i < own.size(); i++) {
        CheckSpec check = own.get(i);
        double observed = switch (check.kind()) {
          case REFERENTIAL -> referentialShare(batch, check, tables, rows);
          case QUARANTINE_RATIO -> ratio(quarantined.getOrDefault(source.id(), 0L), rows
              + quarantined.getOrDefault(source.id(), 0L));
          case FRESHNESS -> stats.isNullAt(i + 1) ? Double.POSITIVE_INFINITY
              : ChronoUnit.DAYS.between(stats.getTimestamp(i + 1).toLocalDateTime().toLocalDate(), asOf);
          case ROW_COUNT -> rows;
          default -> stats.isNullAt(i + 1) ? 1.0 : ratio(((Number) stats.get(i + 1)).longValue(), rows);
        };
        results.add(new CheckResult(Tables.bronze(source).name(), check.name(), check.level(),
            check.kind().passes(observed, check.threshold()), observed, check.threshold(), detail(check)));
      }
    }
    return results;
  }

  /** Per source, the names of the checks left out because their column is not in the source's files. */
  public Map<Source, List<String>> notApplicable(Map<Source, Set<String>> absent) {
    Map<Source, List<String>> left = new java.util.EnumMap<>(Source.class);
    absent.forEach((source, columns) -> {
      List<String> names = checks.stream().filter(c -> c.source().equals(source.id()) && c.column() != null
          && columns.contains(c.column())).map(CheckSpec::name).toList();
      if (!names.isEmpty()) {
        left.put(source, names);
      }
    });
    return left;
  }

  /** One aggregate column per check, in order; checks answered elsewhere get a placeholder. */
  private static List<Column> tableAggregates(Source source, List<CheckSpec> own) {
    List<Column> aggregates = new ArrayList<>();
    for (CheckSpec check : own) {
      Column value = check.column() == null ? null : col(check.column());
      Column agg = switch (check.kind()) {
        case COMPLETENESS -> count(when(value.isNotNull().and(trim(value.cast("string")).notEqual("")), 1));
        case RANGE -> {
          Column inside = lit(true);
          if (check.min() != null) {
            inside = inside.and(value.geq(check.min()));
          }
          if (check.max() != null) {
            inside = inside.and(value.leq(check.max()));
          }
          yield sum(when(value.isNull().or(inside), 1).otherwise(0));
        }
        case UNIQUENESS -> count_distinct(col(source.keys().get(0)),
            source.keys().stream().skip(1).map(k -> col(k)).toArray(Column[]::new));
        case FRESHNESS -> max(value.cast("timestamp"));
        default -> lit(null);
      };
      aggregates.add(agg.as("c" + aggregates.size()));
    }
    return aggregates;
  }

  private static double referentialShare(Dataset<Row> batch, CheckSpec check, Map<Source, Dataset<Row>> tables,
                                         long rows) {
    String[] ref = check.reference().split("\\.", 2);
    Dataset<Row> target = Source.byId(ref[0]).map(tables::get).orElse(null);
    if (target == null || rows == 0) {
      return rows == 0 ? 1.0 : 0.0;
    }
    Dataset<Row> keys = target.select(col(ref[1]).as("_ref")).distinct();
    long found = batch.select(col(check.column()).as("_val"))
        .join(keys, col("_val").equalTo(col("_ref")), "left_semi").count();
    return ratio(found, rows);
  }

  private static Map<String, Long> quarantineCounts(Dataset<Row> quarantine) {
    Map<String, Long> counts = new java.util.HashMap<>();
    for (Row row : quarantine.groupBy("source").agg(count(lit(1))).collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? (part == 0 ? 0.0 : 1.0) : (double) part / whole;
  }

  private static String detail(CheckSpec check) {
    return switch (check.kind()) {
      case COMPLETENESS -> "share of rows with " + check.column() + " present, at least the threshold";
      case UNIQUENESS -> "share of distinct keys among rows, at least the threshold";
      case RANGE -> "share of " + check.column() + " values inside the range, at least the threshold";
      case REFERENTIAL -> "share of " + check.column() + " values found in " + check.reference();
      case FRESHNESS -> "days from the latest " + check.column() + " to the as-of date, at most the threshold";
      case QUARANTINE_RATIO -> "share of the batch's rows quarantined, at most the threshold";
      case ROW_COUNT -> "rows in the batch, at least the threshold";
    };
  }
}
