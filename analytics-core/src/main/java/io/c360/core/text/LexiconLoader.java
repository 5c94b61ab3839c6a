package io.c360.core.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads lexicon files: UTF-8 text, one {@code term<TAB>value} per line, blank lines and lines starting with
 * {@code #} ignored (neutral files may omit the value). Each file holds one kind of term with values in a declared
 * range, so a positive weight in the negative list or a typo'd multiplier fails the load with the file and line.
 */
final class LexiconLoader {

  /** One lexicon file and what its values must look like. */
  record LexiconFile(String resource, TermKind kind, double min, double max) {

    static LexiconFile positive(String resource) {
      return new LexiconFile(resource, TermKind.SENTIMENT, Double.MIN_VALUE, 1.0);
    }

    static LexiconFile negative(String resource) {
      return new LexiconFile(resource, TermKind.SENTIMENT, -1.0, -Double.MIN_VALUE);
    }

    static LexiconFile negators(String resource) {
      return new LexiconFile(resource, TermKind.NEGATOR, -1.0, -Double.MIN_VALUE);
    }

    static LexiconFile intensifiers(String resource) {
      return new LexiconFile(resource, TermKind.INTENSIFIER, 0.1, 3.0);
    }

    static LexiconFile neutral(String resource) {
      return new LexiconFile(resource, TermKind.NEUTRAL, 0.0, 0.0);
    }
  }

  /** The lexicons shipped in this package's resources. */
  static final List<LexiconFile> SHIPPED = List.of(
      LexiconFile.positive("en-positive.txt"), LexiconFile.negative("en-negative.txt"),
      LexiconFile.negators("en-negators.txt"), LexiconFile.intensifiers("en-intensifiers.txt"),
      LexiconFile.neutral("en-neutral.txt"),
      LexiconFile.positive("zh-positive.txt"), LexiconFile.negative("zh-negative.txt"),
      LexiconFile.negators("zh-negators.txt"), LexiconFile.intensifiers("zh-intensifiers.txt"),
      LexiconFile.neutral("zh-neutral.txt"));

  private LexiconLoader() {
  }

  /** All shipped terms; fails if a file is missing or malformed. */
  static List<Term> loadShipped() {
    List<Term> terms = new ArrayList<>();
    for (LexiconFile file : SHIPPED) {
      terms.addAll(load(file));
    }
    return terms;
  }

  static List<Term> load(LexiconFile file) {
    try (InputStream in = LexiconLoader.class.getResourceAsStream(file.resource())) {
      if (in == null) {
        throw new IllegalStateException("lexicon resource " + file.resource() + " not found next to "
            + LexiconLoader.class.getName());
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(file, reader.lines().collect(Collectors.toList()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lexicon " + file.resource(), e);
    }
  }

  /**
   * Parses the lines of one file. Terms are normalised like the text they will be matched against (NFKC, lower
   * case, single spaces) and must tokenise back to themselves, so an entry that could never match is an error.
   */
  static List<Term> parse(LexiconFile file, List<String> lines) {
    List<Term> terms = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1).strip();
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = file.resource() + ":" + (i + 1);
      int tab = line.lastIndexOf('\t');
      String term = normalise(tab < 0 ? line : line.substring(0, tab));
      double value = tab < 0 ? missingValue(file, where) : parseValue(line.substring(tab + 1).strip(), where);
      if (value < file.min() || value > file.max()) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "%s: value %s of '%s' is outside [%s, %s] for a %s file", where, value, term, file.min(), file.max(),
            file.kind().name().toLowerCase(Locale.ROOT)));
      }
      if (!matchable(term)) {
        throw new IllegalStateException(where + ": '" + term + "' is neither English words nor Han characters, "
            + "so it could never match");
      }
      if (!seen.add(term)) {
        throw new IllegalStateException(where + ": '" + term + "' is listed twice");
      }
      terms.add(new Term(term, file.kind(), value));
    }
    return terms;
  }

  /** The form terms are stored and looked up in: NFKC, lower case, straight apostrophes, single spaces. */
  static String normalise(String term) {
    return Tokenizer.normalise(term).toLowerCase(Locale.ROOT).replace('\u2019', '\'').strip()
        .replaceAll("\\s+", " ");
  }

  private static boolean matchable(String term) {
    List<Token> units = Tokenizer.units(term);
    if (units.isEmpty()) {
      return false;
    }
    Token.Type type = units.get(0).type();
    if (type == Token.Type.BOUNDARY || units.stream().anyMatch(u -> u.type() != type)) {
      return false;
    }
    String joined = units.stream().map(Token::text).collect(Collectors.joining(type == Token.Type.HAN ? "" : " "));
    return joined.equals(term);
  }

  private static double missingValue(LexiconFile file, String where) {
    if (file.kind() != TermKind.NEUTRAL) {
      throw new IllegalStateException(where + ": expected term<TAB>value");
    }
    return 0.0;
  }

  private static double parseValue(String text, String where) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(where + ": '" + text + "' is not a number", e);
    }
  }
}
