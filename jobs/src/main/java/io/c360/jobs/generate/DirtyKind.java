package io.c360.jobs.generate;

/**
 * Kinds of injected dirty rows ({@code _truth/dirty.csv}). All are data errors a quality gate should catch except
 * {@link #EMOJI_TEXT}, which is valid UTF-8 that must pass untouched.
 */
enum DirtyKind {
  /** A timestamp or date such as {@code 2025-13-45 10:00:00} or {@code yesterday}. */
  MALFORMED_DATE("malformed_date", true),
  /** A negative order-line quantity. */
  NEGATIVE_QUANTITY("negative_quantity", true),
  /** An amount such as {@code 12,5x}. */
  NON_NUMERIC_AMOUNT("non_numeric_amount", true),
  /** Currency {@code XYZ}. */
  UNKNOWN_CURRENCY("unknown_currency", true),
  /** An extra row repeating an earlier order's id (an exact copy of that row, written after it). */
  DUPLICATE_KEY("duplicate_key", true),
  /** The row's key (order_id, member_id, sku, ...) is empty. */
  MISSING_KEY("missing_key", true),
  /** A timestamp years after {@code end}. */
  FUTURE_TIMESTAMP("future_timestamp", true),
  /** The raw invalid UTF-8 sequence 0xC3 0x28 inside a text or name field. */
  BROKEN_UTF8("broken_utf8", true),
  /** Emoji in a text or name field: valid UTF-8, not an error. */
  EMOJI_TEXT("emoji_text", false),
  /** A text or name of 5,000 or more characters. */
  OVERLONG_FIELD("overlong_field", true),
  /** A date or timestamp before 1900. */
  DATE_BEFORE_1900("date_before_1900", true);

  static final DirtyKind[] ALL = values();

  final String code;
  final boolean error;

  DirtyKind(String code, boolean error) {
    this.code = code;
    this.error = error;
  }

  /** Kinds that replace a date or timestamp value. */
  boolean dateKind() {
    return this == MALFORMED_DATE || this == FUTURE_TIMESTAMP || this == DATE_BEFORE_1900;
  }

  /** Kinds that alter a text or name value. */
  boolean textKind() {
    return this == BROKEN_UTF8 || this == EMOJI_TEXT || this == OVERLONG_FIELD;
  }
}
