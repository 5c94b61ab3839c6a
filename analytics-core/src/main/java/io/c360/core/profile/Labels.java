package io.c360.core.profile;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/** Column helpers for shares and per-label counts of a customer's rows. */
final class Labels {

  private Labels() {
  }

  /** part / whole as a double; null when whole is 0. */
  static Column share(Column part, Column whole) {
    return when(whole.gt(0), part.cast("double").divide(whole));
  }

  /** The share of each distinct value in an array of labels, as a map. */
  static Column shares(Column labels) {
    Column distinct = array_sort(array_distinct(labels));
    return map_from_arrays(distinct, transform(distinct,
        label -> size(filter(labels, x -> x.equalTo(label))).cast("double").divide(size(labels))));
  }

  /** The count of each distinct value in an array of labels, as a map. */
  static Column counts(Column labels) {
    Column distinct = array_sort(array_distinct(labels));
    return map_from_arrays(distinct, transform(distinct, label -> size(filter(labels, x -> x.equalTo(label)))
        .cast("long")));
  }
}
