package io.c360.jobs.cli;

import com.typesafe.config.ConfigUtil;
import io.c360.core.catalog.Layout;
import io.c360.core.catalog.Source;
import io.c360.core.ingest.ExportRecognizer;
import io.c360.jobs.InputException;
import io.c360.jobs.ingest.SourceReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code c360 init}: reads a sample of a user's export and writes a commented conf that {@code c360 pipeline} runs as
 * it is. A folder holding the contract's source folders (orders/, members/, ...) gets those sources; any other file
 * (or folder of files of one export) is recognised as an orders file: its encoding, delimiter and header, its
 * layout and each column's contract column and date pattern ({@link ExportRecognizer}).
 */
@Command(name = "init", description = {
    "Writes a conf for your own export: recognises its layout (the contract's source folders, orders one row per "
        + "order or per order line, a purchase log without order ids), maps its columns by name and content "
        + "(ids, dates and their format, amounts, quantities, products, phones, emails and names as personal data) "
        + "and prints what it recognised and what it could not decide.",
    "Then: c360 pipeline --conf CONF (as of the day of the latest order unless --as-of)."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "2:the input cannot be read or recognised"})
final class InitCommand implements Callable<Integer> {

  /** Bytes read from the start of the file for the sample. */
  private static final int SAMPLE_BYTES = 4 << 20;

  @Option(names = "--input", required = true, paramLabel = "PATH",
      description = "The export: a file, a folder of files of one export, or a folder of the contract's source "
          + "folders.")
  Path input;

  @Option(names = "--out", paramLabel = "CONF", description = "Where to write the conf. Default: stdout.")
  Path out;

  @Option(names = "--sample-rows", paramLabel = "N", defaultValue = "5000",
      description = "Rows read to recognise the columns (default ${DEFAULT-VALUE}).")
  int sampleRows;

  @Option(names = "--overwrite", description = "Replace an existing --out file.")
  boolean overwrite;

