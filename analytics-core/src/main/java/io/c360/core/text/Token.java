package io.c360.core.text;

/**
 * One piece of a tokenised text: an English word or phrase, a Han character or term, or a clause boundary.
 *
 * @param text the normalised text (lower-case English; one Han character when unmatched)
 * @param type the script, or a boundary
 * @param term the lexicon term this token matched, or null
 */
public record Token(String text, Type type, Term term) {

  /** What a token is made of. */
  public enum Type {
    /** English (or other alphabetic) words. */
    WORD,
    /** Han characters. */
    HAN,
    /** Clause punctuation (. , ! ? ; : and their full-width forms); ends the reach of negators and intensifiers. */
    BOUNDARY
  }

  static Token unit(String text, Type type) {
    return new Token(text, type, null);
  }

  public boolean matched() {
    return term != null;
  }
}
