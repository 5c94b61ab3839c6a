package io.c360.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Contract;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.SourceField;
import io.c360.core.config.SourceConfig;
import io.c360.core.config.SourceFormat;
import io.c360.core.ingest.IngestTransform;
import io.c360.jobs.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds a source's files and reads them as raw text columns named by the contract (remapped per conf, by name or
 * by position), with the file each row came from, its position in the file and, for CSV, JSON and whitespace, the
 * malformed-row marker. Problems the user must fix
 * (missing folder for orders, mixed formats, a missing required column) raise {@link InputException} naming
 * the source, file and column.
 */
public final class SourceReader {

  private static final long FULL_SCHEMA_SCAN_BYTES = 64L << 20;
  private static final Map<SourceFormat, List<String>> EXTENSIONS = Map.of(
      SourceFormat.CSV, List.of(".csv", ".txt", ".tsv", ".csv.gz", ".txt.gz", ".tsv.gz"),
      SourceFormat.JSON, List.of(".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz"),
      SourceFormat.PARQUET, List.of(".parquet"),
      SourceFormat.WHITESPACE, List.of(".txt", ".dat", ".tsv", ".csv", ".txt.gz", ".dat.gz", ".tsv.gz", ".csv.gz"));

  private final SparkSession spark;

  SourceReader(SparkSession spark) {
    this.spark = spark;
  }

  /** The batch of a source, or empty when an optional source has no input. */
  Optional<SourceBatch> open(SourceConfig conf, Path inputDir) {
    Source source = conf.source();
    Path location = inputDir.resolve(conf.path()).toAbsolutePath().normalize();
    boolean required = source == Source.ORDERS;
    if (!Files.exists(location)) {
      if (required) {
        throw new InputException(source.id() + ": no input at " + location + " (c360.sources." + source.id()
            + ".path, --sources)");
      }
      return Optional.empty();
    }
    if (!Files.isReadable(location)) {
      throw new InputException(source.id() + ": cannot read " + location + " (permission denied)");
    }
    List<Path> files = dataFiles(location);
    if (files.isEmpty()) {
      if (required) {
        throw new InputException(source.id() + ": no data in " + location + " (no non-empty files)");
      }
      return Optional.empty();
    }
    checkFormat(conf, files);
    String batchId = BatchFingerprint.of(source.id(), Files.isDirectory(location) ? location : location.getParent(),
        files);
    Dataset<Row> frame = frame(conf, files);
    List<String> found = Arrays.stream(frame.columns()).filter(c -> !c.equals(IngestTransform.CORRUPT_COL)).toList();
    Set<String> present = new LinkedHashSet<>();
    for (SourceField field : conf.contract().fields()) {
      if (rawColumn(conf, field, found) != null) {
        present.add(field.name());
      }
    }
    Contract contract = conf.contract(present);
    requireColumns(conf, contract, found, files.get(0));
    List<Column> columns = new ArrayList<>();
    List<String> absent = new ArrayList<>();
    for (SourceField field : contract.fields()) {
      String raw = rawColumn(conf, field, found);
      if (raw == null) {
        absent.add(field.name());
        columns.add(lit(null).cast("string").as(field.name()));
      } else {
        Column value = frame.col("`" + raw + "`").cast("string");
        // a byte-order mark that the reader left at the start of the first column (files without a header)
        columns.add((raw.equals(found.get(0)) ? regexp_replace(value, "^\uFEFF", "") : value).as(field.name()));
      }
    }
    columns.add(col("_metadata.file_path").as(IngestTransform.FILE_COL));
    if (Arrays.asList(frame.columns()).contains(IngestTransform.CORRUPT_COL)) {
      columns.add(col(IngestTransform.CORRUPT_COL));
    }
    Dataset<Row> raw = frame.select(columns.toArray(Column[]::new))
        .withColumn(IngestTransform.ROW_COL, monotonically_increasing_id());
    return Optional.of(new SourceBatch(source, contract, location, files, batchId, raw, absent));
  }

  /** The file's columns as read (text values), named by the file's header or {@code _c0, _c1, ...} without one. */
  private Dataset<Row> frame(SourceConfig conf, List<Path> files) {
    String[] paths = files.stream().map(Path::toString).toArray(String[]::new);
    DataFrameReader reader = spark.read();
    return switch (conf.format()) {
      case CSV -> {
        // RFC 4180 by default: a quote inside a quoted field is doubled and a quoted field may hold line breaks
        // (multiLine; each file is then parsed by one task). Options in conf override.
        reader.option("header", "true").option("escape", "\"").option("multiLine", "true").options(conf.options());
        List<String> header = Arrays.stream(reader.csv(paths).columns()).map(SourceReader::cleanName).toList();
        yield reader.schema(stringSchema(header))
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", IngestTransform.CORRUPT_COL)
            .csv(paths);
      }
      case WHITESPACE -> whitespace(conf, files, paths);
      case JSON -> {
        long bytes = files.stream().mapToLong(SourceReader::size).sum();
        DataFrameReader probe = spark.read().options(conf.options()).option("primitivesAsString", "true");
        if (bytes > FULL_SCHEMA_SCAN_BYTES) {
          probe.option("samplingRatio", "0.05");
        }
        List<String> fields = Arrays.stream(probe.json(paths).columns())
            .filter(c -> !c.equals(IngestTransform.CORRUPT_COL)).toList();
        yield reader.options(conf.options()).schema(stringSchema(fields))
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", IngestTransform.CORRUPT_COL)
            .json(paths);
      }
      case PARQUET -> reader.options(conf.options()).parquet(paths);
    };
  }

