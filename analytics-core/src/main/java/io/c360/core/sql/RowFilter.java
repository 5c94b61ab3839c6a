package io.c360.core.sql;

import static org.apache.spark.sql.functions.expr;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.JavaConverters;

/**
 * A user's filter over the rows of one Dataset ({@code c360 export-segment --where}): one SQL boolean expression
 * over those rows' own columns. It is parsed with Spark's parser and refused when it holds a subquery (which could
 * read any table), an unknown or qualified column, a qualified function or a function that reaches outside the row
 * (JVM methods, files), or when it is not boolean.
 */
public final class RowFilter {

  /** Functions a filter may not call: they reach outside the row (JVM methods, files). */
  private static final Set<String> DENIED_FUNCTIONS = Set.of("reflect", "java_method", "try_reflect",
      "input_file_name", "input_file_block_start", "input_file_block_length");

  private RowFilter() {
  }

  /**
   * @return the filter as a column of {@code rows}
   * @throws SqlAccessDeniedException saying what is refused (the message reads after the option's name)
   */
  public static Column of(String sql, Dataset<Row> rows) {
    Expression parsed;
    try {
      parsed = rows.sparkSession().sessionState().sqlParser().parseExpression(sql);
    } catch (ParseException e) {
      throw new SqlAccessDeniedException("is not one SQL expression: " + firstLine(e.getMessage()));
    }
    Set<String> known = new LinkedHashSet<>();
    Arrays.stream(rows.columns()).forEach(c -> known.add(c.toLowerCase(Locale.ROOT)));
    check(parsed, known);
    Column condition = expr(sql);
    if (!rows.select(condition).schema().fields()[0].dataType().equals(DataTypes.BooleanType)) {
      throw new SqlAccessDeniedException("must be a boolean expression (true or false per row)");
    }
    return condition;
  }

  private static void check(Expression e, Set<String> known) {
    if (e instanceof SubqueryExpression) {
      throw new SqlAccessDeniedException("may not contain a subquery: only the rows' own columns can be used");
    }
    if (e instanceof UnresolvedAttribute a) {
      List<String> parts = JavaConverters.seqAsJavaList(a.nameParts());
      String name = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
      if (parts.size() > 1 || !known.contains(name)) {
        throw new SqlAccessDeniedException("unknown column '" + a.name() + "'; columns: " + String.join(", ", known));
      }
    }
    if (e instanceof UnresolvedFunction f) {
      List<String> parts = JavaConverters.seqAsJavaList(f.nameParts());
      if (parts.size() > 1 || DENIED_FUNCTIONS.contains(parts.get(0).toLowerCase(Locale.ROOT))) {
        throw new SqlAccessDeniedException("may not call " + String.join(".", parts));
      }
    }
    for (Expression child : JavaConverters.seqAsJavaList(e.children())) {
      check(child, known);
    }
  }

  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
