package io.c360.core.text;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Explainable lexicon-based sentiment for short English and Chinese texts (reviews, support tickets), in [-1, 1].
 *
 * <p>How a text is scored:
 * <ol>
 *   <li>{@link Tokenizer} splits it into words and Han characters and matches lexicon terms by longest match.</li>
 *   <li>Every sentiment term contributes its weight (about ±0.2 for "okay"/一般, ±1 for "excellent"/差评).</li>
 *   <li>A negator before it multiplies the weight by the negator's value, -0.74 for most ("not", 不, 没有; the
 *       value VADER uses), softer for hedges (-0.6 for "hardly", 不太). A flipped term keeps part of its
 *       strength with the other sign: "not bad" is mildly positive, "not good" mildly negative, 不太满意 negative.
 *       Two negators multiply, so a double negation is weakly positive.</li>
 *   <li>An intensifier multiplies the weight by its value (1.3 for "very"/很, 1.5 for "extremely"/非常/太,
 *       0.6 for "slightly"/有点). After a negator it divides instead, because a negated intensifier hedges:
      "not very good" (-0.40) is milder than "not good" (-0.52), 没有特别惊喜 milder than 没有惊喜, while
      "really not good" and 完全不解决 stay strong.</li>
 *   <li>A negator or intensifier reaches the next sentiment term only if at most {@value #WORD_WINDOW} other
 *       English words (so the term is within three tokens) or {@value #HAN_WINDOW} other Han characters stand
 *       between; other modifiers in between do not count, clause punctuation (, . ! ? ; and their full-width
 *       forms) ends the reach.</li>
 *   <li>The score is {@code s / sqrt(s² + α)} for the sum {@code s} of contributions, with α = {@value #ALPHA}
 *       (VADER's 15 on its ±4 weight scale is about 0.94 on our ±1 scale): one full-weight term scores 0.71, two
 *       0.89, so long texts saturate towards ±1 without reaching it. 0 when no sentiment term is found.</li>
 * </ol>
 *
 * <p>Limits: no sarcasm, no syntax (a negator reaches across "but"), no stemming (inflections are listed), domain
 * words like "refund" or 退款 are mildly negative because in retail texts they usually are, and a text in any
 * other language scores 0. Deterministic: the same text and lexicon always give the same score.
 */
public final class SentimentScorer implements Serializable {

  /** Normaliser α in {@code s / sqrt(s² + α)}. */
  public static final double ALPHA = 1.0;
  /** Most English words between a modifier and the sentiment term it reaches. */
  public static final int WORD_WINDOW = 2;
  /** Most Han characters between a modifier and the sentiment term it reaches. */
  public static final int HAN_WINDOW = 3;

  private static final long serialVersionUID = 1L;

  private final Tokenizer tokenizer;

  public SentimentScorer(Lexicon lexicon) {
    this.tokenizer = new Tokenizer(lexicon);
  }

  /** A scorer over the shipped English and Chinese lexicons, loaded from the classpath once per JVM. */
  public static SentimentScorer standard() {
    return Standard.SCORER;
  }

  /**
   * Sentiment of each text as a double column in [-1, 1], scored by {@link #standard()} inside a UDF (the scorer
   * travels with the task, nothing to register): {@code df.select(SentimentScorer.sentiment(col("text")))}.
   * A null text gives null, so averages over a customer's texts skip missing ones; blank text gives 0.
   */
  public static Column sentiment(Column text) {
    return SentimentUdf.UDF.apply(text);
  }

  /** The score of a text in [-1, 1]; 0 for null, blank or text without sentiment terms. */
  public double score(String text) {
    return explain(text).score();
  }

  /** The score of a text with the terms and modifiers that produced it. */
  public Explanation explain(String text) {
    List<Explanation.Match> matches = new ArrayList<>();
    Modifiers pending = null;
    for (Token token : tokenizer.tokenize(text)) {
      Term term = token.term();
      if (token.type() == Token.Type.BOUNDARY) {
        pending = null;
      } else if (term == null || term.kind() == TermKind.NEUTRAL) {
        if (pending != null && !pending.skip(term == null ? 1 : term.length())) {
          pending = null;
        }
      } else if (term.kind() == TermKind.SENTIMENT) {
        matches.add(pending == null ? new Explanation.Match(term.text(), term.value(), List.of(), false,
            term.value()) : pending.apply(term));
        pending = null;
      } else {
        pending = pending == null ? new Modifiers() : pending;
        pending.add(term);
      }
    }
    double sum = 0.0;
    for (Explanation.Match match : matches) {
      sum += match.contribution();
    }
    return new Explanation(normalise(sum), sum, matches);
  }

  static double normalise(double sum) {
    return sum == 0.0 ? 0.0 : sum / Math.sqrt(sum * sum + ALPHA);
  }

  /** Negators and intensifiers waiting for the next sentiment term. */
  private static final class Modifiers {
    private final List<String> terms = new ArrayList<>();
    private double factor = 1.0;
    private int negations;
    private int gap;
    private int window;

    void add(Term modifier) {
      terms.add(modifier.text());
      boolean hedge = modifier.kind() == TermKind.INTENSIFIER && negations > 0;
      factor = hedge ? factor / modifier.value() : factor * modifier.value();
      negations += modifier.kind() == TermKind.NEGATOR ? 1 : 0;
      gap = 0;
      window = modifier.han() ? HAN_WINDOW : WORD_WINDOW;
    }

    /** Steps over {@code units} non-sentiment words or characters; false once out of reach. */
    boolean skip(int units) {
      gap += units;
      return gap <= window;
    }

    Explanation.Match apply(Term term) {
      return new Explanation.Match(term.text(), term.value(), terms, negations % 2 == 1, term.value() * factor);
    }
  }

  private static final class Standard {
    private static final SentimentScorer SCORER = new SentimentScorer(Lexicon.standard());
  }

  private static final class SentimentUdf {
    private static final UserDefinedFunction UDF = udf(standard());

    private static UserDefinedFunction udf(SentimentScorer scorer) {
      UDF1<String, Double> score = text -> text == null ? null : scorer.score(text);
      return functions.udf(score, DataTypes.DoubleType).withName("sentiment");
    }
  }
}
