package io.c360.core.sql;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import scala.collection.JavaConverters;

/**
 * Decides whether an analysed plan only reads. Queries pass; so do the commands that only describe
 * (SHOW ..., DESCRIBE ..., EXPLAIN ...) and USE, which only changes the session's current database (JDBC clients
 * send it when they connect). Every other command (DDL, DML, MERGE, SET, CACHE, VACUUM, ...) is refused with a
 * message naming it, and so is a query calling Java methods ({@code reflect}, {@code java_method}), which could
 * do anything the server process may (stop it, read its files).
 */
public final class ReadOnlyPolicy {

  private static final List<String> READ_ONLY_COMMAND_PREFIXES = List.of("Show", "Describe", "Explain",
      "SetCatalogAndNamespace");

  private ReadOnlyPolicy() {
  }

  /** Why the plan may not run in a read-only session, or empty when it only reads. */
  public static Optional<String> violation(LogicalPlan plan) {
    Deque<LogicalPlan> todo = new ArrayDeque<>();
    todo.push(plan);
    while (!todo.isEmpty()) {
      LogicalPlan node = todo.pop();
      if (node instanceof Command || node instanceof ParsedStatement) {
        String name = node.getClass().getSimpleName();
        if (READ_ONLY_COMMAND_PREFIXES.stream().noneMatch(name::startsWith)) {
          return Optional.of("read-only SQL: only queries (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, USE) are allowed, "
              + "got " + name.replaceAll("(Command|Statement|Exec)$", ""));
        }
        continue;
      }
      for (Expression e : JavaConverters.seqAsJavaList(node.expressions())) {
        if (callsJava(e)) {
          return Optional.of("read-only SQL: reflect and java_method are not allowed");
        }
      }
      JavaConverters.seqAsJavaList(node.children()).forEach(todo::push);
    }
    return Optional.empty();
  }

  private static boolean callsJava(Expression e) {
    return e instanceof CallMethodViaReflection
        || JavaConverters.seqAsJavaList(e.children()).stream().anyMatch(ReadOnlyPolicy::callsJava);
  }
}
