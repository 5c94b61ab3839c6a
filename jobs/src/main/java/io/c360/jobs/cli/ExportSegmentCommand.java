package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.to_json;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Tables;
import io.c360.core.segment.Segmentations;
import io.c360.core.sql.AccessPolicy;
import io.c360.core.sql.RowFilter;
import io.c360.core.sql.SqlAccessDeniedException;
import io.c360.core.sql.SqlGuardExtension;
import io.c360.jobs.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export-segment", description = {
    "Writes the customers of a segment (or of a filter) with their customer_360 and customer_segments columns "
        + "to CSV, Parquet or JSON lines and prints the row count.",
    "Personal data stays masked (name initial, phone hash and last four digits, email domain) unless an admin "
        + "asks for it with --include-pii --role admin (raw names, phones, emails from c360.customer_pii)."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:the export failed while writing",
        "2:usage or input error: unknown segment or column, refused --where, existing output, role"})
final class ExportSegmentCommand implements Callable<Integer> {

  private static final List<String> PII_COLUMNS = List.of("names", "phones", "emails");

  @Mixin
  CommonOptions common;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Selection selection;

  static final class Selection {
    @Option(names = "--segment", paramLabel = "NAME",
        description = "A segment: SEGMENTATION:NAME (e.g. five_tier:high_value, rfm:champions) or a bare name "
            + "that only one segmentation uses.")
    String segment;

    @Option(names = "--where", paramLabel = "SQL",
        description = "A boolean SQL expression over the export's columns, e.g. \"recency_days > 90 AND "
            + "city = 'Shanghai'\". No subqueries, no statements, no other tables.")
    String where;
  }

