package io.c360.core.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Contract;
import io.c360.core.catalog.FieldType;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.SourceField;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.core.config.IngestConfig;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Validates and types one batch of a source (or of the line rows of an orders file, {@link Contract}). Input: the
 * raw rows with every contract column as a string (absent optional columns as nulls), {@link #FILE_COL}, optionally
 * {@link #ROW_COL} (kept as it is) and, when the reader produced it, {@link #CORRUPT_COL}. Output: one row per
 * input row with the typed contract columns, the batch columns and a reason code (null when the row is valid).
 * {@link #bronze} and {@link #quarantine} split it; every input row lands in exactly one of them. Dates and times
 * are parsed with the column's pattern when one is given ({@code c360.sources.<s>.formats}), else as ISO values.
 */
public final class IngestTransform {

  public static final String FILE_COL = "_source_file";
  public static final String CORRUPT_COL = "_corrupt_record";
  /** The row's position in its file (increasing in file order), when the reader provides it. */
  public static final String ROW_COL = "_row";
  static final String REASON = "_reason_code";
  static final String REASON_COLUMN = "_reason_column";
  static final String RAW = "_raw";
  static final String KEY = "_key";
  private static final String EXISTING = "_existing";
  private static final String REPLACEMENT_CHAR = "\uFFFD";

  private final Contract source;
  private final IngestConfig rules;
  private final LocalDate asOf;
  private final Map<String, String> formats;

  public IngestTransform(Contract source, IngestConfig rules, LocalDate asOf) {
    this(source, rules, asOf, Map.of());
  }

  /** @param formats contract column -> date/time pattern of its raw values */
  public IngestTransform(Contract source, IngestConfig rules, LocalDate asOf, Map<String, String> formats) {
    this.source = source;
    this.rules = rules;
    this.asOf = asOf;
    this.formats = Map.copyOf(formats);
  }

  /**
   * Checks every row and marks duplicates.
   *
   * @param raw          raw rows as described in the class comment
   * @param batchId      the batch being ingested
   * @param ingestedAt   ingest time stamped on every row
   * @param existingKeys keys of this source already in bronze from other batches (facts), or null
   */
  public Dataset<Row> transform(Dataset<Row> raw, String batchId, Timestamp ingestedAt, Dataset<Row> existingKeys) {
    boolean hasCorrupt = List.of(raw.columns()).contains(CORRUPT_COL);
    boolean hasRow = List.of(raw.columns()).contains(ROW_COL);
    List<Column> rawColumns = source.fields().stream().map(f -> col(f.name())).toList();
    Column rawJson = hasCorrupt
        ? coalesce(col(CORRUPT_COL), to_json(struct(rawColumns.toArray(Column[]::new))))
        : to_json(struct(rawColumns.toArray(Column[]::new)));
    Column key = keyColumn();

    List<Column> reasons = new ArrayList<>();
    if (hasCorrupt) {
      reasons.add(when(col(CORRUPT_COL).isNotNull(), lit(ReasonCode.MALFORMED_ROW + ":")));
    }
    source.fields().forEach(f -> reasons.add(textReason(f)));
    source.fields().stream().filter(SourceField::key).forEach(f ->
        reasons.add(when(blank(f), reason(ReasonCode.MISSING_KEY, f))));
    source.fields().stream().filter(f -> f.required() && !f.key()).forEach(f ->
        reasons.add(when(blank(f), reason(ReasonCode.MISSING_VALUE, f))));
    source.fields().forEach(f -> reasons.add(valueReason(f)));

    List<Column> projection = new ArrayList<>();
    source.fields().forEach(f -> projection.add(typed(f).as(f.name())));
    projection.add(col(FILE_COL));
    if (hasRow) {
      projection.add(col(ROW_COL));
    }
    projection.add(rawJson.as(RAW));
    projection.add(key.as(KEY));
    projection.add(coalesce(reasons.toArray(Column[]::new)).as("_reason"));
    Dataset<Row> checked = markDuplicates(raw.select(projection.toArray(Column[]::new)), existingKeys);

    Column reason = col("_reason");
    List<Column> output = new ArrayList<>();
    source.fields().forEach(f -> output.add(col(f.name())));
    output.add(col(FILE_COL));
    if (hasRow) {
      output.add(col(ROW_COL));
    }
    output.add(col(RAW));
    output.add(col(KEY));
    output.add(reasonCode(reason).as(REASON));
    output.add(reasonColumn(reason).as(REASON_COLUMN));
    output.add(lit(batchId).as(Tables.BATCH_ID));
    output.add(lit(ingestedAt).as(Tables.INGESTED_AT));
    return checked.select(output.toArray(Column[]::new));
  }

  /** The valid rows, shaped as the source's bronze table. */
  public Dataset<Row> bronze(Dataset<Row> checked) {
    TableDef table = Tables.bronze(Source.byId(source.id()).orElseThrow());
    return checked.where(col(REASON).isNull())
        .select(table.columnNames().stream().map(c -> col(c).cast(table.schema().apply(c).dataType()))
            .toArray(Column[]::new));
  }

  /** The rejected rows, shaped as the quarantine table. */
  public Dataset<Row> quarantine(Dataset<Row> checked) {
    return checked.where(col(REASON).isNotNull()).select(
        lit(source.id()).as("source"),
        col(Tables.BATCH_ID),
        col(Tables.INGESTED_AT),
        col(FILE_COL).as(Tables.SOURCE_FILE),
        col(REASON).as("reason_code"),
        col(REASON_COLUMN).as("column_name"),
        when(col(KEY).notEqual(""), col(KEY)).as("record_key"),
        col(RAW).as("raw_record"));
  }

  /** The code of a {@code CODE:column} reason. */
  static Column reasonCode(Column reason) {
    return substring_index(reason, ":", 1);
  }

  /** The column of a {@code CODE:column} reason, null when it names none. */
  static Column reasonColumn(Column reason) {
    return when(substring_index(reason, ":", -1).notEqual(""), substring_index(reason, ":", -1));
  }

  /** True on the checked rows that go to bronze. */
  public static Column isValid() {
    return col(REASON).isNull();
  }

  /** The key of a row as one string (key columns joined by '|'), on raw or bronze rows alike. */
  public Column keyColumn() {
    return concat_ws("|", source.keys().stream().map(k -> col(k).cast("string")).toArray(Column[]::new));
  }

  private Dataset<Row> markDuplicates(Dataset<Row> checked, Dataset<Row> existingKeys) {
    Dataset<Row> marked = checked;
    if (existingKeys != null && source.kind() == Source.Kind.FACT) {
      Dataset<Row> seen = existingKeys.select(col(KEY).as(EXISTING)).distinct();
      marked = marked.join(seen, col(KEY).equalTo(col(EXISTING)), "left")
          .select(replaceReason(marked, when(col("_reason").isNull().and(col(EXISTING).isNotNull()), duplicate())
              .otherwise(col("_reason"))));
    }
    if (source.keys().isEmpty()) {
      return marked;
    }
    WindowSpec byKey = Window.partitionBy(col(KEY), col("_reason").isNull()).orderBy(col(FILE_COL), col(RAW));
    return marked.select(replaceReason(marked, when(col("_reason").isNull().and(row_number().over(byKey).gt(1)),
        duplicate()).otherwise(col("_reason"))));
  }

  /** All columns of {@code ds} with {@code _reason} replaced by {@code reason}. */
  private static Column[] replaceReason(Dataset<Row> ds, Column reason) {
    return java.util.Arrays.stream(ds.columns())
        .map(c -> c.equals("_reason") ? reason.as("_reason") : col(c))
        .toArray(Column[]::new);
  }

  private Column duplicate() {
    return lit(ReasonCode.DUPLICATE_KEY + ":" + String.join("|", source.keys()));
  }

  private Column textReason(SourceField f) {
    Column value = col(f.name());
    int limit = f.text() ? rules.maxTextLength() : rules.maxFieldLength();
    return when(value.contains(REPLACEMENT_CHAR), reason(ReasonCode.BAD_ENCODING, f))
        .when(length(value).gt(limit), reason(ReasonCode.OVERLONG_FIELD, f));
  }

  private Column valueReason(SourceField f) {
    Column value = col(f.name());
    Column present = value.isNotNull().and(trim(value).notEqual(""));
    Column parsed = typed(f);
    List<Column> checks = new ArrayList<>();
    ReasonCode parseFailure = switch (f.type()) {
      case STRING -> null;
      case TIMESTAMP -> ReasonCode.BAD_TIMESTAMP;
      case DATE -> ReasonCode.BAD_DATE;
      case BOOLEAN -> ReasonCode.BAD_BOOLEAN;
      default -> ReasonCode.BAD_NUMBER;
    };
    if (parseFailure != null) {
      checks.add(when(present.and(parsed.isNull()), reason(parseFailure, f)));
    }
    if (!f.allowed().isEmpty()) {
      checks.add(when(present.and(lower(trim(value)).isin(f.allowed().toArray()).unary_$bang()),
          reason(ReasonCode.BAD_VALUE, f)));
    }
    if (f.nonNegative()) {
      checks.add(when(parsed.lt(0), reason(ReasonCode.NEGATIVE_VALUE, f)));
    }
    if (f.scale() != null) {
      checks.add(when(parsed.lt(f.scale().min()).or(parsed.gt(f.scale().max())), reason(ReasonCode.OUT_OF_RANGE, f)));
    }
    if (f.type() == FieldType.AMOUNT) {
      checks.add(when(parsed.gt(rules.maxAmount()), reason(ReasonCode.OUT_OF_RANGE, f)));
    }
    if (f.quantity()) {
      checks.add(when(parsed.gt(rules.maxQuantity()), reason(ReasonCode.OUT_OF_RANGE, f)));
    }
    if (f.name().equals("currency")) {
      checks.add(when(present.and(upper(trim(value)).isin(rules.currencies().toArray()).unary_$bang()),
          reason(ReasonCode.UNKNOWN_CURRENCY, f)));
    }
    if (f.type() == FieldType.TIMESTAMP || f.type() == FieldType.DATE) {
      LocalDate latest = asOf.plusDays(rules.futureToleranceDays() + 1L);
      checks.add(when(parsed.geq(lit(java.sql.Date.valueOf(latest)).cast(f.type().sparkType())),
          reason(ReasonCode.FUTURE_TIMESTAMP, f)));
      checks.add(when(parsed.lt(lit(java.sql.Date.valueOf(rules.minDate())).cast(f.type().sparkType())),
          reason(ReasonCode.TOO_OLD, f)));
    }
    return checks.isEmpty() ? lit(null).cast("string") : coalesce(checks.toArray(Column[]::new));
  }

  private static Column blank(SourceField f) {
    return col(f.name()).isNull().or(trim(col(f.name())).equalTo(""));
  }

  private Column typed(SourceField f) {
    Column value = col(f.name());
    if (f.type() == FieldType.STRING) {
      return value;
    }
    String pattern = formats.get(f.name());
    if (pattern != null && f.type() == FieldType.TIMESTAMP) {
      return to_timestamp(trim(value), pattern);
    }
    if (pattern != null && f.type() == FieldType.DATE) {
      return to_date(trim(value), pattern);
    }
    return trim(value).cast(f.type().sparkType());
  }

  private static Column reason(ReasonCode code, SourceField f) {
    return lit(code + ":" + f.name());
  }
}
