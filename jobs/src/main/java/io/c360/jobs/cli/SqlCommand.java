package io.c360.jobs.cli;

import io.c360.core.sql.AccessPolicy;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", description = {
    "Runs one read-only SQL query on the lake and prints the result on stdout.",
    "Only queries run (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN); anything that would change the lake "
        + "(DROP, INSERT, DELETE, UPDATE, MERGE, CREATE, ALTER, SET, ...) is refused with exit code 2.",
    "Tables are named c360.<table>; see `c360 tables`."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:the query failed while running",
        "2:usage error, invalid SQL or a refused statement"})
final class SqlCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL query.")
  String query;

  @Option(names = "--format", defaultValue = "table",
      description = "table (aligned, for people), csv (header + RFC 4180 rows), json (one object per line). "
          + "Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Option(names = "--max-rows", paramLabel = "N",
      description = "Print at most N rows (0 = all). Default: 1000 for table, all for csv and json.")
  Long maxRows;

  @Option(names = "--role", defaultValue = "analyst", paramLabel = "ROLE",
      description = "analyst (default) or admin; only admin reads c360.customer_pii, and only users listed in "
          + "c360.security.admins or env C360_ADMINS may take it.")
  String role;

  @Override
  public Integer call() {
    if (!role.equals("analyst") && !role.equals(AccessPolicy.ADMIN)) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--role must be analyst or admin, got '" + role + "'");
    }
    try (Workspace ws = Workspace.open(common, true, role)) {
      Dataset<Row> result = ws.spark.sql(query);
      long limit = maxRows != null ? maxRows : format == ResultPrinter.Format.table ? 1000 : 0;
      new ResultPrinter(System.out).print(result, format, limit);
      return ExitCodes.OK;
    }
  }
}