  @Option(names = "--format", defaultValue = "csv", description = "csv, parquet or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  enum Format { csv, parquet, json }

  @Option(names = "--out", required = true, paramLabel = "PATH",
      description = "Output folder (Spark part files), or the file itself with --single-file.")
  Path out;

  @Option(names = "--columns", split = ",", paramLabel = "COLUMN",
      description = "Columns to write, comma-separated (default: all).")
  List<String> columns;

  @Option(names = "--single-file", description = "Write one file at PATH instead of a folder of part files.")
  boolean singleFile;

  @Option(names = "--overwrite", description = "Replace an existing output.")
  boolean overwrite;

  @Option(names = "--include-pii", description = "Add raw names, phones and emails (needs --role admin).")
  boolean includePii;

  @Option(names = "--role", defaultValue = "analyst", paramLabel = "ROLE",
      description = "analyst (default) or admin; admin must be granted in c360.security.admins or env C360_ADMINS.")
  String role;

  @Option(names = "--as-of", paramLabel = "DATE", description = "As-of date (default: the latest segmented one).")
  LocalDate asOf;

  @Override
  public Integer call() {
    if (!role.equals("analyst") && !role.equals(AccessPolicy.ADMIN)) {
      throw new InputException("--role must be analyst or admin, got '" + role + "'");
    }
    if (includePii && !role.equals(AccessPolicy.ADMIN)) {
      throw new InputException("--include-pii needs --role admin");
    }
    Path target = out.toAbsolutePath().normalize();
    if (Files.exists(target) && !overwrite) {
      throw new InputException(target + " exists; add --overwrite to replace it");
    }
    try (Workspace ws = Workspace.open(common, true, role)) {
      Dataset<Row> rows = select(ws);
      long count = rows.count();
      ws.spark.conf().set(SqlGuardExtension.READ_ONLY, "false");
      write(rows, target);
      System.out.println(String.format(Locale.ROOT, "%d rows written to %s", count, target));
      return ExitCodes.OK;
    }
  }

  private Dataset<Row> select(Workspace ws) {
    if (!ws.lake.exists(Tables.CUSTOMER_SEGMENTS)) {
      throw new InputException("the lake has no customer_segments yet; run `c360 run segments --as-of DATE`");
    }
    Date date = asOf != null ? Date.valueOf(asOf)
        : ws.lake.read(Tables.CUSTOMER_SEGMENTS).agg(max(Columns.AS_OF)).first().getDate(0);
    if (date == null || ws.lake.read(Tables.CUSTOMER_SEGMENTS).where(col(Columns.AS_OF).equalTo(date)).limit(1)
        .isEmpty()) {
      throw new InputException("customer_segments has no rows for as-of " + (date == null ? asOf : date));
    }
    Dataset<Row> profiles = ws.lake.read(Tables.CUSTOMER_360).where(col(Columns.AS_OF).equalTo(date));
    Dataset<Row> segments = ws.lake.read(Tables.CUSTOMER_SEGMENTS).where(col(Columns.AS_OF).equalTo(date));
    List<String> shared = new ArrayList<>(Arrays.asList(segments.columns()));
    shared.retainAll(Arrays.asList(profiles.columns()));
    shared.removeAll(List.of(Columns.AS_OF, Columns.CUSTOMER_ID));
    Dataset<Row> all = profiles.join(segments.drop(shared.toArray(String[]::new)), new String[] {Columns.AS_OF,
        Columns.CUSTOMER_ID});
    if (includePii) {
      all = all.join(ws.lake.read(Tables.CUSTOMER_PII).where(col(Columns.AS_OF).equalTo(date))
          .select(col(Columns.CUSTOMER_ID), col("names"), col("phones"), col("emails")),
          new String[] {Columns.CUSTOMER_ID}, "left");
    }
    Dataset<Row> filtered = selection.segment != null ? all.where(segmentFilter(ws))
        : all.where(whereFilter(all));
    if (columns == null || columns.isEmpty()) {
      return filtered;
    }
    List<String> available = Arrays.asList(filtered.columns());
    for (String c : columns) {
      if (!available.contains(c.strip())) {
        throw new InputException("unknown column '" + c.strip() + "'; columns: " + String.join(", ", available));
      }
    }
    return filtered.select(columns.stream().map(c -> col(c.strip())).toArray(Column[]::new));
  }

  private Column segmentFilter(Workspace ws) {
    Segmentations all = Segmentations.of(ws.config.segments());
    String name = selection.segment.strip();
    List<Column> matches = new ArrayList<>();
    for (Segmentations.Segmentation s : all.all()) {
      for (String segment : s.segments()) {
        if (name.equals(s.name() + ":" + segment) || name.equals(segment)) {
          matches.add(col(s.column()).equalTo(segment));
        }
      }
    }
    if (matches.size() != 1) {
      throw new InputException((matches.isEmpty() ? "unknown segment '" : "ambiguous segment '") + name
          + "'; segments: " + String.join(", ", all.qualifiedNames()));
    }
    return matches.get(0);
  }

  /** The --where filter over the export's rows ({@link RowFilter}). */
  private Column whereFilter(Dataset<Row> rows) {
    try {
      return RowFilter.of(selection.where, rows);
    } catch (SqlAccessDeniedException e) {
      throw new InputException("--where " + e.getMessage(), e);
    }
  }

  private void write(Dataset<Row> rows, Path target) {
    Dataset<Row> data = format == Format.csv ? flatten(rows) : rows;
    if (overwrite && Files.exists(target)) {
      delete(target);
    }
    if (!singleFile) {
      writer(data, target);
      return;
    }
    Path staging = target.resolveSibling("." + target.getFileName() + ".tmp-" + System.nanoTime());
    try {
      writer(data.coalesce(1), staging);
      Path part;
      try (Stream<Path> files = Files.list(staging)) {
        part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst()
            .orElseThrow(() -> new IllegalStateException("Spark wrote no part file to " + staging));
      }
      Files.createDirectories(target.getParent());
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the export to " + target, e);
    } finally {
      deleteTree(staging);
    }
  }

  private void writer(Dataset<Row> data, Path path) {
    var w = data.write().mode("errorifexists");
    switch (format) {
      case csv -> w.option("header", "true").option("escape", "\"").csv(path.toString());
      case parquet -> w.parquet(path.toString());
      case json -> w.json(path.toString());
    }
  }

  /** Maps, arrays and structs as JSON strings (CSV has no nested values). */
  private static Dataset<Row> flatten(Dataset<Row> rows) {
    List<Column> columns = new ArrayList<>();
    for (StructField f : rows.schema().fields()) {
      boolean nested = f.dataType() instanceof MapType || f.dataType() instanceof ArrayType
          || f.dataType() instanceof StructType;
      columns.add(nested ? to_json(col(f.name())).as(f.name()) : col(f.name()));
    }
    return rows.select(columns.toArray(Column[]::new));
  }

  /** Removes an earlier export: a file, or a folder holding nothing but Spark output files. */
  private static void delete(Path target) {
    try {
      if (!Files.isDirectory(target)) {
        Files.delete(target);
        return;
      }
      try (Stream<Path> files = Files.list(target)) {
        List<String> foreign = files.map(p -> p.getFileName().toString())
            .filter(n -> !(n.startsWith("part-") || n.startsWith("_SUCCESS") || n.startsWith(".part-")
                || n.startsWith("._SUCCESS") || n.startsWith("_committed") || n.startsWith("_started")))
            .toList();
        if (!foreign.isEmpty()) {
          throw new InputException(target + " holds files that are not an earlier export (" + foreign.get(0)
              + "); not overwriting it");
        }
      }
      deleteTree(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + target, e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + root, e);
    }
  }
}
