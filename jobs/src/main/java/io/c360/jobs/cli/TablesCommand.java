package io.c360.jobs.cli;

import io.c360.core.catalog.TableDef;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tables", description = "Lists the lake's tables with their layer, row count and comment.")
final class TablesCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Option(names = "--format", defaultValue = "table", description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
  ResultPrinter.Format format;

  @Override
  public Integer call() {
    // Not read-only: the command runs only its own counts, and counting the vault reveals no personal data.
    try (Workspace ws = Workspace.open(common, false)) {
      List<Row> rows = new ArrayList<>();
      for (TableDef table : ws.lake.existingTables()) {
        long count = ws.lake.read(table).count();
        rows.add(RowFactory.create(ws.lake.name(table), table.layer().label(), count, table.comment()));
      }
      StructType schema = new StructType()
          .add("table", DataTypes.StringType)
          .add("layer", DataTypes.StringType)
          .add("rows", DataTypes.LongType)
          .add("comment", DataTypes.StringType);
      if (rows.isEmpty()) {
        System.err.println("c360: the lake at " + ws.lake.root() + " has no tables yet; run `c360 pipeline`");
      }
      new ResultPrinter(System.out).print(ws.spark.createDataFrame(rows, schema), format, 0);
      return ExitCodes.OK;
    }
  }
}
