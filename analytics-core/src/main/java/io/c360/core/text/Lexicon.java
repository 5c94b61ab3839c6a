package io.c360.core.text;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable set of terms looked up by their normalised text: sentiment words with signed weights, negators,
 * intensifiers and neutral guard words, English and Chinese in one map. Small (about a thousand entries), so it
 * travels inside a serialised {@link SentimentScorer} to Spark executors.
 */
public final class Lexicon implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, Term> terms;
  private final int maxWords;
  private final int maxChars;

  private Lexicon(Map<String, Term> terms) {
    this.terms = terms;
    this.maxWords = terms.values().stream().filter(t -> !t.han()).mapToInt(Term::length).max().orElse(1);
    this.maxChars = terms.values().stream().filter(Term::han).mapToInt(Term::length).max().orElse(1);
  }

  /** The lexicons shipped as resources of this package, read once per JVM. */
  public static Lexicon standard() {
    return Shipped.LEXICON;
  }

  /** A lexicon of the given terms; a term listed twice (under any kind) is an error. */
  public static Lexicon of(Collection<Term> terms) {
    Map<String, Term> byText = new HashMap<>();
    for (Term term : terms) {
      Term previous = byText.putIfAbsent(term.text(), term);
      if (previous != null) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "term '%s' is listed twice: %s %s and %s %s",
            term.text(), previous.kind(), previous.value(), term.kind(), term.value()));
      }
    }
    return new Lexicon(byText);
  }

  /** The term with exactly this normalised text, or null. */
  public Term find(String text) {
    return terms.get(text);
  }

  /** How many terms of a kind, in Chinese ({@code han}) or English. */
  public long count(TermKind kind, boolean han) {
    return terms.values().stream().filter(t -> t.kind() == kind && t.han() == han).count();
  }

  /** How many sentiment terms of one sign (positive if {@code positive}), in Chinese or English. */
  public long countSentiment(boolean positive, boolean han) {
    return terms.values().stream()
        .filter(t -> t.kind() == TermKind.SENTIMENT && t.han() == han && t.value() > 0 == positive).count();
  }

  public int size() {
    return terms.size();
  }

  /** The longest English term, in words. */
  int maxWords() {
    return maxWords;
  }

  /** The longest Chinese term, in characters. */
  int maxChars() {
    return maxChars;
  }

  private static final class Shipped {
    private static final Lexicon LEXICON = of(LexiconLoader.loadShipped());
  }
}
