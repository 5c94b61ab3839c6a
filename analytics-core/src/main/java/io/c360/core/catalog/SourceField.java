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
 */
public record SourceField(String name, FieldType type, boolean required, boolean key, boolean nonNegative,
                          List<String> allowed, boolean text, String comment) {

  public SourceField {
    allowed = List.copyOf(allowed);
  }

  static SourceField key(String name, FieldType type, String comment) {
    return new SourceField(name, type, true, true, false, List.of(), false, comment);
  }

  static SourceField required(String name, FieldType type, String comment) {
    return new SourceField(name, type, true, false, false, List.of(), false, comment);
  }

  static SourceField optional(String name, FieldType type, String comment) {
    return new SourceField(name, type, false, false, false, List.of(), false, comment);
  }

  SourceField withNonNegative() {
    return new SourceField(name, type, required, key, true, allowed, text, comment);
  }

  SourceField withAllowed(String... values) {
    return new SourceField(name, type, required, key, nonNegative, List.of(values), text, comment);
  }

  SourceField withFreeText() {
    return new SourceField(name, type, required, key, nonNegative, allowed, true, comment);
  }

  Column toColumn() {
    String doc = allowed.isEmpty() ? comment : comment + " (" + String.join(", ", allowed) + ")";
    return key ? Column.required(name, type, doc) : Column.of(name, type, doc);
  }
}
