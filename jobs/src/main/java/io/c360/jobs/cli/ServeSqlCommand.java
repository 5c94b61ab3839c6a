package io.c360.jobs.cli;

import io.c360.core.sql.AccessPolicy;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "serve-sql", mixinStandardHelpOptions = true, description = {
    "Serves the lake's tables over JDBC (the HiveServer2 protocol of Spark's Thrift server) for beeline, DBeaver, "
        + "Superset or any Hive JDBC client, until Ctrl-C or SIGTERM.",
    "Every JDBC session is read-only like `c360 sql`: only queries run; DROP, INSERT, CREATE, SET, ... are "
        + "refused. Tables are c360.<table>. Personal data (c360.customer_pii, raw bronze columns) needs a server "
        + "started with --role admin, which serves it to every client that can reach the port.",
    "Prints one line with the JDBC URL on stdout when ready."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:stopped by Ctrl-C, SIGTERM or a stop",
        "1:the server failed", "2:usage error: bad option, role not granted, port in use"})
final class ServeSqlCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  @Option(names = "--port", defaultValue = "10000", paramLabel = "PORT",
      description = "TCP port (0: any free port, printed in the URL). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only); 0.0.0.0 listens on "
          + "every interface. There is no authentication: anyone who reaches the port can query.")
  String bind;

  @Option(names = "--role", defaultValue = "analyst", paramLabel = "ROLE",
      description = "analyst (default) or admin: the role of every JDBC session. Only admin reads personal data; "
          + "only users listed in c360.security.admins or env C360_ADMINS may take it, on a loopback --bind only.")
  String role;

  private final CompletableFuture<String> ready = new CompletableFuture<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean stopping = new AtomicBoolean();
  private Workspace workspace;
  private SqlEndpoint endpoint;
  private Thread shutdownHook;

  @Override
  public Integer call() throws InterruptedException {
    validate();
    try {
      workspace = Workspace.open(common, true, role);
      endpoint = SqlEndpoint.start(workspace.spark, bind, port, common.verbose);
      shutdownHook = new Thread(this::shutDown, "c360-serve-sql-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } catch (RuntimeException e) {
      shutDown();
      ready.completeExceptionally(e);
      throw e;
    }
    String url = endpoint.jdbcUrl(workspace.lake.database());
    PrintWriter out = spec.commandLine().getOut();
    out.println("serving " + workspace.lake.root() + " at " + url + " (role " + role + ", read-only); "
        + "Ctrl-C stops");
    out.flush();
    ready.complete(url);
    stopped.await();
    return ExitCodes.OK;
  }

  private void validate() {
    if (!role.equals("analyst") && !role.equals(AccessPolicy.ADMIN)) {
      throw new ParameterException(spec.commandLine(), "--role must be analyst or admin, got '" + role + "'");
    }
    if (port < 0 || port > 65535) {
      throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port);
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (UnknownHostException e) {
      throw new ParameterException(spec.commandLine(), "--bind: unknown host '" + bind + "'");
    }
    if (role.equals(AccessPolicy.ADMIN) && !address.isLoopbackAddress()) {
      throw new ParameterException(spec.commandLine(), "--role admin serves personal data to every client and "
          + "listens on a loopback address only, got --bind " + bind);
    }
  }

  /** The URL once the server listens; completes exceptionally when it could not start. */
  CompletableFuture<String> ready() {
    return ready;
  }

  /** Stops the server and returns from {@link #call()} (what Ctrl-C and SIGTERM do through the shutdown hook). */
  void stop() {
    if (shutdownHook != null) {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }
    shutDown();
  }

  /** Stops the Thrift server, then the session (unless an embedding process owns it); runs once. */
  private void shutDown() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    try {
      if (endpoint != null) {
        endpoint.close();
      }
    } finally {
      if (workspace != null) {
        workspace.close();
      }
      stopped.countDown();
    }
  }
}
