package io.c360.core.catalog;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The value types of the source contract and of the lake's tables. */
public enum FieldType {
  STRING(DataTypes.StringType),
  INT(DataTypes.IntegerType),
  LONG(DataTypes.LongType),
  DOUBLE(DataTypes.DoubleType),
  /** Money: two decimals, up to 16 integer digits. */
  AMOUNT(DataTypes.createDecimalType(18, 2)),
  BOOLEAN(DataTypes.BooleanType),
  DATE(DataTypes.DateType),
  TIMESTAMP(DataTypes.TimestampType),
  /** A list of names: {@code array<string>}. */
  STRINGS(DataTypes.createArrayType(DataTypes.StringType)),
  /** Counts by label, e.g. tickets per category: {@code map<string, bigint>}. */
  COUNTS(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType)),
  /** Shares by label summing to 1, e.g. orders per channel: {@code map<string, double>}. */
  SHARES(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType)),
  /** Measures by label, e.g. expected purchases per horizon: {@code map<string, double>}. */
  MEASURES(DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType));

  private final DataType sparkType;

  FieldType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }
}
