package io.c360.core.catalog;

import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;

/** One column of a declared table: name, type, nullability and the comment analysts see. */
public record Column(String name, FieldType type, boolean nullable, String comment) {

  public Column {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("column name must not be blank");
    }
    if (comment == null || comment.isBlank()) {
      throw new IllegalArgumentException("column " + name + " needs a comment");
    }
  }

  public static Column of(String name, FieldType type, String comment) {
    return new Column(name, type, true, comment);
  }

  public static Column required(String name, FieldType type, String comment) {
    return new Column(name, type, false, comment);
  }

  public StructField toStructField() {
    Metadata meta = new MetadataBuilder().putString("comment", comment).build();
    return new StructField(name, type.sparkType(), nullable, meta);
  }
}
