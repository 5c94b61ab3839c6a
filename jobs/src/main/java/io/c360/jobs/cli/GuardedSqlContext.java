package io.c360.jobs.cli;

import io.c360.core.sql.SqlAccessDeniedException;
import io.c360.core.sql.SqlGuardExtension;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;

/**
 * The context Spark's Thrift server opens its JDBC sessions from. Each session is a new Spark session with the
 * SQL guard's settings of the serving session (read-only, role, restricted tables, personal columns), and a
 * client cannot change them: the server copies the {@code hiveconf}/{@code hivevar} settings a client sends at
 * connect into the session through {@link #setConf(String, String)}, which refuses the guard's keys, and the
 * guard itself refuses {@code SET} statements.
 */
final class GuardedSqlContext extends SQLContext {

  private static final List<String> GUARD_KEYS = List.of(SqlGuardExtension.READ_ONLY, SqlGuardExtension.ROLE,
      SqlGuardExtension.RESTRICTED, SqlGuardExtension.PERSONAL);

  private final Map<String, String> guard;

  /** @param serving a session the guard makes read-only ({@code Workspace.open(options, true, role)}) */
  GuardedSqlContext(SparkSession serving) {
    this(serving, guardSettings(serving));
  }

  private GuardedSqlContext(SparkSession session, Map<String, String> guard) {
    super(session);
    this.guard = guard;
  }

  private static Map<String, String> guardSettings(SparkSession serving) {
    if (!"true".equals(serving.conf().get(SqlGuardExtension.READ_ONLY, "false"))) {
      throw new IllegalStateException("the served session must be read-only");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (String key : GUARD_KEYS) {
      settings.put(key, serving.conf().get(key, ""));
    }
    return Map.copyOf(settings);
  }

  /** A new JDBC session: its own Spark session (temporary views, current database) under the same guard. */
  @Override
  public SQLContext newSession() {
    SparkSession session = sparkSession().newSession();
    guard.forEach(session.conf()::set);
    return new GuardedSqlContext(session, guard);
  }

  @Override
  public void setConf(String key, String value) {
    if (guard.containsKey(key) && !guard.get(key).equals(value)) {
      throw new SqlAccessDeniedException("read-only SQL: " + key + " is set by c360 serve-sql, not by a client");
    }
    super.setConf(key, value);
  }
}