  @Override
  public Integer call() throws IOException {
    Path path = input.toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new InputException("init: no such file or folder: " + path);
    }
    if (out != null && Files.exists(out) && !overwrite) {
      throw new InputException("init: " + out + " exists; pass --overwrite to replace it");
    }
    String conf = Files.isDirectory(path) && hasContractFolders(path) ? contractFolders(path) : export(path);
    if (out == null) {
      System.out.print(conf);
    } else {
      Path target = out.toAbsolutePath();
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.writeString(target, conf);
      System.err.println("[init] wrote " + target + "; next: c360 pipeline --conf " + out);
    }
    return ExitCodes.OK;
  }

  private static boolean hasContractFolders(Path dir) {
    return Files.isDirectory(dir.resolve(Source.ORDERS.id()));
  }

  /** A folder laid out as the contract: one folder per source, the contract's column names. */
  private String contractFolders(Path dir) throws IOException {
    StringBuilder sb = header("a folder of the contract's source folders");
    sb.append("c360.input-dir = ").append(ConfigUtil.quoteString(dir.toString())).append("\n");
    sb.append("c360.sources {\n");
    for (Source source : Source.values()) {
      Path folder = dir.resolve(source.id());
      List<Path> files = Files.isDirectory(folder) ? SourceReader.dataFiles(folder) : List.of();
      if (files.isEmpty()) {
        sb.append("  ").append(source.id()).append(".enabled = false   # no ").append(source.id())
            .append("/ folder\n");
        System.err.println("[init] " + source.id() + ": no folder, disabled");
        continue;
      }
      String format = formatOf(files.get(0));
      sb.append("  ").append(source.id()).append(" { enabled = true, path = ").append(ConfigUtil.quoteString(
          source.id())).append(", format = ").append(format).append(" }   # ").append(files.size())
          .append(files.size() == 1 ? " file\n" : " files\n");
      System.err.println("[init] " + source.id() + ": " + files.size() + " " + format + " file(s), the contract's "
          + "column names");
    }
    sb.append("}\n");
    return sb.toString();
  }

  /** One export file (or a folder of its files): the orders source. */
  private String export(Path path) throws IOException {
    List<Path> files = SourceReader.dataFiles(path);
    if (files.isEmpty()) {
      throw new InputException("init: no data files in " + path);
    }
    Path first = files.get(0);
    String format = formatOf(first);
    if (!format.equals("csv")) {
      throw new InputException("init: " + first + " is " + format + "; init recognises text exports (CSV or "
          + "whitespace-separated). Map a " + format + " file by hand: c360.sources.orders { format = " + format
          + ", columns { ... } } (docs/ARCHITECTURE.md)");
    }
    Sample sample = sample(first);
    ExportRecognizer.Result result = ExportRecognizer.recognise(ExportRecognizer.profile(sample.header(),
        sample.rows()));
    if (!result.columns().containsKey("order_ts")) {
      throw new InputException("init: no column of " + first + " reads as order dates (columns: "
          + String.join(", ", sample.header() != null ? sample.header() : List.of()) + "); map it by hand");
    }
    report(sample, result);
    return conf(path, sample, result);
  }

  /** A text file's first rows: decoded, split, with or without its header. */
  record Sample(String encoding, boolean bom, String separator, boolean whitespace, List<String> header,
                List<List<String>> rows) {
  }

  private Sample sample(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(SAMPLE_BYTES);
    }
    boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF;
    int end = bytes.length;
    if (bytes.length == SAMPLE_BYTES) {
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
    }
    String encoding = "UTF-8";
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, end)).toString();
    } catch (CharacterCodingException e) {
      encoding = "ISO-8859-1";
      text = new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }
    text = text.replace("\uFEFF", "");
    List<String> lines = text.lines().filter(l -> !l.isBlank()).limit(sampleRows + 1L).toList();
    if (lines.isEmpty()) {
      throw new InputException("init: " + file + " is empty");
    }
    boolean whitespace = lines.stream().limit(50).noneMatch(l -> l.matches(".*[,;\\t|].*"))
        && lines.stream().limit(50).allMatch(l -> l.strip().split("\\s+").length >= 2);
    List<List<String>> rows = new ArrayList<>();
    String separator = null;
    if (whitespace) {
      lines.forEach(l -> rows.add(Arrays.asList(l.strip().split("\\s+"))));
    } else {
      com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
      settings.detectFormatAutomatically(',', ';', '\t', '|');
      settings.setMaxCharsPerColumn(-1);
      settings.setNullValue("");
      com.univocity.parsers.csv.CsvParser parser = new com.univocity.parsers.csv.CsvParser(settings);
      for (String[] row : parser.parseAll(new StringReader(String.join("\n", lines)))) {
        rows.add(Arrays.asList(row));
      }
      separator = String.valueOf(parser.getDetectedFormat().getDelimiter());
    }
    boolean header = ExportRecognizer.firstRowIsHeader(rows);
    List<String> names = header ? rows.get(0).stream().map(n -> n == null ? "" : n.strip()).toList() : null;
    return new Sample(encoding, bom, separator, whitespace, names, header ? rows.subList(1, rows.size()) : rows);
  }

  private static void report(Sample sample, ExportRecognizer.Result result) {
    System.err.printf(Locale.ROOT, "[init] %s, %s%s, %s, %,d sample rows%n",
        sample.whitespace() ? "columns separated by spaces" : "CSV separated by '" + printable(sample.separator())
            + "'", sample.encoding(), sample.bom() ? " with a byte-order mark" : "",
        sample.header() != null ? "a header line" : "no header (columns by position)", sample.rows().size());
    result.recognised().forEach(line -> System.err.println("[init] " + line));
    result.formats().forEach((column, format) -> System.err.println("[init] " + column + " dates read as " + format));
    if (!result.unused().isEmpty()) {
      System.err.println("[init] not read: " + String.join(", ",
          result.unused().stream().map(ExportRecognizer.Profile::label).toList()));
    }
    result.undecided().forEach(line -> System.err.println("[init] could not decide: " + line));
  }

  private String conf(Path path, Sample sample, ExportRecognizer.Result result) {
    Path dir = Files.isDirectory(path) ? path : path.getParent();
    String relative = Files.isDirectory(path) ? "." : path.getFileName().toString();
    Layout layout = result.layout();
    StringBuilder sb = header(switch (layout) {
      case ORDERS -> "an orders export, one row per order";
      case ORDER_LINES -> "a line-level orders export, one row per order line";
      case PURCHASE_LOG -> "a purchase log without order ids";
    });
    sb.append("c360.input-dir = ").append(ConfigUtil.quoteString(dir.toString())).append("\n");
    sb.append("c360.sources {\n  orders {\n");
    sb.append("    path = ").append(ConfigUtil.quoteString(relative)).append("\n");
    sb.append("    format = ").append(sample.whitespace() ? "whitespace" : "csv").append("\n");
    sb.append("    layout = ").append(layout.confName()).append("\n");
    List<String> options = new ArrayList<>();
    if (sample.separator() != null && !sample.separator().equals(",")) {
      options.add("sep = " + ConfigUtil.quoteString(sample.separator()));
    }
    if (sample.header() == null) {
      options.add("header = false");
    }
    if (!sample.encoding().equals("UTF-8")) {
      options.add("encoding = " + ConfigUtil.quoteString(sample.encoding()));
    }
    if (!options.isEmpty()) {
      sb.append("    options { ").append(String.join(", ", options)).append(" }\n");
    }
    sb.append("    # contract column = the file's column").append(sample.header() == null ? " (position, 1 = first)"
        : "").append("\n    columns {\n");
    for (Map.Entry<String, ExportRecognizer.Profile> e : result.columns().entrySet()) {
      ExportRecognizer.Profile p = e.getValue();
      String value = p.name() != null ? ConfigUtil.quoteString(p.name()) : String.valueOf(p.position());
      String personal = List.of("name", "phone", "email").contains(e.getKey())
          ? "   # personal data: kept in the restricted vault, masked elsewhere" : "";
      sb.append("      ").append(e.getKey()).append(" = ").append(value).append(personal).append("\n");
    }
    sb.append("    }\n");
    if (!result.formats().isEmpty()) {
      sb.append("    formats {");
      result.formats().forEach((c, f) -> sb.append(" ").append(c).append(" = ").append(ConfigUtil.quoteString(f)));
      sb.append(" }\n");
    }
    sb.append("  }\n");
    sb.append("  # the file has no such sources\n");
    for (Source source : Source.values()) {
      if (source != Source.ORDERS) {
        sb.append("  ").append(source.id()).append(".enabled = false\n");
      }
    }
    sb.append("}\n");
    if (!result.unused().isEmpty()) {
      sb.append("# columns not read: ").append(String.join(", ", result.unused().stream()
          .map(ExportRecognizer.Profile::label).toList())).append("\n");
    }
    result.undecided().forEach(line -> sb.append("# could not decide: ").append(line).append("\n"));
    return sb.toString();
  }

  private StringBuilder header(String what) {
    StringBuilder sb = new StringBuilder();
    sb.append("# c360 conf written by `c360 init --input ").append(input).append("` on ").append(LocalDate.now())
        .append(": ").append(what).append(".\n");
    sb.append("# Check the mapping below, then: c360 pipeline --conf THIS_FILE [--as-of DATE]\n");
    sb.append("# Every key and its default: analytics-core/src/main/resources/c360-defaults.conf\n");
    return sb;
  }

  private static String formatOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
    if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return "json";
    }
    return name.endsWith(".parquet") ? "parquet" : "csv";
  }

  private static String printable(String separator) {
    return separator.equals("\t") ? "\\t" : separator;
  }
}
