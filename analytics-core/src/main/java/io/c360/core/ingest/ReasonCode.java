package io.c360.core.ingest;

/** Why ingest rejected a row. Stored in {@code quarantine.reason_code}; documented in docs/ARCHITECTURE.md. */
public enum ReasonCode {
  /** The reader could not split the row into the expected columns (wrong column count, broken quoting). */
  MALFORMED_ROW,
  /** A key column is empty. */
  MISSING_KEY,
  /** A required (non-key) column is empty, e.g. an order without order_ts or a line without sku. */
  MISSING_VALUE,
  /** A numeric column holds something that is not a number. */
  BAD_NUMBER,
  /** A timestamp column cannot be parsed. */
  BAD_TIMESTAMP,
  /** A date column cannot be parsed. */
  BAD_DATE,
  /** A boolean column is not true/false/yes/no/1/0. */
  BAD_BOOLEAN,
  /** An enumerated column holds a value outside its allowed set. */
  BAD_VALUE,
  /** A quantity or amount is negative. */
  NEGATIVE_VALUE,
  /**
   * A number outside its column's scale (a rating of 7 on 1-5, an NPS of 11) or, for amounts and quantities, above
   * c360.ingest.max-amount or c360.ingest.max-quantity (a typo or a unit error).
   */
  OUT_OF_RANGE,
  /** The currency is not in c360.ingest.currencies. */
  UNKNOWN_CURRENCY,
  /** A time lies after the as-of date plus c360.ingest.future-tolerance-days. */
  FUTURE_TIMESTAMP,
  /** A date or time lies before c360.ingest.min-date. */
  TOO_OLD,
  /** A value contains undecodable bytes (the Unicode replacement character after decoding). */
  BAD_ENCODING,
  /** A value is longer than c360.ingest.max-field-length (max-text-length for texts). */
  OVERLONG_FIELD,
  /** The key was already seen: earlier in the same batch, or (facts) in an earlier batch. */
  DUPLICATE_KEY,
  /**
   * An orders file with one row per line: the lines of one order disagree on a column of the order (two account
   * ids, times, cities...); every line of that order is rejected, since it cannot be told whose order it is.
   */
  INCONSISTENT_ORDER
}
