package io.c360.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Finds a source's files and reads them as raw text columns named by the contract (remapped per conf), with
 * the file each row came from and, for CSV and JSON, the malformed-row marker. Problems the user must fix
 * (missing folder for orders, mixed formats, a missing required column) raise {@link InputException} naming
 * the source, file and column.
 */
final class SourceReader {

  private static final long FULL_SCHEMA_SCAN_BYTES = 64L << 20;
  private static final Map<SourceFormat, List<String>> EXTENSIONS = Map.of(
      SourceFormat.CSV, List.of(".csv", ".txt", ".tsv", ".csv.gz", ".txt.gz", ".tsv.gz"),
      SourceFormat.JSON, List.of(".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz"),
      SourceFormat.PARQUET, List.of(".parquet"));

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
    Dataset<Row> raw = read(conf, files);
    return Optional.of(new SourceBatch(source, location, files, batchId, raw));
  }

  private Dataset<Row> read(SourceConfig conf, List<Path> files) {
    String[] paths = files.stream().map(Path::toString).toArray(String[]::new);
    DataFrameReader reader = spark.read();
    Dataset<Row> frame = switch (conf.format()) {
      case CSV -> {
        // RFC 4180 by default: a quote inside a quoted field is doubled and a quoted field may hold line breaks
        // (multiLine; each file is then parsed by one task). Options in conf override.
        reader.option("header", "true").option("escape", "\"").option("multiLine", "true").options(conf.options());
        List<String> header = Arrays.stream(reader.csv(paths).columns()).map(SourceReader::cleanName).toList();
        requireColumns(conf, header, files.get(0));
        yield reader.schema(stringSchema(header))
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", IngestTransform.CORRUPT_COL)
            .csv(paths);
      }
      case JSON -> {
        long bytes = files.stream().mapToLong(SourceReader::size).sum();
        DataFrameReader probe = spark.read().options(conf.options()).option("primitivesAsString", "true");
        if (bytes > FULL_SCHEMA_SCAN_BYTES) {
          probe.option("samplingRatio", "0.05");
        }
        List<String> fields = Arrays.stream(probe.json(paths).columns())
            .filter(c -> !c.equals(IngestTransform.CORRUPT_COL)).toList();
        requireColumns(conf, fields, files.get(0));
        yield reader.options(conf.options()).schema(stringSchema(fields))
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", IngestTransform.CORRUPT_COL)
            .json(paths);
      }
      case PARQUET -> {
        Dataset<Row> parquet = reader.options(conf.options()).parquet(paths);
        requireColumns(conf, Arrays.asList(parquet.columns()), files.get(0));
        yield parquet;
      }
    };
    List<String> present = Arrays.asList(frame.columns());
    List<Column> columns = new ArrayList<>();
    for (SourceField field : conf.source().fields()) {
      String rawName = conf.rawName(field);
      columns.add(present.contains(rawName)
          ? frame.col("`" + rawName + "`").cast("string").as(field.name())
          : lit(null).cast("string").as(field.name()));
    }
    columns.add(col("_metadata.file_path").as(IngestTransform.FILE_COL));
    if (present.contains(IngestTransform.CORRUPT_COL)) {
      columns.add(col(IngestTransform.CORRUPT_COL));
    }
    return frame.select(columns.toArray(Column[]::new));
  }

  private static void requireColumns(SourceConfig conf, List<String> found, Path file) {
    for (SourceField field : conf.source().fields()) {
      String rawName = conf.rawName(field);
      if (field.required() && !found.contains(rawName)) {
        String hint = found.size() == 1 && found.get(0).matches(".*[;\t|,].*")
            ? "; is the delimiter right? set c360.sources." + conf.source().id() + ".options.sep" : "";
        String mapped = rawName.equals(field.name()) ? "" : " (mapped from contract column " + field.name() + ")";
        throw new InputException(conf.source().id() + ": required column '" + rawName + "'" + mapped
            + " is missing in " + file + " (found: " + String.join(", ", found) + ")" + hint);
      }
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

  private static List<Path> dataFiles(Path location) {
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
