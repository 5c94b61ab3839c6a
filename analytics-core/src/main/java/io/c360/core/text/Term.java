package io.c360.core.text;

import java.io.Serializable;

/**
 * One lexicon entry. English terms are lower-case words separated by single spaces ({@code "took forever"});
 * Chinese terms are runs of Han characters ({@code "客服态度差"}).
 *
 * @param text  the normalised term, as matched against tokens
 * @param kind  what the term does
 * @param value sentiment weight, negation multiplier or intensity multiplier, depending on {@code kind}
 */
public record Term(String text, TermKind kind, double value) implements Serializable {

  private static final long serialVersionUID = 1L;

  public Term {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("term text must not be blank");
    }
    if (kind == null) {
      throw new IllegalArgumentException("term " + text + " needs a kind");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("term " + text + " has a non-finite value " + value);
    }
  }

  /** Whether the term is Chinese (Han characters), as opposed to English words. */
  public boolean han() {
    return Tokenizer.isHan(text.codePointAt(0));
  }

  /** How many tokens the term spans: words for English, characters for Chinese. */
  public int length() {
    return han() ? text.codePointCount(0, text.length()) : text.split(" ").length;
  }
}
