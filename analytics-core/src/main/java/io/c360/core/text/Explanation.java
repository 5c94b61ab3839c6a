package io.c360.core.text;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Why a text scored as it did: every sentiment term found, in text order, with what modified it.
 *
 * @param score   the normalised score in [-1, 1], as {@link SentimentScorer#score} returns it
 * @param sum     the raw sum of the contributions, before normalisation
 * @param matches the sentiment terms found; empty when none was
 */
public record Explanation(double score, double sum, List<Explanation.Match> matches) {

  public Explanation {
    matches = List.copyOf(matches);
  }

  /**
   * One sentiment term in the text.
   *
   * @param term         the lexicon term as matched, e.g. {@code "bad"} or {@code "满意"}
   * @param weight       its lexicon weight
   * @param modifiers    the negators and intensifiers that applied to it, in text order, e.g. {@code [not]}
   * @param negated      whether an odd number of negators flipped it
   * @param contribution what it added to the sum: the weight times every modifier's multiplier
   */
  public record Match(String term, double weight, List<String> modifiers, boolean negated, double contribution) {

    public Match {
      modifiers = List.copyOf(modifiers);
    }

    /** E.g. {@code bad -0.70 [not] -> +0.52}. */
    public String describe() {
      String mods = modifiers.isEmpty() ? "" : " " + modifiers;
      return String.format(Locale.ROOT, "%s %+.2f%s -> %+.2f", term, weight, mods, contribution);
    }
  }

  /** The matched sentiment terms, in text order. */
  public List<String> terms() {
    return matches.stream().map(Match::term).toList();
  }

  /** One line for logs and notebooks, e.g. {@code +0.46 (sum +0.52): bad -0.70 [not] -> +0.52}. */
  public String describe() {
    String parts = matches.isEmpty() ? "no sentiment terms"
        : matches.stream().map(Match::describe).collect(Collectors.joining("; "));
    return String.format(Locale.ROOT, "%+.2f (sum %+.2f): %s", score, sum, parts);
  }
}
