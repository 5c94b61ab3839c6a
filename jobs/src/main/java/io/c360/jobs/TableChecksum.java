package io.c360.jobs;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.base64;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import io.c360.core.catalog.Tables;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructType;

/**
 * An order-independent content checksum of a table: each row becomes one canonical string, the 64-bit xxHash of
 * the strings are summed modulo 2^64, and the row count goes with it. Two tables with the same multiset of rows
 * have the same checksum whatever their partitioning or row order.
 *
 * <p>Canonical form: the row's columns in declared order as a JSON array of strings (null stays null); doubles and
 * floats in scientific notation with {@code digits} significant digits (a sum's last bits depend on the order in
 * which shuffle blocks arrive, so two correct runs can differ there), -0.0 as 0.0; maps as their entries sorted by
 * key; arrays and structs element by element; dates and timestamps in the session time zone.
 */
public final class TableChecksum {

  /**
   * Columns that record when or in which run a row was written, not what it says; they differ between any two runs
   * and are left out of every checksum. No gold table has one.
   */
  public static final Set<String> VOLATILE_COLUMNS =
      Set.of(Tables.INGESTED_AT, "run_id", "checked_at", "started_at", "ended_at", "trained_at");

  /** Types whose string cast is already canonical (dates and timestamps in the session time zone). */
  private static final Set<DataType> AS_TEXT = Set.of(DataTypes.StringType, DataTypes.BooleanType, DataTypes.ByteType,
      DataTypes.ShortType, DataTypes.IntegerType, DataTypes.LongType, DataTypes.DateType, DataTypes.TimestampType,
      DataTypes.TimestampNTZType);

  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(64);

  /** A table's row count and checksum (16 hex digits). */
  public record Result(String table, long rows, String checksum) {
  }

  private TableChecksum() {
  }

  /**
   * A table to checksum.
   *
   * @param rows    the table (all of it, or one as-of date)
   * @param exclude column names left out, e.g. {@link #VOLATILE_COLUMNS}
   */
  public record Input(String table, Dataset<Row> rows, Collection<String> exclude) {
  }

  /**
   * @param digits significant digits kept of doubles and floats, 1..17
   * @see Input
   */
  public static Result of(String table, Dataset<Row> rows, Collection<String> exclude, int digits) {
    return of(List.of(new Input(table, rows, exclude)), digits).get(0);
  }

  /**
   * The checksums of several tables, in their order, from one Spark query (a union of one aggregation per table):
   * one plan and one round trip instead of one per table. Only one row per table reaches the driver.
   */
  public static List<Result> of(List<Input> tables, int digits) {
    Dataset<Row> all = null;
    for (int i = 0; i < tables.size(); i++) {
      Input table = tables.get(i);
      Dataset<Row> one = canonicalRows(table.rows(), table.exclude(), digits)
          .agg(count(lit(1)).as("rows"), sum(xxhash64(col("row")).cast(DataTypes.createDecimalType(38, 0)))
              .as("total"))
          .select(lit(i).as("i"), col("rows"), col("total"));
      all = all == null ? one : all.union(one);
    }
    Result[] results = new Result[tables.size()];
    for (Row agg : all == null ? List.<Row>of() : all.collectAsList()) {
      BigDecimal total = agg.isNullAt(2) ? BigDecimal.ZERO : agg.getDecimal(2);
      results[agg.getInt(0)] = new Result(tables.get(agg.getInt(0)).table(), agg.getLong(1),
          String.format(Locale.ROOT, "%016x", total.toBigIntegerExact().mod(MOD)));
    }
    return List.of(results);
  }

  /** One string column {@code row}: each row's canonical form, without the excluded columns. */
  public static Dataset<Row> canonicalRows(Dataset<Row> rows, Collection<String> exclude, int digits) {
    if (digits < 1 || digits > 17) {
      throw new IllegalArgumentException("digits must be between 1 and 17, got " + digits);
    }
    Column[] columns = Arrays.stream(rows.schema().fields())
        .filter(f -> !exclude.contains(f.name()))
        .map(f -> canonical(rows.col(f.name()), f.dataType(), digits))
        .toArray(Column[]::new);
    return rows.select(to_json(array(columns)).as("row"));
  }

  /** The canonical string of one value of the given type; null stays null. */
  static Column canonical(Column c, DataType type, int digits) {
    Column text;
    if (type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType)) {
      // Adding 0.0 turns -0.0 into 0.0; %e keeps digits significant digits whatever the magnitude.
      text = format_string("%." + (digits - 1) + "e", c.cast(DataTypes.DoubleType).plus(0.0));
    } else if (type instanceof DecimalType || AS_TEXT.contains(type)) {
      text = c.cast(DataTypes.StringType);
    } else if (type instanceof BinaryType) {
      text = base64(c);
    } else if (type instanceof ArrayType a) {
      text = to_json(transform(c, x -> canonical(x, a.elementType(), digits)));
    } else if (type instanceof MapType m) {
      text = to_json(array_sort(transform(map_entries(c), e -> struct(
          canonical(e.getField("key"), m.keyType(), digits).as("k"),
          canonical(e.getField("value"), m.valueType(), digits).as("v")))));
    } else if (type instanceof StructType s) {
      text = to_json(struct(Arrays.stream(s.fields())
          .map(f -> canonical(c.getField(f.name()), f.dataType(), digits).as(f.name()))
          .toArray(Column[]::new)));
    } else {
      throw new IllegalArgumentException("no canonical form for type " + type.simpleString());
    }
    return when(c.isNull(), lit(null).cast(DataTypes.StringType)).otherwise(text);
  }
}