  /**
   * Columns separated by runs of spaces or tabs. The header (first line of the first file, unless option header is
   * false) names them; a line equal to it is skipped in every file; a line with another number of fields is a
   * malformed row.
   */
  private Dataset<Row> whitespace(SourceConfig conf, List<Path> files, String[] paths) {
    boolean header = !"false".equalsIgnoreCase(conf.options().getOrDefault("header", "true"));
    String first = firstLine(files.get(0)).replace("\uFEFF", "").strip();
    String[] tokens = first.split("\\s+");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < tokens.length; i++) {
      names.add(header ? tokens[i] : "_c" + i);
    }
    Column line = trim(regexp_replace(col("value"), "\uFEFF", ""));
    Dataset<Row> lines = spark.read().text(paths).select(line.as("_line"), col("_metadata"))
        .where(col("_line").notEqual(""));
    if (header) {
      lines = lines.where(regexp_replace(col("_line"), "\\s+", " ").notEqual(first.replaceAll("\\s+", " ")));
    }
    Column fields = split(col("_line"), "\\s+");
    Column wellFormed = org.apache.spark.sql.functions.size(fields).equalTo(names.size());
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(when(wellFormed, fields.getItem(i)).as(names.get(i)));
    }
    columns.add(when(wellFormed.unary_$bang(), col("_line")).as(IngestTransform.CORRUPT_COL));
    columns.add(col("_metadata"));
    return lines.select(columns.toArray(Column[]::new));
  }

  /**
   * The file column that feeds a contract column: the mapped (or contract) name when the file has it, else, for a
   * mapping to a number n, the file's n-th column (1 = first; files without a header); null when absent.
   */
  private static String rawColumn(SourceConfig conf, SourceField field, List<String> found) {
    String name = conf.rawName(field);
    if (found.contains(name)) {
      return name;
    }
    if (name.matches("[1-9][0-9]{0,3}")) {
      int position = Integer.parseInt(name);
      return position <= found.size() ? found.get(position - 1) : null;
    }
    return null;
  }

  private static void requireColumns(SourceConfig conf, Contract contract, List<String> found, Path file) {
    for (SourceField field : contract.fields()) {
      String rawName = conf.rawName(field);
      if (field.required() && rawColumn(conf, field, found) == null) {
        String hint = found.size() == 1 && found.get(0).matches(".*[;\t|,].*")
            ? "; is the delimiter right? set c360.sources." + conf.source().id() + ".options.sep" : "";
        String mapped = rawName.equals(field.name()) ? "" : " (mapped from contract column " + field.name() + ")";
        throw new InputException(conf.source().id() + ": required column '" + rawName + "'" + mapped
            + " is missing in " + file + " (found: " + String.join(", ", found) + ")" + hint);
      }
    }
  }

  private static String firstLine(Path file) {
    try (java.io.BufferedReader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      String line = in.readLine();
      while (line != null && line.isBlank()) {
        line = in.readLine();
      }
      return line == null ? "" : new String(line.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
          java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static StructType stringSchema(List<String> names) {
    StructType schema = new StructType();
    for (String name : names) {
      schema = schema.add(name, DataTypes.StringType, true);
    }
    return schema.add(IngestTransform.CORRUPT_COL, DataTypes.StringType, true);
  }

  private static String cleanName(String name) {
    return name.replace("\uFEFF", "").trim();
  }

  private static void checkFormat(SourceConfig conf, List<Path> files) {
    List<String> allowed = EXTENSIONS.get(conf.format());
    for (Path file : files) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      if (allowed.stream().noneMatch(name::endsWith)) {
        throw new InputException(conf.source().id() + ": " + file + " does not look like "
            + conf.format().name().toLowerCase(Locale.ROOT) + " (expected " + String.join(", ", allowed)
            + "; set c360.sources." + conf.source().id() + ".format, and keep one format per folder)");
      }
    }
  }

  /**
   * The data files of a source: the file itself, or every non-empty file below the folder, in name order, but those
   * in or named like hidden ({@code .x}) or reserved ({@code _x}, as Spark's {@code _SUCCESS}) entries.
   */
  public static List<Path> dataFiles(Path location) {
    if (Files.isRegularFile(location)) {
      return size(location) > 0 ? List.of(location) : List.of();
    }
    try (Stream<Path> walk = Files.walk(location)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> Stream.of(location.relativize(p).toString().split("/"))
              .noneMatch(part -> part.startsWith(".") || part.startsWith("_")))
          .filter(p -> size(p) > 0)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InputException("cannot list " + location + ": " + e.getMessage(), e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
