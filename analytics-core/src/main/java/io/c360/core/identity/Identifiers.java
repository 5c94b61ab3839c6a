package io.c360.core.identity;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Normalisation of the identifiers records are linked by, as Column expressions (no UDFs). */
public final class Identifiers {

  private Identifiers() {
  }

  /**
   * A phone in E.164 ({@code +8613800138000}), or null when it cannot be one. Written forms: an explicit
   * international prefix ({@code +}, {@code 00}) is kept; digits that start with the default country code and are
   * longer than a national number (11 digits) are taken as international; anything else is national: one trunk
   * {@code 0} is dropped and the default country code put in front. Valid results have 8 to 15 digits.
   */
  public static Column phoneE164(Column raw, String defaultCountryCode) {
    Column cleaned = regexp_replace(trim(raw), "[^0-9+]", "");
    Column digits = regexp_replace(cleaned, "[^0-9]", "");
    Column international = when(cleaned.startsWith("+"), digits)
        .when(digits.startsWith("00"), digits.substr(3, 32))
        .when(digits.startsWith(defaultCountryCode).and(length(digits).gt(11)), digits);
    Column national = concat(lit(defaultCountryCode), regexp_replace(digits, "^0", ""));
    Column e164 = when(international.isNotNull(), international).otherwise(national);
    return when(length(e164).between(8, 15).and(length(digits).gt(0)), concat(lit("+"), e164));
  }

  /**
   * An email trimmed and lower-cased, or null when it is not shaped like one. With provider rules, a {@code +tag}
   * is dropped from the local part, and for Gmail addresses the dots too.
   */
  public static Column email(Column raw, boolean providerRules) {
    Column e = lower(trim(raw));
    Column valid = when(e.rlike("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"), e);
    if (!providerRules) {
      return valid;
    }
    Column local = regexp_replace(substring_index(valid, "@", 1), "\\+.*$", "");
    Column domain = regexp_extract(valid, "@(.*)$", 1);
    Column gmail = domain.isin("gmail.com", "googlemail.com");
    return when(valid.isNotNull(), concat(when(gmail, regexp_replace(local, "\\.", "")).otherwise(local), lit("@"),
        when(gmail, lit("gmail.com")).otherwise(domain)));
  }
}
