package io.c360.core.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.ExprId;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.hadoop.fs.Path;
import scala.collection.JavaConverters;

/**
 * What a role may read. Restricted tables (the personal-data vault) are named by catalog name and by location,
 * so reading them by path ({@code delta.`/lake/customer_pii`}) is refused too. Personal columns of other tables
 * (raw phones, emails, names in bronze) may not be selected, filtered, joined or grouped on, while everything
 * else of those tables stays readable ({@code count(*)}, other columns). Subqueries are checked.
 */
public final class AccessPolicy {

  public static final String ADMIN = "admin";

  private AccessPolicy() {
  }

  /**
   * @param restrictedNames     lower-case table names, e.g. {@code customer_pii} (any database)
   * @param restrictedLocations folder names of restricted tables, e.g. {@code customer_pii}
   */
  public static Optional<String> violation(LogicalPlan plan, String role, List<String> restrictedNames,
                                           List<String> restrictedLocations) {
    return violation(plan, role, restrictedNames, restrictedLocations, List.of());
  }

  /**
   * @param personalColumns lower-case {@code table.column} names of personal columns, e.g. {@code
   *                        bronze_orders.phone}
   */
  public static Optional<String> violation(LogicalPlan plan, String role, List<String> restrictedNames,
                                           List<String> restrictedLocations, List<String> personalColumns) {
    if (ADMIN.equals(role)) {
      return Optional.empty();
    }
    Map<ExprId, String> personal = new HashMap<>();
    for (LogicalPlan node : nodes(plan)) {
      Optional<String> table = restrictedTable(node, restrictedNames, restrictedLocations);
      if (table.isPresent()) {
        return Optional.of("access denied: " + table.get() + " holds personal data and needs --role admin");
      }
      personal.putAll(personalAttributes(node, personalColumns));
    }
    if (personal.isEmpty()) {
      return Optional.empty();
    }
    List<Attribute> used = new ArrayList<>(JavaConverters.seqAsJavaList(plan.output()));
    for (LogicalPlan node : nodes(plan)) {
      used.addAll(JavaConverters.asJavaCollection(node.references().toSeq()));
    }
    for (Attribute attribute : used) {
      String column = personal.get(attribute.exprId());
      if (column != null) {
        return Optional.of("access denied: column " + column + " holds personal data and needs --role admin "
            + "(select other columns, or use the masked tables)");
      }
    }
    return Optional.empty();
  }

  /** The plan and every plan below it, subqueries included. */
  private static List<LogicalPlan> nodes(LogicalPlan plan) {
    List<LogicalPlan> all = new ArrayList<>();
    Deque<LogicalPlan> todo = new ArrayDeque<>();
    todo.push(plan);
    while (!todo.isEmpty()) {
      LogicalPlan node = todo.pop();
      all.add(node);
      JavaConverters.seqAsJavaList(node.children()).forEach(todo::push);
      JavaConverters.seqAsJavaList(node.subqueries()).forEach(todo::push);
    }
    return all;
  }

  private static Map<ExprId, String> personalAttributes(LogicalPlan node, List<String> personalColumns) {
    Map<ExprId, String> found = new HashMap<>();
    if (personalColumns.isEmpty() || !(node instanceof LogicalRelation relation)) {
      return found;
    }
    List<String> tableNames = new ArrayList<>();
    if (relation.catalogTable().isDefined()) {
      tableNames.add(relation.catalogTable().get().identifier().table().toLowerCase(Locale.ROOT));
    }
    if (relation.relation() instanceof HadoopFsRelation fs) {
      JavaConverters.seqAsJavaList(fs.location().rootPaths())
          .forEach(p -> tableNames.add(p.getName().toLowerCase(Locale.ROOT)));
    }
    for (Attribute attribute : JavaConverters.seqAsJavaList(relation.output())) {
      for (String table : tableNames) {
        String column = table + "." + attribute.name().toLowerCase(Locale.ROOT);
        if (personalColumns.contains(column)) {
          found.put(attribute.exprId(), column);
        }
      }
    }
    return found;
  }

  private static Optional<String> restrictedTable(LogicalPlan node, List<String> names, List<String> locations) {
    if (node instanceof SubqueryAlias alias) {
      String name = alias.identifier().name().toLowerCase(Locale.ROOT);
      if (names.contains(name)) {
        return Optional.of(alias.identifier().toString());
      }
    }
    if (node instanceof LogicalRelation relation) {
      if (relation.catalogTable().isDefined()) {
        CatalogTable table = relation.catalogTable().get();
        if (names.contains(table.identifier().table().toLowerCase(Locale.ROOT))) {
          return Optional.of(table.identifier().unquotedString());
        }
      }
      if (relation.relation() instanceof HadoopFsRelation fs) {
        for (Path root : JavaConverters.seqAsJavaList(fs.location().rootPaths())) {
          if (locations.contains(root.getName().toLowerCase(Locale.ROOT))) {
            return Optional.of(root.toString());
          }
        }
      }
    }
    return Optional.empty();
  }
}
