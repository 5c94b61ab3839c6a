package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Layer;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.sql.AccessPolicy;
import io.c360.jobs.TableChecksum;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "checksum", description = {
    "Prints each table's row count and an order-independent content checksum, to compare two lakes "
        + "(e.g. a cluster run against a local one, or a run before and after a failure).",
    "Doubles are compared to --digits significant digits. The columns that only say when or in which run a row "
        + "was written (_ingested_at, run_id, checked_at, started_at, ended_at, trained_at) are always left out."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:a table could not be read",
        "2:usage error (unknown table or column, a personal column without --role admin)"})
final class ChecksumCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  CommonOptions common;

  @Option(names = "--layer", defaultValue = "gold", paramLabel = "LAYER",
      description = "bronze, silver, gold, ops or all. Default: ${DEFAULT-VALUE}.")
  String layer;

  @Option(names = "--table", paramLabel = "NAME", split = ",",
      description = "Only these tables (names without the database); overrides --layer.")
  List<String> tables = new ArrayList<>();

  @Option(names = "--exclude", paramLabel = "COLUMN", split = ",",
      description = "More columns to leave out: COLUMN (every table) or TABLE.COLUMN.")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--digits", defaultValue = "10", paramLabel = "N",
      description = "Significant digits of doubles that must agree, 1..17. Default: ${DEFAULT-VALUE}.")
  int digits;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "Only the rows of this as-of date in the tables that have an as_of column.")
  LocalDate asOf;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Option(names = "--role", defaultValue = "analyst", paramLabel = "ROLE",
      description = "analyst (default) or admin; bronze personal columns and c360.customer_pii need admin.")
  String role;

  @Override
  public Integer call() {
    if (digits < 1 || digits > 17) {
      throw usage("--digits must be between 1 and 17, got " + digits);
    }
    if (!role.equals("analyst") && !role.equals(AccessPolicy.ADMIN)) {
      throw usage("--role must be analyst or admin, got '" + role + "'");
    }
    List<TableDef> selected = selected();
    try (Workspace ws = Workspace.open(common, true, role)) {
      List<TableChecksum.Input> inputs = new ArrayList<>();
      for (TableDef table : selected) {
        if (ws.lake.exists(table)) {
          inputs.add(new TableChecksum.Input(table.name(), rowsOf(ws, table), excluded(table)));
        }
      }
      List<Row> rows = new ArrayList<>();
      for (TableChecksum.Result result : TableChecksum.of(inputs, digits)) {
        rows.add(RowFactory.create(result.table(), result.rows(), result.checksum()));
      }
      if (rows.isEmpty()) {
        System.err.println("c360: the lake at " + ws.lake.root() + " has none of the selected tables");
      }
      StructType schema = new StructType()
          .add("table", DataTypes.StringType)
          .add("rows", DataTypes.LongType)
          .add("checksum", DataTypes.StringType);
      new ResultPrinter(System.out).print(ws.spark.createDataFrame(rows, schema), format, 0);
      return ExitCodes.OK;
    }
  }

  private List<TableDef> selected() {
    if (!tables.isEmpty()) {
      List<TableDef> named = new ArrayList<>();
      for (String name : tables) {
        named.add(Tables.byName(name).orElseThrow(() -> usage("unknown table '" + name + "'; see `c360 tables`")));
      }
      return named;
    }
    if (layer.equals("all")) {
      return Tables.all();
    }
    Layer wanted;
    try {
      wanted = Layer.valueOf(layer.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage("--layer must be bronze, silver, gold, ops or all, got '" + layer + "'");
    }
    return Tables.all().stream().filter(t -> t.layer() == wanted).toList();
  }

  private Dataset<Row> rowsOf(Workspace ws, TableDef table) {
    Dataset<Row> rows = ws.lake.read(table);
    return asOf != null && table.columnNames().contains(Columns.AS_OF)
        ? rows.where(col(Columns.AS_OF).equalTo(Date.valueOf(asOf))) : rows;
  }

  private Set<String> excluded(TableDef table) {
    Set<String> columns = new HashSet<>(TableChecksum.VOLATILE_COLUMNS);
    for (String e : exclude) {
      int dot = e.indexOf('.');
      String column = dot < 0 ? e : e.substring(dot + 1);
      if (dot < 0 || e.substring(0, dot).equals(table.name())) {
        if (dot >= 0 && !table.columnNames().contains(column)) {
          throw usage("--exclude " + e + ": table " + table.name() + " has no column " + column);
        }
        columns.add(column);
      }
    }
    return columns;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
