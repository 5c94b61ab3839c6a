package io.c360.core.catalog;

import static io.c360.core.catalog.Column.of;
import static io.c360.core.catalog.Column.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The catalog: every table of the lake is declared here and nowhere else. */
public final class Tables {

  /** Columns every bronze table carries besides the contract's. */
  public static final String BATCH_ID = "_batch_id";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String SOURCE_FILE = "_source_file";

  public static final TableDef QUARANTINE = new TableDef("quarantine", Layer.BRONZE,
      "Rows rejected by ingest, with the reason; input rows = bronze rows + quarantined rows per source and batch",
      List.of(
          required("source", FieldType.STRING, "Source the row came from, e.g. orders"),
          required(BATCH_ID, FieldType.STRING, "Ingest batch (fingerprint of the source files)"),
          required(INGESTED_AT, FieldType.TIMESTAMP, "When the batch was ingested"),
          of(SOURCE_FILE, FieldType.STRING, "File the row was read from"),
          required("reason_code", FieldType.STRING,
              "Why the row was rejected: MALFORMED_ROW, MISSING_KEY, MISSING_VALUE, BAD_NUMBER, BAD_TIMESTAMP, BAD_DATE, BAD_BOOLEAN, "
                  + "BAD_VALUE, NEGATIVE_VALUE, UNKNOWN_CURRENCY, FUTURE_TIMESTAMP, TOO_OLD, BAD_ENCODING, "
                  + "OVERLONG_FIELD, DUPLICATE_KEY"),
          of("column_name", FieldType.STRING, "Column that failed the check, if one did"),
          of("record_key", FieldType.STRING, "Key of the row (e.g. the order id) when it could be read"),
          of("raw_record", FieldType.STRING, "The row as read, as JSON of the raw text values (may hold personal data)")),
      List.of(), List.of("source"));

  public static final TableDef DQ_RESULTS = new TableDef("dq_results", Layer.OPS,
      "Data-quality check results, appended per run", List.of(
          required("run_id", FieldType.STRING, "Run that evaluated the check"),
          required("as_of", FieldType.DATE, "As-of date of the run"),
          required("table_name", FieldType.STRING, "Table checked"),
          required("check_name", FieldType.STRING, "Check, e.g. completeness(order_ts)"),
          required("level", FieldType.STRING, "error or warning"),
          required("status", FieldType.STRING, "pass or fail"),
          of("observed", FieldType.DOUBLE, "Observed value"),
          of("threshold", FieldType.DOUBLE, "Threshold the value was compared with"),
          of("detail", FieldType.STRING, "What the check compares"),
          required("checked_at", FieldType.TIMESTAMP, "When the check ran")),
      List.of("run_id", "table_name", "check_name"), List.of());

  public static final TableDef JOB_RUNS = new TableDef("job_runs", Layer.OPS,
      "Every job run: one row per run, written at start (running) and updated at the end", List.of(
          required("run_id", FieldType.STRING, "Unique run id"),
          required("job", FieldType.STRING, "Job name, e.g. ingest"),
          required("as_of", FieldType.DATE, "As-of date the job ran for"),
          required("started_at", FieldType.TIMESTAMP, "Start time"),
          of("ended_at", FieldType.TIMESTAMP, "End time; empty while running or after a crash"),
          required("status", FieldType.STRING, "running, succeeded, failed or gate_failed"),
          of("rows_in", FieldType.LONG, "Rows read"),
          of("rows_out", FieldType.LONG, "Rows written"),
          of("message", FieldType.STRING, "Error or summary message")),
      List.of("run_id"), List.of());

  public static final TableDef INGEST_BATCHES = new TableDef("ingest_batches", Layer.OPS,
      "One row per source batch ingested completely; a batch listed here is not ingested again", List.of(
          required("source", FieldType.STRING, "Source, e.g. orders"),
          required(BATCH_ID, FieldType.STRING, "Batch id: fingerprint of the source files (names, sizes, CRC32C)"),
          required(INGESTED_AT, FieldType.TIMESTAMP, "When the batch was ingested"),
          required("run_id", FieldType.STRING, "Ingest run"),
          of("files", FieldType.LONG, "Data files read"),
          of("rows_in", FieldType.LONG, "Rows read"),
          of("rows_bronze", FieldType.LONG, "Rows written to the bronze table"),
          of("rows_quarantined", FieldType.LONG, "Rows written to quarantine")),
      List.of("source", BATCH_ID), List.of());

  public static final TableDef IDENTITY_MAP = new TableDef("identity_map", Layer.SILVER,
      "Source record -> customer_id per as-of date, with the evidence that linked it", List.of(
          required("as_of", FieldType.DATE, "As-of date of the identity run"),
          required("entity_type", FieldType.STRING, "account, guest_order, member or device"),
          required("source", FieldType.STRING, "Source the entity comes from: orders, members or events"),
          required("source_key", FieldType.STRING, "Key in the source: account_id, order_id, member_id or device_id"),
          required("customer_id", FieldType.STRING, "Unified customer id, stable across runs"),
          required("linked_by", FieldType.STRING,
              "Identifier types that linked this entity to others (phone, email, member), or none"),
          of("linked_at", FieldType.TIMESTAMP, "First time the linking identifier was seen on this entity"),
          of("first_seen", FieldType.TIMESTAMP, "First record of the entity"),
          of("last_seen", FieldType.TIMESTAMP, "Latest record of the entity")),
      List.of("as_of", "entity_type", "source_key"), List.of("as_of"));

