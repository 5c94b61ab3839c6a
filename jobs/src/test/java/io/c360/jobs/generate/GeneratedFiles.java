package io.c360.jobs.generate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reading helpers for the generator tests: RFC 4180 records, header lookup, timestamps, phone normalisation. */
final class GeneratedFiles {

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
      .withResolverStyle(ResolverStyle.STRICT);

  private GeneratedFiles() {
  }

  /** The CSV records of a file after its header: fields split by RFC 4180 rules (quotes, doubled quotes). */
  static List<List<String>> records(Path file) throws IOException {
    List<List<String>> all = parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    return all.subList(1, all.size());
  }

  static List<String> header(Path file) throws IOException {
    return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).get(0);
  }

  /** The data lines of a file (no field of the generator contains a line break), header dropped. */
  static List<String> dataLines(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    return lines.subList(1, lines.size());
  }

  /** Records keyed by column name. */
  static List<Map<String, String>> rows(Path file) throws IOException {
    List<String> head = header(file);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> rec : records(file)) {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < head.size(); i++) {
        row.put(head.get(i), rec.get(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Counts records the RFC 4180 way on raw bytes: line feeds outside quoted fields, header excluded. */
  static long recordCount(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    boolean csv = file.toString().endsWith(".csv");
    boolean quoted = false;
    long lines = 0;
    for (byte b : bytes) {
      if (b == '"' && csv) {
        quoted = !quoted;
      } else if (b == '\n' && !quoted) {
        lines++;
      }
    }
    return lines - (csv ? 1 : 0);
  }

  static List<List<String>> parse(String text) {
    List<List<String>> out = new ArrayList<>();
    List<String> rec = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        rec.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        rec.add(field.toString());
        field.setLength(0);
        out.add(rec);
        rec = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    return out;
  }

  /** The timestamp, or null when the field is not a valid {@code yyyy-MM-dd HH:mm:ss} of 1900 or later. */
  static LocalDateTime timestamp(String s) {
    try {
      LocalDateTime ts = LocalDateTime.parse(s, TS);
      return ts.getYear() >= 1900 ? ts : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The 11 national digits of a Chinese mobile number in any of the generator's formats. */
  static String phoneDigits(String phone) {
    String d = phone.replaceAll("[^0-9]", "");
    if (d.startsWith("0086")) {
      d = d.substring(4);
    } else if (d.length() == 13 && d.startsWith("86")) {
      d = d.substring(2);
    }
    return d;
  }
}
