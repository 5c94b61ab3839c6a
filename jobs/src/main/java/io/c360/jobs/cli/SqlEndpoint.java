package io.c360.jobs.cli;

import io.c360.jobs.InputException;
import java.net.BindException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hive.service.Service;
import org.apache.hive.service.ServiceException;
import org.apache.hive.service.cli.thrift.ThriftCLIService;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * Spark's Thrift server (the HiveServer2 protocol that beeline, DBeaver, Superset and the Hive JDBC driver speak)
 * over a read-only session: every JDBC session is a {@link GuardedSqlContext} session. No Hive metastore: the
 * tables are the ones registered in the serving session's catalog. Binary transport, no authentication.
 */
final class SqlEndpoint implements AutoCloseable {

  private static final String PORT = "hive.server2.thrift.port";
  private static final String BIND_HOST = "hive.server2.thrift.bind.host";
  /**
   * Settings of HiveServer2's own parts, which c360 does not use: Spark runs the statements and the SQL guard
   * decides what may run. HiveServer2 also keeps a throwaway metastore (in-memory Derby through DataNucleus, whose
   * plugins do not survive the shaded jar); nothing c360 serves comes from it, so it is asked as little as possible.
   */
  private static final Map<String, String> SERVER_SETTINGS = Map.of(
      // no per-operation log files under java.io.tmpdir
      "hive.server2.logging.operation.enabled", "false",
      // a closing session looks for Hive's pipeout files (none with Spark) there; the default may not exist
      "hive.exec.local.scratchdir", System.getProperty("java.io.tmpdir"),
      // metadata calls (tables, columns) set up Hive's authorizer: one that needs no metastore, marked as set up
      // (Hive's SessionState would otherwise open a metastore client to apply its settings)
      "hive.security.authorization.manager",
      "org.apache.hadoop.hive.ql.security.authorization.plugin.fallback.FallbackHiveAuthorizerFactory",
      "hive.internal.ss.authz.settings.applied.marker", "true",
      // a closing session asks the metastore once, without ten retries two seconds apart
      "hive.hmshandler.retry.attempts", "0");
  /**
   * Loggers that report normal events as warnings or errors with stack traces: client disconnects, a client's
   * refused or failed statement or session (the client gets the message), the group lookup of the unauthenticated
   * user 'anonymous', the throwaway metastore, a start failure this class reports.
   */
  private static final List<String> NOISY_LOGGERS = List.of("org.apache.thrift.server.TThreadPoolServer",
      "org.apache.spark.sql.hive.thriftserver.SparkExecuteStatementOperation",
      "org.apache.hive.service.cli.thrift.ThriftCLIService", "org.apache.hadoop.security.ShellBasedUnixGroupsMapping",
      "org.apache.hadoop.hive.metastore", "org.apache.hadoop.hive.ql.session.SessionState", "DataNucleus",
      "org.apache.hadoop.hive.conf.HiveConf",
      "org.apache.hive.service.CompositeService");
  /** The server keeps its own throwaway metastore in an in-memory Derby, which would log to ./derby.log. */
  private static final String DERBY_LOG = "derby.stream.error.field";

  private final HiveThriftServer2 server;
  private final String host;
  private final int port;

  private SqlEndpoint(HiveThriftServer2 server, String host, int port) {
    this.server = server;
    this.host = host;
    this.port = port;
  }

  /**
   * Starts listening on {@code host:port} (port 0: any free port).
   *
   * @param serving a read-only session with the lake's tables registered
   * @param verbose keep the server's own warnings and errors about normal events in the log
   */
  static SqlEndpoint start(SparkSession serving, String host, int port, boolean verbose) {
    if (!verbose) {
      NOISY_LOGGERS.forEach(name -> Configurator.setLevel(name, Level.OFF));
    }
    GuardedSqlContext context = new GuardedSqlContext(serving);
    if (System.getProperty(DERBY_LOG) == null && System.getProperty("derby.stream.error.file") == null) {
      System.setProperty(DERBY_LOG, "org.apache.commons.io.output.NullOutputStream.INSTANCE");
    }
    // The server reads its settings from the session's Hadoop configuration, which includes the session conf:
    // this works on a session that already exists (an embedding process, tests) as on a new one.
    Map<String, String> settings = new HashMap<>(SERVER_SETTINGS);
    settings.put(PORT, String.valueOf(port));
    settings.put(BIND_HOST, host);
    settings.forEach(serving.conf()::set);
    try {
      HiveThriftServer2 server = HiveThriftServer2.startWithContext(context);
      return new SqlEndpoint(server, host, thriftService(server).getPortNumber());
    } catch (ServiceException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          throw new InputException("serve-sql: cannot listen on " + host + ":" + port + " (" + t.getMessage()
              + "); choose another --port");
        }
      }
      throw e;
    } finally {
      settings.keySet().forEach(serving.conf()::unset);
    }
  }

  private static ThriftCLIService thriftService(HiveThriftServer2 server) {
    for (Service service : server.getServices()) {
      if (service instanceof ThriftCLIService thrift) {
        return thrift;
      }
    }
    throw new IllegalStateException("the Thrift server has no Thrift CLI service");
  }

  /** The JDBC URL of a database, e.g. {@code jdbc:hive2://127.0.0.1:10000/c360}. */
  String jdbcUrl(String database) {
    String address = host.contains(":") ? "[" + host + "]" : host;
    return "jdbc:hive2://" + address + ":" + port + "/" + database;
  }

  /** Stops listening and closes the open JDBC sessions; the serving session stays. */
  @Override
  public void close() {
    server.stop();
  }
}
