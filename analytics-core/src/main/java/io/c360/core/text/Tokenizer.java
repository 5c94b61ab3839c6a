package io.c360.core.text;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits English and Chinese text, mixed freely, into tokens and matches them against a lexicon.
 *
 * <p>First the text is NFKC-normalised (full-width letters and punctuation become ASCII) and cut into units:
 * English words are lower-cased runs of letters, keeping an apostrophe between letters ({@code didn't},
 * {@code it's}); every Han character is a unit of its own; clause punctuation is a boundary; digits, emoji,
 * spaces and other symbols only separate. Then lexicon terms are matched by forward maximum matching: at each
 * position the longest term is taken, spanning up to the lexicon's longest phrase in words or in characters, so
 * {@code 不太满意} gives 不太 + 满意, {@code 太慢了} gives 太 + 慢 + 了 and {@code not as described} is one phrase.
 *
 * <p>Limits: greedy matching can pick a wrong split where the lexicon has overlapping terms (the neutral lists
 * guard the known cases, e.g. 快递 is not 快); English has no stemming, so inflections must be listed; other
 * scripts are treated like English words and rarely match anything.
 */
public final class Tokenizer implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final String BOUNDARIES = ".,!?;:\u3002\u3001\uFF61\uFF64\u2026\n\r";

  private final Lexicon lexicon;

  public Tokenizer(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** Units of {@code text} with lexicon terms merged by longest match; empty for null or blank text. */
  public List<Token> tokenize(String text) {
    List<Token> units = units(text);
    List<Token> tokens = new ArrayList<>(units.size());
    int i = 0;
    while (i < units.size()) {
      Token unit = units.get(i);
      Token match = unit.type() == Token.Type.BOUNDARY ? null : longestMatch(units, i);
      if (match == null) {
        tokens.add(unit);
        i++;
      } else {
        tokens.add(match);
        i += match.term().length();
      }
    }
    return tokens;
  }

  private Token longestMatch(List<Token> units, int start) {
    Token.Type type = units.get(start).type();
    boolean han = type == Token.Type.HAN;
    int run = 1;
    int limit = han ? lexicon.maxChars() : lexicon.maxWords();
    while (run < limit && start + run < units.size() && units.get(start + run).type() == type) {
      run++;
    }
    for (int n = run; n >= 1; n--) {
      StringBuilder key = new StringBuilder(units.get(start).text());
      for (int k = start + 1; k < start + n; k++) {
        key.append(han ? "" : " ").append(units.get(k).text());
      }
      Term term = lexicon.find(key.toString());
      if (term != null && term.han() == han) {
        return new Token(term.text(), type, term);
      }
    }
    return null;
  }

  /** The raw units of a text (words, Han characters, boundaries), before any lexicon matching. */
  static List<Token> units(String text) {
    List<Token> units = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return units;
    }
    String normal = normalise(text);
    StringBuilder word = new StringBuilder();
    int i = 0;
    while (i < normal.length()) {
      int cp = normal.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isHan(cp)) {
        flush(word, units);
        units.add(Token.unit(new String(Character.toChars(cp)), Token.Type.HAN));
      } else if (Character.isLetter(cp)) {
        word.appendCodePoint(cp);
      } else if (isApostrophe(cp) && word.length() > 0 && next < normal.length() && isWordLetter(normal, next)) {
        word.append('\'');
      } else {
        flush(word, units);
        boolean boundary = BOUNDARIES.indexOf(cp) >= 0;
        if (boundary && !units.isEmpty() && units.get(units.size() - 1).type() != Token.Type.BOUNDARY) {
          units.add(Token.unit(new String(Character.toChars(cp)), Token.Type.BOUNDARY));
        }
      }
      i = next;
    }
    flush(word, units);
    return units;
  }

  /** NFKC, so full-width ASCII (ＡＰＰ，！) reads like its half-width form. */
  static String normalise(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC);
  }

  static boolean isHan(int codePoint) {
    return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
  }

  private static boolean isWordLetter(String text, int index) {
    int cp = text.codePointAt(index);
    return Character.isLetter(cp) && !isHan(cp);
  }

  private static boolean isApostrophe(int cp) {
    return cp == '\'' || cp == '\u2019' || cp == '\u02BC';
  }

  private static void flush(StringBuilder word, List<Token> units) {
    if (word.length() > 0) {
      units.add(Token.unit(word.toString().toLowerCase(Locale.ROOT), Token.Type.WORD));
      word.setLength(0);
    }
  }
}
