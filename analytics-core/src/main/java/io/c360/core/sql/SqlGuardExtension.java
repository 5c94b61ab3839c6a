package io.c360.core.sql;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.Function1;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Session extension that enforces c360's SQL access rules in the analyser, so that a refused statement never
 * executes: only reading statements ({@link ReadOnlyPolicy}) and no restricted table without the admin role
 * ({@link AccessPolicy}). Active only in sessions whose {@value #READ_ONLY} conf is true (the {@code sql} command
 * and the JDBC endpoint); jobs run without it. Register with
 * {@code spark.sql.extensions=io.c360.core.sql.SqlGuardExtension}.
 */
public final class SqlGuardExtension extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  /** Session conf: when "true", only reading statements may run. */
  public static final String READ_ONLY = "spark.c360.sql.readOnly";
  /** Session conf: the caller's role; anything but {@code admin} cannot read restricted tables. */
  public static final String ROLE = "spark.c360.sql.role";
  /** Session conf: comma-separated names (and folder names) of restricted tables. */
  public static final String RESTRICTED = "spark.c360.sql.restrictedTables";
  /** Session conf: comma-separated {@code table.column} names of personal columns. */
  public static final String PERSONAL = "spark.c360.sql.personalColumns";

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectCheckRule(new AbstractFunction1<SparkSession, Function1<LogicalPlan, BoxedUnit>>() {
      @Override
      public Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
        return new AbstractFunction1<LogicalPlan, BoxedUnit>() {
          @Override
          public BoxedUnit apply(LogicalPlan plan) {
            check(session, plan);
            return BoxedUnit.UNIT;
          }
        };
      }
    });
    return BoxedUnit.UNIT;
  }

  private static void check(SparkSession session, LogicalPlan plan) {
    if (!"true".equals(session.conf().get(READ_ONLY, "false"))) {
      return;
    }
    ReadOnlyPolicy.violation(plan).ifPresent(message -> {
      throw new SqlAccessDeniedException(message);
    });
    List<String> restricted = list(session, RESTRICTED);
    AccessPolicy.violation(plan, session.conf().get(ROLE, "analyst"), restricted, restricted, list(session, PERSONAL))
        .ifPresent(message -> {
          throw new SqlAccessDeniedException(message);
        });
  }

  private static List<String> list(SparkSession session, String key) {
    return Arrays.stream(session.conf().get(key, "").split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toList();
  }
}
