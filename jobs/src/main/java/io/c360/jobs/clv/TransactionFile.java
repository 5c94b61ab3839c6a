package io.c360.jobs.clv;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.c360.jobs.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A transactions file for the CLV command: CSV with a delimiter, or whitespace-separated fields; with or without
 * a header line. Columns are named (header) or 1-based indexes ({@code noHeader}). {@link #read} returns
 * {@code customer} (string), {@code date} (date) and {@code amount} (double, when an amount column is given),
 * after one validation pass that fails with an {@link InputException} naming the first bad value.
 *
 * @param path        the file (or a folder of files)
 * @param delimiter   field delimiter of CSV; ignored with whitespace
 * @param whitespace  fields separated by runs of blanks, leading blanks ignored
 * @param header      the first line names the columns
 * @param customerCol customer column: name, or 1-based index without a header
 * @param dateCol     date column
 * @param amountCol   amount column, or null
 * @param dateFormat  Spark datetime pattern (e.g. yyyyMMdd), or null for ISO dates and timestamps
 */
public record TransactionFile(Path path, String delimiter, boolean whitespace, boolean header, String customerCol,
                              String dateCol, String amountCol, String dateFormat) {

  public static final String CUSTOMER = "customer";
  public static final String DATE = "date";
  public static final String AMOUNT = "amount";

  public TransactionFile {
    if (dateFormat != null) {
      try {
        DateTimeFormatter.ofPattern(dateFormat);
      } catch (IllegalArgumentException e) {
        throw new InputException("invalid date format '" + dateFormat + "': " + e.getMessage(), e);
      }
    }
    if (!whitespace && (delimiter == null || delimiter.isEmpty())) {
      throw new InputException("the delimiter must not be empty");
    }
  }

  public Dataset<Row> read(SparkSession spark) {
    if (!Files.exists(path)) {
      throw new InputException("input not found: " + path);
    }
    Dataset<Row> raw = whitespace ? readWhitespace(spark) : readDelimited(spark);
    List<String> names = Arrays.asList(raw.columns());
    List<Column> typed = new ArrayList<>();
    typed.add(field(raw, names, customerCol, "customer").as("_customer"));
    typed.add(field(raw, names, dateCol, "date").as("_date"));
    if (amountCol != null) {
      typed.add(field(raw, names, amountCol, "amount").as("_amount_raw"));
    } else {
      typed.add(lit(null).cast("string").as("_amount_raw"));
    }
    Dataset<Row> fields = raw.select(typed.toArray(new Column[0]));
    Column date = dateFormat != null ? to_date(col("_date"), dateFormat) : to_date(col("_date"));
    Column amount = col("_amount_raw").cast("double");
    Dataset<Row> parsed = fields.select(col("_customer"), col("_date"), col("_amount_raw"), date.as(DATE),
        amount.as(AMOUNT));
    validate(parsed);
    List<Column> out = new ArrayList<>(List.of(col("_customer").as(CUSTOMER), col(DATE)));
    if (amountCol != null) {
      out.add(col(AMOUNT));
    }
    return parsed.select(out.toArray(new Column[0]));
  }

  private Dataset<Row> readDelimited(SparkSession spark) {
    return spark.read().option("sep", delimiter).option("header", header).option("inferSchema", false)
        .option("mode", "PERMISSIVE").csv(path.toString());
  }

  private Dataset<Row> readWhitespace(SparkSession spark) {
    Dataset<Row> lines = spark.read().text(path.toString()).select(trim(col("value")).as("line"))
        .where(length(col("line")).gt(0));
    List<String> names = new ArrayList<>();
    if (header) {
      List<Row> first = lines.takeAsList(1);
      if (first.isEmpty()) {
        throw new InputException("input has no rows: " + path);
      }
      String headerLine = first.get(0).getString(0);
      names.addAll(Arrays.asList(headerLine.split("\\s+")));
      lines = lines.where(col("line").notEqual(lit(headerLine)));
    }
    Dataset<Row> split = lines.select(split(col("line"), "\\s+").as("_f"));
    if (!header) {
      return split;
    }
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      columns.add(col("_f").getItem(i).as(names.get(i)));
    }
    return split.select(columns.toArray(new Column[0]));
  }

  /** A named column, or the 1-based field of a headerless file. */
  private Column field(Dataset<Row> raw, List<String> names, String spec, String role) {
    if (header) {
      if (!names.contains(spec)) {
        throw new InputException("unknown " + role + " column '" + spec + "'; the file has " + String.join(", ", names));
      }
      return col("`" + spec + "`");
    }
    int index;
    try {
      index = Integer.parseInt(spec);
    } catch (NumberFormatException e) {
      throw new InputException("without a header, the " + role + " column must be a 1-based index, got '" + spec
          + "'");
    }
    if (index < 1) {
      throw new InputException("the " + role + " column index must be >= 1, got " + index);
    }
    if (whitespace) {
      return col("_f").getItem(index - 1);
    }
    if (index > names.size()) {
      throw new InputException("unknown " + role + " column " + index + "; the file has " + names.size()
          + " columns");
    }
    return col(names.get(index - 1));
  }

  /** One aggregation: counts and first examples of missing customers and unparseable dates and amounts. */
  private void validate(Dataset<Row> parsed) {
    Column noCustomer = col("_customer").isNull().or(trim(col("_customer")).equalTo(""));
    Column badDate = col(DATE).isNull();
    Column badAmount = amountCol != null ? col(AMOUNT).isNull() : lit(false);
    Row check = parsed.agg(
        count(when(noCustomer, lit(1))),
        count(when(badDate, lit(1))), first(when(badDate, col("_date")), true),
        first(when(badDate, col("_customer")), true),
        count(when(badAmount, lit(1))), first(when(badAmount, col("_amount_raw")), true),
        first(when(badAmount, col("_customer")), true),
        count(lit(1))).first();
    if (check.getLong(7) == 0) {
      throw new InputException("input has no rows: " + path);
    }
    if (check.getLong(0) > 0) {
      throw new InputException(String.format(Locale.ROOT, "%d rows have no customer (column %s)", check.getLong(0),
          customerCol));
    }
    if (check.getLong(1) > 0) {
      throw new InputException(String.format(Locale.ROOT, "cannot parse date '%s' (customer %s) in column %s with "
              + "format %s; %d rows affected", check.get(2), check.get(3), dateCol,
          dateFormat != null ? dateFormat : "yyyy-MM-dd", check.getLong(1)));
    }
    if (check.getLong(4) > 0) {
      throw new InputException(String.format(Locale.ROOT, "cannot parse amount '%s' (customer %s) in column %s as "
          + "a number; %d rows affected", check.get(5), check.get(6), amountCol, check.getLong(4)));
    }
  }
}
