package io.c360.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Tables;
import io.c360.core.sql.AccessPolicy;
import io.c360.core.sql.SqlAccessDeniedException;
import io.c360.jobs.privacy.Forget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "forget", description = {
    "Erases a customer from every table of the lake (the right to erasure): the bronze and quarantined records "
        + "carrying their identifiers, identity_map, identity_history, the vault customer_pii and every table keyed "
        + "by customer_id. Keyed hashes of the identifiers go to c360.forgotten, so ingest and identity drop the "
        + "same records when they come again. Prints the rows deleted per table.",
    "Deleted rows stay in older file versions (time travel, change data feed) until VACUUM: --vacuum purges them "
        + "now, otherwise the statements to run are printed.",
    "Needs --role admin, granted in c360.security.admins or env C360_ADMINS."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok, the customer is erased",
        "1:the erasure failed part-way (run it again: it resumes)",
        "2:usage error: not admin, unknown or already forgotten customer id"})
final class ForgetCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "Unified customer id (identity_map).")
  String customerId;

  @Option(names = "--role", defaultValue = "analyst", paramLabel = "ROLE",
      description = "Must be admin (granted in c360.security.admins or env C360_ADMINS).")
  String role;

  @Option(names = "--vacuum", description = "Also VACUUM the searched tables with RETAIN 0 HOURS: purges the old "
      + "file versions now, and with them time travel and the change data feed before this point.")
  boolean vacuum;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    if (!role.equals("analyst") && !role.equals(AccessPolicy.ADMIN)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--role must be analyst or admin, got '" + role + "'");
    }
    if (!role.equals(AccessPolicy.ADMIN)) {
      throw new SqlAccessDeniedException("forget erases personal data and needs --role admin (granted in "
          + "c360.security.admins or env C360_ADMINS)");
    }
    try (Workspace ws = Workspace.open(common, false, role)) {
      Forget forget = new Forget(ws.lake, ws.config.identity());
      Forget.Result result = forget.run(customerId, vacuum);
      List<String> statements = vacuum ? List.of() : forget.vacuumStatements(result.purge());
      System.out.print(json ? toJson(ws, result, statements) : text(ws, result, statements));
    }
    return ExitCodes.OK;
  }

  private static String text(Workspace ws, Forget.Result result, List<String> statements) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "forgot customer %s (customer ids: %s); %d identifiers recorded as keyed "
            + "hashes in %s%n", result.customerIds().get(0), String.join(", ", result.customerIds()),
        result.identifiers().values().stream().mapToInt(Integer::intValue).sum(), ws.lake.name(Tables.FORGOTTEN)));
    int width = result.deleted().stream().mapToInt(d -> ws.lake.name(d.table()).length()).max().orElse(5);
    b.append(String.format(Locale.ROOT, "  %-" + width + "s %12s%n", "table", "rows deleted"));
    for (Forget.Deleted d : result.deleted()) {
      b.append(String.format(Locale.ROOT, "  %-" + width + "s %,12d%n", ws.lake.name(d.table()), d.rows()));
    }
    b.append(String.format(Locale.ROOT, "  %-" + width + "s %,12d%n", "total", result.rows()));
    if (result.vacuumed()) {
      b.append("vacuumed the searched tables (RETAIN 0 HOURS): no older version holds the customer any more\n");
    } else {
      b.append("older file versions still hold the deleted rows (time travel, change data feed); purge them from "
          + "a Spark SQL shell with Delta (spark-sql) while no job runs:\n");
      statements.forEach(s -> b.append("  ").append(s).append('\n'));
    }
    return b.toString();
  }

  private static String toJson(Workspace ws, Forget.Result result, List<String> statements) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(Columns.CUSTOMER_ID, result.customerIds().get(0));
    out.put("customer_ids", result.customerIds());
    Map<String, Integer> identifiers = new LinkedHashMap<>();
    result.identifiers().forEach((type, n) -> identifiers.put(type.label(), n));
    out.put("identifiers", identifiers);
    Map<String, Long> deleted = new LinkedHashMap<>();
    result.deleted().forEach(d -> deleted.put(ws.lake.name(d.table()), d.rows()));
    out.put("deleted", deleted);
    out.put("vacuumed", result.vacuumed());
    out.put("vacuum_statements", statements);
    try {
      return new ObjectMapper().writeValueAsString(out) + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the result as JSON", e);
    }
  }
}
