package io.c360.core.catalog;

import java.util.List;

/**
 * One column of the source contract with the validation rules ingest applies to it.
 *
 * @param required the column must be present in the source file (a missing required column stops ingest) and
 *                 have a value in every row (an empty one quarantines the row: MISSING_VALUE)
 * @param key      part of the source's key: a null value quarantines the row (MISSING_KEY)
 * @param nonNegative a negative number quarantines the row (NEGATIVE_VALUE)
 * @param allowed  allowed values (lower-case) for an enumerated string, empty when free
 * @param text     free text: may be long (texts use the larger length limit)
 * @param scale    the closed range of a score (a rating 1-5): a number outside it quarantines the row
 *                 (OUT_OF_RANGE); null when the column has none
 * @param quantity a count of items, bounded by c360.ingest.max-quantity (amounts by c360.ingest.max-amount)
 * @param mayBeAbsent a required column that a file may lack altogether (amounts: a file without money); when the file
 *                 has it, every row needs a value ({@link Contract#forColumns})
 */
public record SourceField(String name, FieldType type, boolean required, boolean key, boolean nonNegative,
                          List<String> allowed, boolean text, Scale scale, boolean quantity, boolean mayBeAbsent,
                          String comment) {

  /** The closed range {@code [min, max]} of a score. */
  public record Scale(int min, int max) {
  }

  public SourceField {
    allowed = List.copyOf(allowed);
  }

  static SourceField key(String name, FieldType type, String comment) {
    return new SourceField(name, type, true, true, false, List.of(), false, null, false, false, comment);
  }

  static SourceField required(String name, FieldType type, String comment) {
    return new SourceField(name, type, true, false, false, List.of(), false, null, false, false, comment);
  }

  static SourceField optional(String name, FieldType type, String comment) {
    return new SourceField(name, type, false, false, false, List.of(), false, null, false, false, comment);
  }

  SourceField withNonNegative() {
    return new SourceField(name, type, required, key, true, allowed, text, scale, quantity, mayBeAbsent, comment);
  }

  SourceField withAllowed(String... values) {
    return new SourceField(name, type, required, key, nonNegative, List.of(values), text, scale, quantity,
        mayBeAbsent, comment);
  }

  SourceField withFreeText() {
    return new SourceField(name, type, required, key, nonNegative, allowed, true, scale, quantity, mayBeAbsent,
        comment);
  }

  SourceField withScale(int min, int max) {
    return new SourceField(name, type, required, key, nonNegative, allowed, text, new Scale(min, max), quantity,
        mayBeAbsent, comment);
  }

  SourceField withQuantity() {
    return new SourceField(name, type, required, key, true, allowed, text, scale, true, mayBeAbsent, comment);
  }

  /** Required on every row when the file has the column; the file may lack it altogether. */
  SourceField whenPresent() {
    return new SourceField(name, type, required, key, nonNegative, allowed, text, scale, quantity, true, comment);
  }

  /** This field for a file that lacks its column: optional. */
  SourceField absent() {
    return new SourceField(name, type, false, key, nonNegative, allowed, text, scale, quantity, mayBeAbsent, comment);
  }

  Column toColumn() {
    String doc = allowed.isEmpty() ? comment : comment + " (" + String.join(", ", allowed) + ")";
    return key ? Column.required(name, type, doc) : Column.of(name, type, doc);
  }
}
