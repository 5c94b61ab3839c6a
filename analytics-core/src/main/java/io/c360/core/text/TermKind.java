package io.c360.core.text;

/** What a lexicon term does to a text's sentiment, and so what its value means. */
public enum TermKind {
  /** Carries sentiment; its value is the signed weight, in [-1, 1]. */
  SENTIMENT,
  /** Flips the next sentiment term; its value is the (negative) multiplier. */
  NEGATOR,
  /** Strengthens (above 1) or softens (below 1) the next sentiment term; its value is the multiplier. */
  INTENSIFIER,
  /**
   * Carries nothing; listed only so that longest-match takes it as a whole instead of finding a shorter term
   * inside it (快递 "courier" must not read as 快 "fast", 不过 "but" not as the negator 不).
   */
  NEUTRAL
}