  public static final TableDef IDENTITY_HISTORY = new TableDef("identity_history", Layer.SILVER,
      "Customer merges and splits between identity runs", List.of(
          required("as_of", FieldType.DATE, "As-of date of the run that saw the change"),
          required("event", FieldType.STRING, "merge (other_customer_id absorbed into customer_id) or split "
              + "(part of customer_id moved to other_customer_id)"),
          required("customer_id", FieldType.STRING, "Surviving or splitting customer"),
          required("other_customer_id", FieldType.STRING, "Absorbed or split-off customer")),
      List.of(), List.of("as_of"));

  public static final TableDef IDENTITY_SHARED = new TableDef("identity_shared_identifiers", Layer.SILVER,
      "Identifiers not used as links because many people share them (family or counter phones)", List.of(
          required("as_of", FieldType.DATE, "As-of date of the identity run"),
          required("id_type", FieldType.STRING, "phone, email or device"),
          required("id_hash", FieldType.STRING, "HMAC-SHA256 of the normalised identifier (device id for devices)"),
          of("accounts", FieldType.LONG, "Distinct accounts using it"),
          of("members", FieldType.LONG, "Distinct members using it (members logged in, for devices)"),
          of("guest_orders", FieldType.LONG, "Guest orders using it"),
          required("reason", FieldType.STRING, "Why it is not a link")),
      List.of("as_of", "id_type", "id_hash"), List.of("as_of"));

  public static final TableDef CUSTOMER_PII = new TableDef("customer_pii", Layer.SILVER,
      "RESTRICTED vault: raw personal data per customer; readable only with the admin role", List.of(
          required("as_of", FieldType.DATE, "As-of date of the identity run"),
          required("customer_id", FieldType.STRING, "Unified customer id"),
          of("names", FieldType.STRING, "Names from membership records, '; '-separated (raw)"),
          of("phones", FieldType.STRING, "Phones in E.164, '; '-separated (raw)"),
          of("emails", FieldType.STRING, "Normalised emails, '; '-separated (raw)"),
          of("member_ids", FieldType.STRING, "Member ids, '; '-separated"),
          of("account_ids", FieldType.STRING, "Account ids, '; '-separated")),
      List.of("as_of", "customer_id"), List.of("as_of"));

  /** Tables holding raw personal data: never readable through c360's SQL access without the admin role. */
  public static final List<TableDef> RESTRICTED = List.of(CUSTOMER_PII);

  /** Contract columns that hold raw personal data wherever they appear. */
  private static final List<String> PERSONAL_FIELDS = List.of("phone", "email", "name", "birth_date");

  public static final TableDef MODEL_METRICS = new TableDef("model_metrics", Layer.OPS,
      "Model evaluation metrics by model, version and as-of date", List.of(
          required("model", FieldType.STRING, "Model, e.g. identity, clv_bgnbd, churn, recs"),
          required("model_version", FieldType.STRING, "Model version"),
          required("as_of", FieldType.DATE, "As-of date of the evaluation"),
          required("metric", FieldType.STRING, "Metric name, lower case (precision, recall, f1, auc, ...)"),
          of("value", FieldType.DOUBLE, "Metric value"),
          of("detail", FieldType.STRING, "Bucket, decile or k the metric belongs to, if any")),
      List.of("model", "model_version", "as_of", "metric", "detail"), List.of());

  private static final List<TableDef> BRONZE = Arrays.stream(Source.values()).map(Tables::bronzeDef).toList();

  private Tables() {
  }

  /** The bronze table of a source: the contract's columns plus batch id, ingest time and file. */
  public static TableDef bronze(Source source) {
    return BRONZE.get(source.ordinal());
  }

  /** Every declared table, bronze first. */
  public static List<TableDef> all() {
    List<TableDef> all = new ArrayList<>(BRONZE);
    all.addAll(List.of(QUARANTINE, IDENTITY_MAP, IDENTITY_HISTORY, IDENTITY_SHARED, CUSTOMER_PII, INGEST_BATCHES,
        DQ_RESULTS,
        JOB_RUNS, MODEL_METRICS));
    return List.copyOf(all);
  }

  /**
   * Columns of readable tables that hold raw personal data, as {@code table.column}: the phones, emails, names and
   * birth dates of the bronze tables and the raw records in quarantine. Reading them needs the admin role.
   */
  public static List<String> personalColumns() {
    List<String> columns = new ArrayList<>();
    for (TableDef table : BRONZE) {
      table.columnNames().stream().filter(PERSONAL_FIELDS::contains).forEach(c -> columns.add(table.name() + "." + c));
    }
    columns.add(QUARANTINE.name() + ".raw_record");
    return List.copyOf(columns);
  }

  public static Optional<TableDef> byName(String name) {
    return all().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private static TableDef bronzeDef(Source source) {
    List<Column> columns = new ArrayList<>(source.fields().stream().map(SourceField::toColumn).toList());
    columns.add(required(BATCH_ID, FieldType.STRING, "Ingest batch (fingerprint of the source files)"));
    columns.add(required(INGESTED_AT, FieldType.TIMESTAMP, "When the batch was ingested"));
    columns.add(of(SOURCE_FILE, FieldType.STRING, "File the row was read from"));
    return new TableDef("bronze_" + source.id(), Layer.BRONZE, source.description() + ", typed, as ingested",
        columns, source.keys(), List.of(BATCH_ID));
  }
}
