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
                  + "OVERLONG_FIELD, DUPLICATE_KEY, INCONSISTENT_ORDER"),
          of("column_name", FieldType.STRING, "Column that failed the check, if one did"),
          of("record_key", FieldType.STRING, "Key of the row (e.g. the order id) when it could be read"),
          of("raw_record", FieldType.STRING, "The row as read, as JSON of the raw text values (may hold personal data)")),
      List.of(), List.of("source"));

  public static final TableDef DQ_RESULTS = new TableDef("dq_results", Layer.OPS,
      "Data-quality check results, appended per run", List.of(
          required("run_id", FieldType.STRING, "Run that evaluated the check"),
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the run"),
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
          required(Columns.AS_OF, FieldType.DATE, "As-of date the job ran for"),
          required("started_at", FieldType.TIMESTAMP, "Start time"),
          of("ended_at", FieldType.TIMESTAMP, "End time; empty while running or after a crash"),
          required("status", FieldType.STRING, "running, succeeded, skipped, failed or gate_failed"),
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
          of("rows_in", FieldType.LONG, "Rows read, less those of forgotten customers (dropped)"),
          of("rows_bronze", FieldType.LONG, "Rows written to the bronze table"),
          of("rows_quarantined", FieldType.LONG, "Rows written to quarantine"),
          of("absent_columns", FieldType.STRINGS, "Contract columns the batch's files do not have (the gate leaves "
              + "checks on them out)")),
      List.of("source", BATCH_ID), List.of());

  public static final TableDef IDENTITY_MAP = new TableDef("identity_map", Layer.SILVER,
      "Source record -> customer_id per as-of date, with the evidence that linked it", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the identity run"),
          required("entity_type", FieldType.STRING, "account, guest_order, member or device"),
          required("source", FieldType.STRING, "Source the entity comes from: orders, members or events"),
          required("source_key", FieldType.STRING, "Key in the source: account_id, order_id, member_id or device_id"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id, stable across runs"),
          required("linked_by", FieldType.STRING,
              "Identifier types that linked this entity to others (phone, email, member), or none"),
          of("linked_at", FieldType.TIMESTAMP, "First time the linking identifier was seen on this entity"),
          of("first_seen", FieldType.TIMESTAMP, "First record of the entity"),
          of("last_seen", FieldType.TIMESTAMP, "Latest record of the entity")),
      List.of(Columns.AS_OF, "entity_type", "source_key"), List.of(Columns.AS_OF));

  public static final TableDef IDENTITY_HISTORY = new TableDef("identity_history", Layer.SILVER,
      "Customer merges and splits between identity runs", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the run that saw the change"),
          required("event", FieldType.STRING, "merge (other_customer_id absorbed into customer_id) or split "
              + "(part of customer_id moved to other_customer_id)"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Surviving or splitting customer"),
          required("other_customer_id", FieldType.STRING, "Absorbed or split-off customer")),
      List.of(), List.of(Columns.AS_OF));

  public static final TableDef IDENTITY_SHARED = new TableDef("identity_shared_identifiers", Layer.SILVER,
      "Identifiers not used as links because many people share them (family or counter phones)", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the identity run"),
          required("id_type", FieldType.STRING, "phone, email or device"),
          required("id_hash", FieldType.STRING, "HMAC-SHA256 of the normalised identifier (device id for devices)"),
          of("accounts", FieldType.LONG, "Distinct accounts using it"),
          of("members", FieldType.LONG, "Distinct members using it (members logged in, for devices)"),
          of("guest_orders", FieldType.LONG, "Guest orders using it"),
          required("reason", FieldType.STRING, "Why it is not a link")),
      List.of(Columns.AS_OF, "id_type", "id_hash"), List.of(Columns.AS_OF));

  public static final TableDef CUSTOMER_PII = new TableDef("customer_pii", Layer.SILVER,
      "RESTRICTED vault: raw personal data per customer; readable only with the admin role", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the identity run"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          of("names", FieldType.STRING, "Names from membership records, '; '-separated (raw)"),
          of("phones", FieldType.STRING, "Phones in E.164, '; '-separated (raw)"),
          of("emails", FieldType.STRING, "Normalised emails, '; '-separated (raw)"),
          of("member_ids", FieldType.STRING, "Member ids, '; '-separated"),
          of("account_ids", FieldType.STRING, "Account ids, '; '-separated")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID), List.of(Columns.AS_OF));

  public static final TableDef CUSTOMER_360 = new TableDef("customer_360", Layer.GOLD,
      "One row per customer per as-of date: masked profile, orders, basket, service, feedback and engagement, "
          + "computed from the records up to the as-of date only", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date: only records up to the end of this day are used"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id (identity_map)"),
          of("name_initial", FieldType.STRING, "First character of the latest known name, then *"),
          of("phone_hash", FieldType.STRING, "HMAC-SHA256 of the latest phone in E.164 (key from conf or env)"),
          of("phone_last4", FieldType.STRING, "Last four digits of the latest phone, as ***1234"),
          of("email_domain", FieldType.STRING, "Domain of the latest email"),
          of("gender", FieldType.STRING, "F, M or as recorded, from the latest member record"),
          of("age_band", FieldType.STRING, "Age on the as-of date: <18, 18-24, 25-34, 35-44, 45-54, 55-64, 65+"),
          of("city", FieldType.STRING, "Home city of the member record, else the latest delivery city"),
          of("member_tier", FieldType.STRING, "Membership tier of the latest member record (lower case)"),
          of("member_points", FieldType.LONG, "Loyalty points of the latest member record"),
          of("member_since", FieldType.DATE, "Earliest sign-up date of the customer's member records"),
          of("member_records", FieldType.LONG, "Member records unified into this customer"),
          of("tenure_days", FieldType.INT, "Days from the first sign-up or order to the as-of date"),
          of("marketing_consent", FieldType.BOOLEAN, "Marketing consent of the latest member record"),
          of("first_order_date", FieldType.DATE, "First order (not cancelled)"),
          of("last_order_date", FieldType.DATE, "Latest order (not cancelled)"),
          required("orders", FieldType.LONG, "Orders, not counting cancelled ones"),
          required("order_days", FieldType.LONG, "Distinct days with an order"),
          of("revenue", FieldType.AMOUNT, "Amount of paid orders (returned and cancelled orders excluded); 0 without "
              + "paid orders, empty when the orders carry no amounts"),
          of("avg_order_value", FieldType.AMOUNT, "Revenue / paid orders"),
          of("revenue_30d", FieldType.AMOUNT, "Revenue of the 30 days ending on the as-of date"),
          of("revenue_90d", FieldType.AMOUNT, "Revenue of the 90 days ending on the as-of date"),
          of("revenue_365d", FieldType.AMOUNT, "Revenue of the 365 days ending on the as-of date"),
          of("favourite_category", FieldType.STRING, "Category with the most order lines"),
          of("category_count", FieldType.INT, "Distinct categories bought"),
          of("weekend_share", FieldType.DOUBLE, "Share of orders placed on Saturday or Sunday"),
          of("morning_share", FieldType.DOUBLE, "Share of orders placed 06:00-11:59"),
          of("afternoon_share", FieldType.DOUBLE, "Share of orders placed 12:00-17:59"),
          of("evening_share", FieldType.DOUBLE, "Share of orders placed 18:00-23:59"),
          of("night_share", FieldType.DOUBLE, "Share of orders placed 00:00-05:59"),
          of("channel_mix", FieldType.SHARES, "Share of orders per sales channel, e.g. {app -> 0.6, web -> 0.4}"),
          of("discount_share", FieldType.DOUBLE, "Share of orders with a discount (price sensitivity)"),
          of("discount_rate", FieldType.DOUBLE, "Discount / (revenue + discount) over paid orders"),
          of("new_product_share", FieldType.DOUBLE, "Share of order lines of products launched at most 90 days "
              + "before the order (novelty)"),
          of("return_rate", FieldType.DOUBLE, "Returned orders / orders"),
          of("cancel_rate", FieldType.DOUBLE, "Cancelled orders / all orders including cancelled"),
          of("interval_mean_days", FieldType.DOUBLE, "Mean days between consecutive order days"),
          of("interval_sd_days", FieldType.DOUBLE, "Standard deviation of the days between consecutive order days"),
          of("days_since_last_order", FieldType.INT, "Days from the latest order to the as-of date"),
          of("expected_next_order", FieldType.DATE, "Latest order date + mean interval (two order days or more)"),
          of("tickets", FieldType.LONG,
              "Service tickets created up to the as-of date (null without a tickets source)"),
          of("tickets_90d", FieldType.LONG, "Service tickets created in the 90 days ending on the as-of date"),
          of("open_tickets", FieldType.LONG, "Tickets not resolved by the end of the as-of date"),
          of("last_ticket_date", FieldType.DATE, "Creation date of the latest service ticket"),
          of("tickets_by_category", FieldType.COUNTS, "Tickets per complaint category ('unclassified' when none)"),
          of("median_first_response_hours", FieldType.DOUBLE, "Median hours from ticket creation to first response"),
          of("median_resolution_hours", FieldType.DOUBLE, "Median hours from ticket creation to resolution"),
          of("mean_satisfaction", FieldType.DOUBLE, "Mean satisfaction (1-5) of resolved tickets"),
          of("reviews", FieldType.LONG, "Reviews written (null without a reviews source)"),
          of("mean_rating", FieldType.DOUBLE, "Mean review rating (1-5)"),
          of("mean_sentiment", FieldType.DOUBLE, "Mean lexicon sentiment of the review texts (-1 to 1)"),
          of("last_nps", FieldType.INT, "Latest NPS answer (0-10)"),
          of("nps_class", FieldType.STRING, "Class of the latest NPS answer: promoter, passive or detractor"),
          of("last_nps_date", FieldType.DATE, "Date of the latest NPS answer"),
          of("last_ces", FieldType.INT, "Latest customer effort score (1-7)"),
          of("events_30d", FieldType.LONG,
              "App events in the 30 days ending on the as-of date (null without an events source)"),
          of("events_90d", FieldType.LONG, "App events in the 90 days ending on the as-of date"),
          of("active_days_30d", FieldType.INT, "Days with an app event in the 30 days ending on the as-of date"),
          of("last_event_ts", FieldType.TIMESTAMP, "Latest app event"),
          of("usual_city", FieldType.STRING, "City with the most location events")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID), List.of(Columns.AS_OF));

  public static final TableDef CLV_SCORES = new TableDef("clv_scores", Layer.GOLD,
      "Customer lifetime value per customer with a paid order, per as-of date: buy-till-you-die purchase model "
          + "(c360.clv.model) and Gamma-Gamma spend, fitted on the history up to the as-of date", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date: the end of the calibration period"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          required("model", FieldType.STRING, "Purchase model: bgnbd or paretonbd"),
          required("period", FieldType.STRING, "Time unit of frequency, recency and age: day, week or month"),
          required("frequency", FieldType.LONG, "Repeat purchases: distinct purchase periods minus 1"),
          required("recency", FieldType.DOUBLE, "Periods from the first to the latest purchase"),
          required("age", FieldType.DOUBLE, "Periods from the first purchase to the as-of date (T)"),
          of("avg_repeat_value", FieldType.DOUBLE, "Mean value of the repeat purchases (0 without repeats)"),
          required("p_alive", FieldType.DOUBLE, "Probability that the customer is still active"),
          required("expected_purchases", FieldType.MEASURES,
              "Expected purchases per horizon (c360.clv.horizons-days), e.g. {90d -> 1.2, 365d -> 3.9}"),
          of("expected_avg_spend", FieldType.DOUBLE, "Gamma-Gamma expected value of a future purchase"),
          of("clv", FieldType.DOUBLE, "Discounted expected margin over c360.clv.clv-months months"),
          of("clv_decile", FieldType.INT, "CLV decile, 10 = highest")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID), List.of(Columns.AS_OF));

  public static final TableDef CHURN_SCORES = new TableDef("churn_scores", Layer.GOLD,
      "Churn probability per customer_360 customer with a paid order, per as-of date: XGBoost on the customer's "
          + "features at the as-of date (c360.churn); churned = no paid order in the next c360.churn.horizon-days",
      List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date: features use only records up to the end of this day"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          required("churn_probability", FieldType.DOUBLE,
              "Probability of no paid order in the horizon-days after the as-of date"),
          of("risk_band", FieldType.STRING, "high, medium or low by the conf thresholds on churn_probability"),
          required("model_version", FieldType.STRING, "Model version in model_registry (model churn) that scored it")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID), List.of(Columns.AS_OF));

  public static final TableDef CHURN_REASONS = new TableDef("churn_reasons", Layer.GOLD,
      "Top c360.churn.top-k drivers of each churn score: exact TreeSHAP contributions, largest |contribution| first",
      List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the score (churn_scores)"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          required("rank", FieldType.INT, "1 = largest |contribution|"),
          required("feature", FieldType.STRING, "Feature name, e.g. days_since_last_order"),
          of("value", FieldType.STRING, "The customer's value of the feature, as text; empty when missing"),
          required("contribution", FieldType.DOUBLE, "SHAP value: change of the churn log-odds due to this feature"),
          required("direction", FieldType.STRING, "raises or lowers the risk"),
          of("sentence", FieldType.STRING, "The reason in words, e.g. no order for 74 days, 3x your usual gap")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID, "rank"), List.of(Columns.AS_OF));

  public static final TableDef CHURN_IMPORTANCE = new TableDef("churn_importance", Layer.GOLD,
      "Global importance of each churn feature per model version: mean |SHAP| over the out-of-time evaluation rows",
      List.of(
          required("model_version", FieldType.STRING, "Model version in model_registry (model churn)"),
          required("rank", FieldType.INT, "1 = the most important feature"),
          required("feature", FieldType.STRING, "Feature name, e.g. days_since_last_order"),
          required("label", FieldType.STRING, "What the feature means in words"),
          required("mean_abs_shap", FieldType.DOUBLE, "Mean absolute SHAP value (churn log-odds)")),
      List.of("model_version", "feature"), List.of());

  public static final TableDef CHURN_BASELINE = new TableDef("churn_baseline", Layer.OPS,
      "Training snapshot of each churn feature and of the score per model version: decile buckets of the training "
          + "rows, the reference of the drift check (churn_drift)",
      List.of(
          required("model_version", FieldType.STRING, "Model version in model_registry (model churn)"),
          required("feature", FieldType.STRING, "Feature name, or churn_probability for the score"),
          required("bucket", FieldType.INT, "0-based bucket; the last one holds missing values when there are any"),
          of("upper_bound", FieldType.DOUBLE, "Largest value of the bucket (inclusive); null for the top and the "
              + "missing bucket"),
          required("missing", FieldType.BOOLEAN, "Whether this is the bucket of missing values"),
          required("share", FieldType.DOUBLE, "Share of the training rows in the bucket")),
      List.of("model_version", "feature", "bucket"), List.of());

  public static final TableDef CHURN_DRIFT = new TableDef("churn_drift", Layer.GOLD,
      "Population stability index of each churn feature and of the score: the customers scored at the as-of date "
          + "against the model's training rows (churn_baseline)",
      List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the scores"),
          required("model_version", FieldType.STRING, "Model version that scored"),
          required("feature", FieldType.STRING, "Feature name, or churn_probability for the score"),
          required("psi", FieldType.DOUBLE, "Population stability index; < 0.1 stable, 0.1-0.25 moderate, > 0.25 "
              + "significant"),
          required("status", FieldType.STRING, "drift when psi > c360.churn.drift-warning-psi, else ok")),
      List.of(Columns.AS_OF, "feature"), List.of(Columns.AS_OF));

  public static final TableDef RETENTION_ACTIONS = new TableDef("retention_actions", Layer.GOLD,
      "Suggested retention action per customer in the c360.churn.actions bands, ordered by value at risk",
      List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the score"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          required("priority", FieldType.INT, "1 = act first: largest value at risk (else churn probability)"),
          required("risk_band", FieldType.STRING, "Risk band of churn_scores"),
          required("churn_probability", FieldType.DOUBLE, "Churn probability (churn_scores)"),
          of("clv", FieldType.DOUBLE, "Customer lifetime value (clv_scores.clv) when the clv job ran"),
          of("value_at_risk", FieldType.DOUBLE, "clv x churn_probability; null without CLV"),
          of("reason", FieldType.STRING, "Strongest risk-raising reason in words (churn_reasons)"),
          required("action", FieldType.STRING, "Suggested action (c360.churn.actions)")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID), List.of(Columns.AS_OF));

  public static final TableDef MODEL_REGISTRY = new TableDef("model_registry", Layer.OPS,
      "Fitted models: parameters and fit diagnostics by model, version and as-of date", List.of(
          required("model", FieldType.STRING, "Model, e.g. clv_bgnbd, clv_gamma_gamma, churn"),
          required("model_version", FieldType.STRING, "Model version"),
          required(Columns.AS_OF, FieldType.DATE, "As-of date the model was trained for"),
          required("trained_at", FieldType.TIMESTAMP, "When it was trained"),
          required("params", FieldType.MEASURES, "Fitted parameters by name"),
          of("log_likelihood", FieldType.DOUBLE, "Log-likelihood at the optimum, if the model has one"),
          of("iterations", FieldType.INT, "Optimiser iterations"),
          of("converged", FieldType.BOOLEAN, "Whether the optimiser met its convergence test"),
          of("training_rows", FieldType.LONG, "Customers (or rows) it was trained on"),
          of("artifact_path", FieldType.STRING, "Saved model (Spark ML), if any; relative to the lake root"),
          of("detail", FieldType.STRING, "Convergence reason or other notes"),
          of("features", FieldType.STRINGS, "Input features in model order (churn); empty for other models")),
      List.of("model", "model_version", Columns.AS_OF), List.of());

  public static final TableDef CUSTOMER_SEGMENTS = new TableDef("customer_segments", Layer.GOLD,
      "RFM scores and segments per customer and as-of date (rules in c360.segments); one row per customer_360 row, "
          + "segment columns empty for customers without an order that counts", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date: only orders up to the end of this day are used"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id (identity_map)"),
          of("recency_days", FieldType.INT, "R: days from the latest order (not cancelled) to the as-of date"),
          of("frequency", FieldType.LONG, "F: orders (not cancelled) in the rfm.frequency-window-days ending on the "
              + "as-of date"),
          of("monetary", FieldType.AMOUNT, "M: paid revenue in the rfm.monetary-window-days ending on the as-of date"),
          of("paid_orders_window", FieldType.LONG, "Paid orders in the monetary window (AOV = monetary / this)"),
          of("orders_per_month", FieldType.DOUBLE, "Orders (not cancelled) in the five-tiers.monthly-rate-window-days "
              + "/ (window / 30)"),
          of("r_score", FieldType.INT, "Recency score 1..bins (higher = more recent): 1 without an order in the "
              + "frequency window, else 1 + floor(bins x share of the customers who ordered in the window with a "
              + "strictly longer recency); ties share a score"),
          of("f_score", FieldType.INT, "Frequency score 1..bins: 1 for no order in the window, else the exact rank "
              + "like r_score among the customers who ordered in the window"),
          of("m_score", FieldType.INT, "Monetary score 1..bins: 1 for no spend in the window, else the exact rank "
              + "among the customers who spent (5 of 5 = top 20% spend)"),
          of("rfm_code", FieldType.STRING, "R, F and M scores as one code, e.g. 545"),
          of("five_tier", FieldType.STRING, "The plan's five tiers: high_value, potential, active, sleeping, lost"),
          of("rfm_segment", FieldType.STRING, "Classic RFM name by R/F score ranges (c360.segments.rfm-names): "
              + "champions, loyal, potential_loyalist, new, promising, need_attention, about_to_sleep, at_risk, "
              + "cant_lose_them, hibernating, lost"),
          of("first_order_date", FieldType.DATE, "First order (not cancelled); tenure for the lifecycle"),
          of("order_days", FieldType.LONG, "Distinct days with an order (not cancelled)"),
          of("interval_mean_days", FieldType.DOUBLE, "Mean days between consecutive order days"),
          of("recent_interval_days", FieldType.DOUBLE, "Mean of the latest lifecycle.trend-intervals intervals"),
          of("lifecycle_stage", FieldType.STRING, "new, growing, mature, declining or churned"),
          of("spend_trend", FieldType.DOUBLE,
              "Revenue of the last 30/90 days annualised / revenue of the last 365 days"),
          of("value_quadrant", FieldType.STRING, "high/low current value (M score) x high/low potential (spend trend)"),
          of("early_warning", FieldType.BOOLEAN, "Not lost, but inactive for early-warning.inactive-days or beyond "
              + "cadence-multiple x the own mean interval"),
          of("early_warning_reason", FieldType.STRING, "inactive and/or beyond_cadence"),
          of("member_tier", FieldType.STRING, "Current membership tier (customer_360)"),
          of("growth_value", FieldType.DOUBLE,
              "Membership growth value: monetary x category coefficient x frequency coefficient"),
          of("suggested_tier", FieldType.STRING, "bronze, silver, gold or diamond by growth value (growth.tiers)"),
          of("tier_change", FieldType.STRING, "Suggested against current tier: upgrade, downgrade, keep, not_member, "
              + "unknown_tier")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID), List.of(Columns.AS_OF));

  public static final TableDef CUSTOMER_TAGS = new TableDef("customer_tags", Layer.GOLD,
      "Behaviour and scenario tags per customer and as-of date, long format: one row per tag a customer carries",
      List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          required("tag", FieldType.STRING, "price_sensitive, novelty_seeker, high_return_rate, frequent_complainer, "
              + "promoter, detractor, weekend_family_shopper, holiday_buyer, emergency_restock, healthy_eating"),
          of("value", FieldType.DOUBLE, "The measure the rule compared (a share, a count or the NPS answer)"),
          required("rule_version", FieldType.STRING, "Hash of the tag's rule settings (c360.segments.tags.<tag>)")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID, "tag"), List.of(Columns.AS_OF));

  public static final TableDef SEGMENT_HISTORY = new TableDef("segment_history", Layer.GOLD,
      "The segment of every segmented customer per segmentation and as-of date", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          required("segmentation", FieldType.STRING, "five_tier, rfm, lifecycle or value_quadrant"),
          required("segment", FieldType.STRING, "Segment within the segmentation")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID, "segmentation"), List.of(Columns.AS_OF));

  public static final TableDef SEGMENT_MIGRATION = new TableDef("segment_migration", Layer.GOLD,
      "Customers moving between segments from the previous as-of date in segment_history to this one; per "
          + "segmentation and from_segment the counts sum to that segment's size on the earlier date", List.of(
          required(Columns.AS_OF, FieldType.DATE, "Later as-of date"),
          required("from_as_of", FieldType.DATE, "Earlier as-of date (the latest before as_of)"),
          required("segmentation", FieldType.STRING, "five_tier, rfm, lifecycle or value_quadrant"),
          required("from_segment", FieldType.STRING, "Segment on from_as_of; (none) = not segmented then"),
          required("to_segment", FieldType.STRING, "Segment on as_of; (none) = not segmented (or merged away) now"),
          required("customers", FieldType.LONG, "Customers making this move")),
      List.of(Columns.AS_OF, "segmentation", "from_segment", "to_segment"), List.of(Columns.AS_OF));

  public static final TableDef KPI_DAILY = new TableDef("kpi_daily", Layer.GOLD,
      "Cockpit figures per as-of date", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required("customers", FieldType.LONG, "Customers in customer_360"),
          required("buyers", FieldType.LONG, "Customers with an order that counts (not cancelled)"),
          required("active_customers", FieldType.LONG, "Customers with an order in the kpis.active-days"),
          of("repeat_purchase_rate", FieldType.DOUBLE, "Buyers with two orders or more / buyers"),
          of("orders", FieldType.LONG, "Orders that count (not cancelled) in the rfm.monetary-window-days, with or "
              + "without a customer"),
          of("revenue", FieldType.DOUBLE, "Paid revenue in the rfm.monetary-window-days, with or without a customer; "
              + "empty without amounts"),
          of("unidentified_order_share", FieldType.DOUBLE, "Share of those orders that belong to no customer (no "
              + "account, member, phone or email)"),
          of("unidentified_revenue_share", FieldType.DOUBLE, "Share of that revenue from orders that belong to no "
              + "customer"),
          of("avg_order_value", FieldType.DOUBLE, "Paid revenue / paid orders in the rfm.monetary-window-days, with or "
              + "without a customer"),
          of("retention_rate", FieldType.DOUBLE, "Customers who ordered in the previous kpis.retention-period-days "
              + "and again in the current one / customers who ordered in the previous one"),
          of("churn_rate", FieldType.DOUBLE, "Buyers in lifecycle stage churned / buyers"),
          of("nps", FieldType.DOUBLE, "(promoters - detractors) / customers with an NPS answer x 100 (latest answer)"),
          of("early_warnings", FieldType.LONG, "Customers with the early-warning flag"),
          of("segment_sizes", FieldType.COUNTS, "Customers per segmentation:segment, e.g. five_tier:lost")),
      List.of(Columns.AS_OF), List.of(Columns.AS_OF));

  public static final TableDef TICKET_INSIGHTS = new TableDef("ticket_insights", Layer.GOLD,
      "Tickets created up to the as-of date with their category: the desk's, else the text classifier's "
          + "(TicketClassifier)", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required("ticket_id", FieldType.STRING, "Ticket id"),
          required("created_ts", FieldType.TIMESTAMP, "Ticket creation time"),
          required("status", FieldType.STRING, "open (no resolution up to the as-of date) or resolved"),
          of("category", FieldType.STRING, "Category set by the desk; empty when not classified"),
          of("predicted_category", FieldType.STRING, "Category predicted from the text; empty without a model"),
          of("confidence", FieldType.DOUBLE, "Probability of the predicted category"),
          of("final_category", FieldType.STRING, "The desk's category, else the predicted one"),
          required("category_source", FieldType.STRING, "desk, predicted or none"),
          of(Columns.CUSTOMER_ID, FieldType.STRING, "Customer of the ticket (member id, else a phone of one customer)"),
          of("sentiment", FieldType.DOUBLE, "Sentiment of the text in [-1, 1] (lexicon scorer)"),
          of("value_score", FieldType.DOUBLE, "Priority part in [0, 1]: 0.5 x (M score - 1) / (bins - 1) + 0.3 x "
              + "tier weight + 0.2 if VIP (five tier high_value); 0 without a customer"),
          of("severity_score", FieldType.DOUBLE, "Priority part in [0, 1]: 0.6 x category weight + 0.4 x negative "
              + "sentiment"),
          of("waiting_hours", FieldType.DOUBLE, "Hours from creation to resolution, or to the end of the as-of date "
              + "while open"),
          of("priority_score", FieldType.DOUBLE, "0-100: weighted mean of value, severity and waiting (waiting hours "
              + "/ sla.resolution-hours, capped at 1), weights c360.service.priority.weights"),
          of("first_response_breached", FieldType.BOOLEAN, "First response later than sla.first-response-hours "
              + "(or still missing after them)"),
          of("resolution_breached", FieldType.BOOLEAN, "Resolution later than sla.resolution-hours (or still "
              + "missing after them)")),
      List.of(Columns.AS_OF, "ticket_id"), List.of(Columns.AS_OF));

  public static final TableDef TICKET_QUEUE = new TableDef("ticket_queue", Layer.GOLD,
      "Tickets open at the end of the as-of date, ranked by priority (highest first)", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required("queue_rank", FieldType.LONG, "1 for the most urgent; ties by creation time, then ticket id"),
          required("ticket_id", FieldType.STRING, "Ticket id"),
          of(Columns.CUSTOMER_ID, FieldType.STRING, "Customer of the ticket, if known"),
          of("final_category", FieldType.STRING, "The desk's category, else the predicted one"),
          required("priority_score", FieldType.DOUBLE, "Priority 0-100 (see ticket_insights)"),
          required("waiting_hours", FieldType.DOUBLE, "Hours since creation at the end of the as-of date"),
          required("first_response_breached", FieldType.BOOLEAN, "First-response SLA breached"),
          required("resolution_breached", FieldType.BOOLEAN, "Resolution SLA breached")),
      List.of(Columns.AS_OF, "ticket_id"), List.of(Columns.AS_OF));

  public static final TableDef SERVICE_KPIS = new TableDef("service_kpis", Layer.GOLD,
      "Customer-service figures per as-of date over the c360.service.kpi-window-days ending on it", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required("window_days", FieldType.INT, "Days covered, ending on the as-of date"),
          required("tickets", FieldType.LONG, "Tickets created in the window"),
          required("orders", FieldType.LONG, "Orders (not cancelled) in the window"),
          required("complaints", FieldType.LONG, "Tickets in the window whose final category is a complaint "
              + "(c360.service.complaint-categories)"),
          of("complaint_rate", FieldType.DOUBLE, "Complaints / orders in the window"),
          required("delivery_delay_tickets", FieldType.LONG, "Tickets in the window with final category "
              + "delivery_delay"),
          of("delivery_delay_rate", FieldType.DOUBLE, "Delivery-delay tickets / orders in the window"),
          required("open_tickets", FieldType.LONG, "Tickets open at the end of the as-of date"),
          of("tickets_by_category", FieldType.COUNTS, "Tickets in the window per final category"),
          of("first_response_breach_rate", FieldType.DOUBLE, "Tickets in the window with a breached first-response "
              + "SLA / tickets in the window"),
          of("resolution_breach_rate", FieldType.DOUBLE, "Tickets in the window with a breached resolution SLA / "
              + "tickets in the window"),
          of("resolution_breach_rate_by_day", FieldType.MEASURES, "Resolution-SLA breach share of the tickets "
              + "created on each day of the window (yyyy-MM-dd -> share)")),
      List.of(Columns.AS_OF), List.of(Columns.AS_OF));

  public static final TableDef FUNNEL_DAILY = new TableDef("funnel_daily", Layer.GOLD,
      "Journey funnel per day, channel and segment over the c360.journey.days ending on the as-of date: devices "
          + "reaching each step (c360.journey.steps) on the day", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required("day", FieldType.DATE, "Event day"),
          required("channel", FieldType.STRING, "Channel of the events: app (the events source holds app events)"),
          required("segment", FieldType.STRING, "Five-tier segment of the device's customer on the as-of date; "
              + "unknown for a device of no customer or a customer without a segment"),
          required("step_no", FieldType.INT, "Step number, 1 for the first step"),
          required("step", FieldType.STRING, "Event type of the step"),
          required("devices", FieldType.LONG, "Devices with events of every step 1..step_no on the day"),
          of("conversion", FieldType.DOUBLE, "devices / devices at step 1"),
          of("step_conversion", FieldType.DOUBLE, "devices / devices at the previous step (1 for step 1)"),
          of("drop_off", FieldType.DOUBLE, "1 - step_conversion")),
      List.of(Columns.AS_OF, "day", "channel", "segment", "step_no"), List.of(Columns.AS_OF));

  public static final TableDef CHANNEL_ATTRIBUTION = new TableDef("channel_attribution", Layer.GOLD,
      "Orders credited to marketing touches per attribution model, channel and campaign, up to the as-of date "
          + "(c360.attribution)", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required("model", FieldType.STRING, "first_touch, last_touch, linear, time_decay, position_based or "
              + "markov (removal effect, per channel only)"),
          required("channel", FieldType.STRING, "Marketing channel"),
          of("campaign", FieldType.STRING, "Campaign; empty on the channel's total row"),
          required("touches", FieldType.LONG, "Touches of customers up to the as-of date"),
          required("conversions", FieldType.DOUBLE, "Converting journeys credited (fractions of a conversion)"),
          of("revenue", FieldType.DOUBLE, "Paid revenue of the converting orders credited; empty when the orders carry "
              + "no amounts"),
          of("cost", FieldType.DOUBLE, "Cost of the touches"),
          of("roi", FieldType.DOUBLE, "(revenue - cost) / cost; empty when the touches cost nothing"),
          of("conversions_per_1000_touches", FieldType.DOUBLE, "conversions / touches x 1000"),
          of("removal_effect", FieldType.DOUBLE, "markov: share of conversions lost when the channel is removed")),
      List.of(Columns.AS_OF, "model", "channel", "campaign"), List.of(Columns.AS_OF));

  public static final TableDef ALERTS = new TableDef("alerts", Layer.GOLD,
      "KPI alerts that fired for the as-of date (c360.alerts.rules)", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required("rule", FieldType.STRING, "Rule name"),
          required("level", FieldType.STRING, "error or warning"),
          required("metric", FieldType.STRING, "Metric the rule watches"),
          of("observed", FieldType.DOUBLE, "Observed value (rise/drop: the change since the previous as-of date)"),
          required("threshold", FieldType.DOUBLE, "Threshold that was exceeded"),
          required("message", FieldType.STRING, "What happened, in one line")),
      List.of(Columns.AS_OF, "rule"), List.of(Columns.AS_OF));
  public static final TableDef RECOMMENDATION_CANDIDATES = new TableDef("recommendation_candidates", Layer.GOLD,
      "Top product recommendations per customer and as-of date: implicit ALS, basket rules, replenishment, "
          + "popularity per segment and city (cold start), similar and upgrade products, blended by reciprocal-rank "
          + "fusion (c360.recommendations), with the customer's A/B arm", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date: candidates are built on the history up to it"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          required("rank", FieldType.INT, "1 = best, up to c360.recommendations.top-n"),
          required("sku", FieldType.STRING, "Recommended product SKU"),
          required("score", FieldType.DOUBLE, "Blended score: sum over sources of weight / (rank-offset + rank)"),
          required("sources", FieldType.STRING, "Sources proposing the sku, comma-separated: als, rules, "
              + "replenishment, popularity, cold_start, similar"),
          of("reason", FieldType.STRING, "Why, from the strongest source, e.g. 'often bought with Whole Milk'"),
          required("contactable", FieldType.BOOLEAN, "The customer gave marketing consent (false when unknown): "
              + "only these may be contacted with the candidates"),
          required("experiment", FieldType.STRING, "A/B experiment (c360.recommendations.experiment.name)"),
          required("arm", FieldType.STRING, "The customer's arm: hash of experiment and customer_id into the "
              + "weighted arms; the first arm is the control")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID, "rank"), List.of(Columns.AS_OF));

  public static final TableDef REPLENISHMENT_REMINDERS = new TableDef("replenishment_reminders", Layer.GOLD,
      "Customer x sku bought repeatedly whose expected next purchase (last purchase + median interval) falls at "
          + "most c360.recommendations.replenishment.due-within-days after the as-of date", List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date"),
          required(Columns.CUSTOMER_ID, FieldType.STRING, "Unified customer id"),
          required("sku", FieldType.STRING, "Product SKU"),
          required("purchases", FieldType.LONG, "Distinct days the customer bought the sku"),
          required("cycle_days", FieldType.INT, "Purchase cycle: median days between consecutive purchase days"),
          required("last_purchase", FieldType.DATE, "Latest purchase day"),
          required("next_date", FieldType.DATE, "Expected next purchase: last_purchase + cycle_days"),
          required("days_until_due", FieldType.INT, "next_date - as_of (negative: overdue, by at most one cycle)"),
          required("contactable", FieldType.BOOLEAN, "The customer gave marketing consent (false when unknown)")),
      List.of(Columns.AS_OF, Columns.CUSTOMER_ID, "sku"), List.of(Columns.AS_OF));

  public static final TableDef BASKET_RULES = new TableDef("basket_rules", Layer.GOLD,
      "Association rules between the skus of the baskets (FPGrowth, c360.recommendations.rules) per as-of date",
      List.of(
          required(Columns.AS_OF, FieldType.DATE, "As-of date: the baskets of the history up to it"),
          required("antecedent", FieldType.STRING, "Skus of the rule's left side, comma-separated, sorted"),
          required("consequent", FieldType.STRING, "The sku bought with them"),
          required("support", FieldType.DOUBLE, "Share of the baskets holding antecedent and consequent"),
          required("confidence", FieldType.DOUBLE, "Share of the baskets with the antecedent that hold the consequent"),
          required("lift", FieldType.DOUBLE, "Confidence / share of the baskets holding the consequent")),
      List.of(Columns.AS_OF, "antecedent", "consequent"), List.of(Columns.AS_OF));

  public static final TableDef FORGOTTEN = new TableDef("forgotten", Layer.OPS,
      "Tombstones of customers erased with c360 forget: keyed hashes of their identifiers, never raw values; "
          + "ingest and identity drop every record carrying one", List.of(
          required("id_type", FieldType.STRING, "customer, account, member, device, order, phone or email"),
          required("id_hash", FieldType.STRING, "HMAC-SHA256 (c360.identity.hmac-key) of the normalised identifier: "
              + "E.164 phone, normalised email, trimmed id"),
          required("forgotten_at", FieldType.TIMESTAMP, "When the erasure ran"),
          required("request_id", FieldType.STRING, "Erasure run; the same for every identifier of one request")),
      List.of("id_type", "id_hash"), List.of());

  /** Tables holding raw personal data: never readable through c360's SQL access without the admin role. */
  public static final List<TableDef> RESTRICTED = List.of(CUSTOMER_PII);

  /** Contract columns that hold raw personal data wherever they appear (but a product's name). */
  private static final List<String> PERSONAL_FIELDS = List.of("phone", "email", "name", "birth_date");

  public static final TableDef MODEL_METRICS = new TableDef("model_metrics", Layer.OPS,
      "Model evaluation metrics by model, version and as-of date", List.of(
          required("model", FieldType.STRING, "Model, e.g. identity, clv_bgnbd, churn, recs"),
          required("model_version", FieldType.STRING, "Model version"),
          required(Columns.AS_OF, FieldType.DATE, "As-of date of the evaluation"),
          required("metric", FieldType.STRING, "Metric name, lower case (precision, recall, f1, auc, ...)"),
          of("value", FieldType.DOUBLE, "Metric value"),
          of("detail", FieldType.STRING, "Bucket, decile or k the metric belongs to, if any")),
      List.of("model", "model_version", Columns.AS_OF, "metric", "detail"), List.of());

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
    all.addAll(List.of(QUARANTINE, IDENTITY_MAP, IDENTITY_HISTORY, IDENTITY_SHARED, CUSTOMER_PII, CUSTOMER_360,
        CLV_SCORES, CHURN_SCORES, CHURN_REASONS, CHURN_IMPORTANCE, CHURN_DRIFT, RETENTION_ACTIONS, CUSTOMER_SEGMENTS,
        CUSTOMER_TAGS, SEGMENT_HISTORY, SEGMENT_MIGRATION, KPI_DAILY, TICKET_INSIGHTS, TICKET_QUEUE, SERVICE_KPIS,
        FUNNEL_DAILY, CHANNEL_ATTRIBUTION, ALERTS, RECOMMENDATION_CANDIDATES, REPLENISHMENT_REMINDERS, BASKET_RULES,
        INGEST_BATCHES, FORGOTTEN, CHURN_BASELINE, DQ_RESULTS, JOB_RUNS, MODEL_METRICS, MODEL_REGISTRY));
    return List.copyOf(all);
  }

  /**
   * Columns of readable tables that hold raw personal data, as {@code table.column}: the phones, emails, names and
   * birth dates of the bronze tables and the raw records in quarantine. Reading them needs the admin role.
   */
  public static List<String> personalColumns() {
    List<String> columns = new ArrayList<>();
    for (TableDef table : BRONZE) {
      table.columnNames().stream().filter(PERSONAL_FIELDS::contains)
          .filter(c -> !(table == bronze(Source.PRODUCTS) && c.equals("name"))) // a product's name
          .forEach(c -> columns.add(table.name() + "." + c));
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
