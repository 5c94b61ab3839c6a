package io.c360.jobs.churn;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.churn.ChurnFeatures;
import io.c360.jobs.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A user's labelled customer table for {@code churn train}: CSV with a header line, one row per customer, an id
 * column, a two-valued label column and feature columns. A feature column is numeric when every non-blank value
 * parses as a number, categorical otherwise; an entirely blank column is left out. Blanks are missing values.
 *
 * <p>The positive label value is {@code positive} when given (case-insensitive), else the positive member of a
 * known pair: yes/no, true/false, 1/0, y/n.
 *
 * @param path      the file (or a folder of files)
 * @param delimiter field delimiter
 * @param idCol     customer id column (not a feature)
 * @param labelCol  label column
 * @param positive  the positive label value, or null
 */
public record LabelledTable(Path path, String delimiter, String idCol, String labelCol, String positive) {

  /** The 0/1 label column of {@link Prepared#rows()}. */
  public static final String LABEL = "_label";

  private static final Map<String, String> KNOWN_PAIRS = Map.of("no", "yes", "false", "true", "0", "1", "n", "y",
      "0.0", "1.0");

  public LabelledTable {
    if (delimiter == null || delimiter.isEmpty()) {
      throw new InputException("the delimiter must not be empty");
    }
  }

  /**
   * The table, read and checked.
   *
   * @param rows           input columns (strings) plus {@link #LABEL} (1 = positive)
   * @param features       feature columns by kind
   * @param positiveValue  the positive label as written in the file
   * @param negativeValue  the other label value
   * @param skipped        entirely blank columns left out
   */
  public record Prepared(Dataset<Row> rows, ChurnFeatures features, String positiveValue, String negativeValue,
                         List<String> skipped) {
  }

  public Prepared read(SparkSession spark) {
    if (!Files.exists(path)) {
      throw new InputException("input not found: " + path);
    }
    Dataset<Row> raw = spark.read().option("sep", delimiter).option("header", true).option("inferSchema", false)
        .option("mode", "PERMISSIVE").csv(path.toString());
    List<String> names = Arrays.asList(raw.columns());
    for (String[] required : new String[][] {{idCol, "id"}, {labelCol, "label"}}) {
      if (!names.contains(required[0])) {
        throw new InputException("unknown " + required[1] + " column '" + required[0] + "'; the file has "
            + String.join(", ", names));
      }
    }
    if (idCol.equals(labelCol)) {
      throw new InputException("the id and label columns must differ, both are '" + idCol + "'");
    }
    List<String> candidates = names.stream().filter(n -> !n.equals(idCol) && !n.equals(labelCol)).toList();
    if (candidates.isEmpty()) {
      throw new InputException("the file has no feature column besides " + idCol + " and " + labelCol);
    }
    // one pass: rows, blank labels, and per candidate column its non-blank and non-numeric counts
    List<Column> aggs = new ArrayList<>();
    aggs.add(count(lit(1)));
    aggs.add(count(when(blank(labelCol), lit(1))));
    for (String name : candidates) {
      aggs.add(count(when(blank(name).equalTo(false), lit(1))));
      aggs.add(count(when(blank(name).equalTo(false).and(trim(c(name)).cast("double").isNull()), lit(1))));
    }
    Row stats = raw.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).first();
    if (stats.getLong(0) == 0) {
      throw new InputException("input has no rows: " + path);
    }
    if (stats.getLong(1) > 0) {
      throw new InputException(String.format(Locale.ROOT, "%d rows have no label (column %s)", stats.getLong(1),
          labelCol));
    }
    List<String> numeric = new ArrayList<>();
    List<String> categorical = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      long present = stats.getLong(2 + 2 * i);
      long nonNumeric = stats.getLong(3 + 2 * i);
      if (present == 0) {
        skipped.add(candidates.get(i));
      } else if (nonNumeric == 0) {
        numeric.add(candidates.get(i));
      } else {
        categorical.add(candidates.get(i));
      }
    }
    if (numeric.isEmpty() && categorical.isEmpty()) {
      throw new InputException("every feature column is blank: " + String.join(", ", skipped));
    }
    String[] classes = classes(raw);
    Column label = when(lower(trim(c(labelCol))).equalTo(classes[0].toLowerCase(Locale.ROOT)), 1).otherwise(0);
    return new Prepared(raw.withColumn(LABEL, label), new ChurnFeatures(numeric, categorical), classes[0],
        classes[1], List.copyOf(skipped));
  }

  /** {positive, negative} as written in the file. */
  private String[] classes(Dataset<Row> raw) {
    List<String> values = raw.select(trim(c(labelCol)).as("v")).distinct().orderBy("v").limit(3)
        .collectAsList().stream().map(r -> r.getString(0)).toList();
    if (values.size() > 2) {
      throw new InputException("label column '" + labelCol + "' has more than two values (" + String.join(", ",
          values) + ", ...); a churn label needs exactly two");
    }
    if (values.size() < 2) {
      throw new InputException("label column '" + labelCol + "' has a single class '" + values.get(0)
          + "'; training needs both classes");
    }
    String a = values.get(0);
    String b = values.get(1);
    if (a.equalsIgnoreCase(b)) {
      throw new InputException("label column '" + labelCol + "' has values '" + a + "' and '" + b
          + "' that differ only in case");
    }
    if (positive != null) {
      if (positive.strip().equalsIgnoreCase(a)) {
        return new String[] {a, b};
      }
      if (positive.strip().equalsIgnoreCase(b)) {
        return new String[] {b, a};
      }
      throw new InputException("--positive '" + positive + "' is not a value of label column '" + labelCol
          + "' (values: " + a + ", " + b + ")");
    }
    String la = a.toLowerCase(Locale.ROOT);
    String lb = b.toLowerCase(Locale.ROOT);
    if (lb.equals(KNOWN_PAIRS.get(la))) {
      return new String[] {b, a};
    }
    if (la.equals(KNOWN_PAIRS.get(lb))) {
      return new String[] {a, b};
    }
    throw new InputException("label column '" + labelCol + "' has values '" + a + "' and '" + b
        + "'; name the positive (churned) one with --positive");
  }

  private static Column c(String name) {
    return col("`" + name.replace("`", "``") + "`");
  }

  private static Column blank(String name) {
    return c(name).isNull().or(trim(c(name)).equalTo(""));
  }
}
