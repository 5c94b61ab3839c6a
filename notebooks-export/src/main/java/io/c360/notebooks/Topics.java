package io.c360.notebooks;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Tables;
import io.c360.notebooks.Topic.TableNote;
import java.util.List;

/**
 * What the report and the notebooks show, topic by topic. Every query aggregates (counts, deciles, top-N), so only
 * small results reach the driver, and none reads a personal column.
 */
public final class Topics {

  /** The churn model version that scored the report date's customers. */
  private static final String CHURN_VERSION = "(SELECT max(model_version) FROM ${db}.churn_scores "
      + "WHERE as_of = DATE'${as_of}')";

  private static final Topic KPIS = new Topic("kpis", "Key indicators and their trend",
      "The cockpit figures of every as-of date up to the report date, from the segments job.",
      List.of(new TableNote(Tables.KPI_DAILY, "segments", List.of("customers", "buyers", "active_customers",
          "repeat_purchase_rate", "avg_order_value", "retention_rate", "churn_rate", "nps"))),
      List.of(new Query("kpi_trend", "KPIs per as-of date",
          "One row per as-of date; rates are shares (0.25 = 25%), NPS runs from -100 to 100.",
          List.of(Tables.KPI_DAILY), """
              SELECT as_of, customers, buyers, active_customers,
                round(repeat_purchase_rate, 4) AS repeat_purchase_rate, round(avg_order_value, 2) AS avg_order_value,
                round(retention_rate, 4) AS retention_rate, round(churn_rate, 4) AS churn_rate, round(nps, 1) AS nps,
                early_warnings
              FROM ${db}.kpi_daily WHERE as_of <= DATE'${as_of}' ORDER BY as_of""",
          Chart.line("Rates per as-of date", Columns.AS_OF, "share", "repeat_purchase_rate", "retention_rate",
              "churn_rate"))));

  private static final Topic SEGMENTS = new Topic("segments", "Segments, migrations and RFM",
      "Who the customers are on the report date: the five tiers, how customers moved since the previous as-of date, "
          + "and the recency x frequency grid of the RFM scores.",
      List.of(new TableNote(Tables.CUSTOMER_SEGMENTS, "segments", List.of("five_tier", "r_score", "f_score",
              "m_score", "monetary", "recency_days")),
          new TableNote(Tables.SEGMENT_MIGRATION, "segments", List.of("from_as_of", "from_segment", "to_segment",
              "customers"))),
      List.of(new Query("segment_sizes", "Five-tier segment sizes",
              "Customers per tier with their mean spend (M, 365 days) and mean days since the last order.",
              List.of(Tables.CUSTOMER_SEGMENTS), """
                  SELECT five_tier, count(*) AS customers, round(avg(monetary), 2) AS avg_spend,
                    round(avg(recency_days), 1) AS avg_recency_days
                  FROM ${db}.customer_segments WHERE as_of = DATE'${as_of}' AND five_tier IS NOT NULL
                  GROUP BY five_tier ORDER BY customers DESC, five_tier""",
              Chart.bar("Customers per five-tier segment", "five_tier", "customers", "customers")),
          new Query("segment_migration", "Five-tier migrations since the previous as-of date",
              "Customers per move from the earlier date's tier to the report date's; (none) = not segmented then "
                  + "or now.",
              List.of(Tables.SEGMENT_MIGRATION), """
                  SELECT from_as_of, from_segment, to_segment, customers
                  FROM ${db}.segment_migration WHERE as_of = DATE'${as_of}' AND segmentation = 'five_tier'
                  ORDER BY customers DESC, from_segment, to_segment""",
              Chart.heatmap("Customers moving from (x) to (y)", "from_segment", "to_segment", "customers")),
          new Query("rfm_grid", "RFM heat map: recency score x frequency score",
              "Customers and mean spend per R and F score (5 = most recent, most frequent).",
              List.of(Tables.CUSTOMER_SEGMENTS), """
                  SELECT r_score, f_score, count(*) AS customers, round(avg(monetary), 2) AS avg_spend
                  FROM ${db}.customer_segments WHERE as_of = DATE'${as_of}' AND r_score IS NOT NULL
                  GROUP BY r_score, f_score ORDER BY r_score, f_score""",
              Chart.heatmap("Customers per R score (x) and F score (y)", "r_score", "f_score", "customers"))));

  private static final Topic CLV = new Topic("clv", "Customer lifetime value",
      "Twelve-month CLV from the BG/NBD (or Pareto/NBD) and Gamma-Gamma fit on the paid orders up to the report "
          + "date: how it is distributed and how much of it the top deciles hold.",
      List.of(new TableNote(Tables.CLV_SCORES, "clv", List.of("clv", "clv_decile", "p_alive"))),
      List.of(new Query("clv_deciles", "CLV by decile and its capture",
              "Decile 10 holds the highest CLV; clv_share is the decile's share of all CLV, cumulative_share the "
                  + "share held by this decile and the ones above it.",
              List.of(Tables.CLV_SCORES), """
                  SELECT clv_decile, count(*) AS customers, round(min(clv), 2) AS min_clv, round(max(clv), 2) AS max_clv,
                    round(sum(clv), 2) AS total_clv,
                    round(sum(clv) / sum(sum(clv)) OVER (), 4) AS clv_share,
                    round(sum(sum(clv)) OVER (ORDER BY clv_decile DESC) / sum(sum(clv)) OVER (), 4) AS cumulative_share
                  FROM ${db}.clv_scores WHERE as_of = DATE'${as_of}' AND clv_decile IS NOT NULL
                  GROUP BY clv_decile ORDER BY clv_decile DESC""",
              Chart.bar("Share of all CLV per decile", "clv_decile", "share", "clv_share", "cumulative_share")),
          new Query("clv_distribution", "CLV distribution",
              "Customers per CLV bin: 20 bins of equal width up to the 99th percentile, the last bin open-ended.",
              List.of(Tables.CLV_SCORES), """
                  WITH s AS (SELECT clv FROM ${db}.clv_scores WHERE as_of = DATE'${as_of}' AND clv IS NOT NULL),
                  w AS (SELECT greatest(percentile_approx(clv, 0.99), 0.01) / 20 AS width FROM s)
                  SELECT CAST(least(floor(clv / width), 19) AS INT) AS bin,
                    round(least(floor(clv / width), 19) * width, 2) AS clv_from, count(*) AS customers
                  FROM s CROSS JOIN w GROUP BY 1, 2 ORDER BY 1""",
              Chart.bar("Customers per CLV bin (lower bound)", "clv_from", "customers", "customers"))));

  private static final Topic CHURN = new Topic("churn", "Churn model: lift, gain, calibration and drivers",
      "The out-of-time evaluation of the churn model that scored the report date (model_metrics, model churn) and "
          + "its global SHAP importance.",
      List.of(new TableNote(Tables.CHURN_SCORES, "churn", List.of("churn_probability", "risk_band", "model_version")),
          new TableNote(Tables.MODEL_METRICS, "churn", List.of("model", "model_version", "metric", "value", "detail")),
          new TableNote(Tables.CHURN_IMPORTANCE, "churn", List.of("rank", "feature", "label", "mean_abs_shap"))),
      List.of(new Query("churn_evaluation", "Evaluation metrics",
              "AUC, PR AUC, log loss, Brier score and top-decile lift on the out-of-time evaluation T0.",
              List.of(Tables.MODEL_METRICS, Tables.CHURN_SCORES), """
                  SELECT model_version, metric, round(value, 4) AS value, detail
                  FROM ${db}.model_metrics WHERE model = 'churn' AND detail NOT LIKE '%decile%'
                    AND metric IN ('auc', 'pr_auc', 'log_loss', 'brier', 'top_decile_lift')
                    AND model_version = CHURN_VERSION
                  ORDER BY metric""".replace("CHURN_VERSION", CHURN_VERSION), null),
          new Query("churn_lift", "Lift and cumulative gain by risk decile",
              "Decile 1 = the 10% with the highest predicted risk; lift = churn rate in the decile / overall rate, "
                  + "cumulative gain = share of all churners found in deciles 1..d.",
              List.of(Tables.MODEL_METRICS, Tables.CHURN_SCORES), """
                  SELECT CAST(regexp_extract(detail, 'decile ([0-9]+)', 1) AS INT) AS decile,
                    round(max(CASE WHEN metric = 'lift' THEN value END), 3) AS lift,
                    round(max(CASE WHEN metric = 'cumulative_gain' THEN value END), 3) AS cumulative_gain
                  FROM ${db}.model_metrics WHERE model = 'churn' AND detail LIKE '%decile%'
                    AND model_version = CHURN_VERSION
                  GROUP BY 1 ORDER BY 1""".replace("CHURN_VERSION", CHURN_VERSION),
              Chart.line("Lift and cumulative gain per decile", "decile", "lift / gain", "lift", "cumulative_gain")),
          new Query("churn_calibration", "Calibration by risk decile",
              "Mean predicted probability against the observed churn rate per decile: close lines mean the "
                  + "probabilities can be read as rates.",
              List.of(Tables.MODEL_METRICS, Tables.CHURN_SCORES), """
                  SELECT CAST(regexp_extract(detail, 'decile ([0-9]+)', 1) AS INT) AS decile,
                    round(max(CASE WHEN metric = 'mean_predicted' THEN value END), 4) AS mean_predicted,
                    round(max(CASE WHEN metric = 'observed_rate' THEN value END), 4) AS observed_rate
                  FROM ${db}.model_metrics WHERE model = 'churn' AND detail LIKE '%decile%'
                    AND model_version = CHURN_VERSION
                  GROUP BY 1 ORDER BY 1""".replace("CHURN_VERSION", CHURN_VERSION),
              Chart.line("Predicted vs observed churn rate per decile", "decile", "rate", "mean_predicted",
                  "observed_rate")),
          new Query("churn_importance", "Global SHAP importance",
              "Mean |SHAP| per feature (churn log-odds) on the evaluation rows: the drivers of the model overall.",
              List.of(Tables.CHURN_IMPORTANCE, Tables.CHURN_SCORES), """
                  SELECT rank, feature, label, round(mean_abs_shap, 4) AS mean_abs_shap
                  FROM ${db}.churn_importance WHERE model_version = CHURN_VERSION
                  ORDER BY rank LIMIT 15""".replace("CHURN_VERSION", CHURN_VERSION),
              Chart.bar("Mean |SHAP| per feature", "feature", "mean |SHAP|", "mean_abs_shap"))));

  private static final Topic RECOMMENDATIONS = new Topic("recommendations",
      "Recommendations against the popularity baseline",
      "The recommendation job's offline evaluation of the latest run up to the report date: each source, the blend "
          + "and the popularity baseline on the same held-out period.",
      List.of(new TableNote(Tables.MODEL_METRICS, "recommendations", List.of("model", "metric", "value", "detail"))),
      List.of(new Query("recs_precision", "Precision@k, recall@k and MAP@k per list",
          "recs_blended is what customers get; recs_popularity_baseline the same top sellers for everyone.",
          List.of(Tables.MODEL_METRICS), """
              SELECT model, round(max(CASE WHEN metric = 'precision_at_k' THEN value END), 4) AS precision_at_k,
                round(max(CASE WHEN metric = 'recall_at_k' THEN value END), 4) AS recall_at_k,
                round(max(CASE WHEN metric = 'map_at_k' THEN value END), 4) AS map_at_k,
                round(max(CASE WHEN metric = 'coverage' THEN value END), 4) AS coverage
              FROM ${db}.model_metrics
              WHERE model LIKE 'recs%' AND model <> 'recs_als_grid' AND metric IN ('precision_at_k', 'recall_at_k',
                  'map_at_k', 'coverage')
                AND as_of = (SELECT max(as_of) FROM ${db}.model_metrics WHERE model = 'recs_blended'
                  AND as_of <= DATE'${as_of}')
              GROUP BY model ORDER BY precision_at_k DESC, model""",
          Chart.bar("Precision@k per list", "model", "precision@k", "precision_at_k"))));

  private static final Topic QUALITY = new Topic("quality", "Data quality",
      "The quality gate's checks on the bronze tables, latest gate run of each as-of date.",
      List.of(new TableNote(Tables.DQ_RESULTS, "gate", List.of("run_id", "table_name", "check_name", "level",
          "status", "observed", "threshold"))),
      List.of(new Query("dq_trend", "Checks per as-of date",
              "Checks of the latest gate run of each date, how many failed, how many of those at Error level.",
              List.of(Tables.DQ_RESULTS), """
                  WITH latest AS (SELECT as_of, max_by(run_id, checked_at) AS run_id FROM ${db}.dq_results
                    WHERE as_of <= DATE'${as_of}' GROUP BY as_of)
                  SELECT as_of, count(*) AS checks, count_if(status = 'fail') AS failed,
                    count_if(status = 'fail' AND level = 'error') AS failed_errors,
                    round(avg(CASE WHEN status = 'pass' THEN 1.0 ELSE 0.0 END), 4) AS pass_rate
                  FROM ${db}.dq_results JOIN latest USING (as_of, run_id) GROUP BY as_of ORDER BY as_of""",
              Chart.line("Share of checks passing per as-of date", Columns.AS_OF, "pass rate", "pass_rate")),
          new Query("dq_failures", "Failed checks on the report date",
              "Every check of the date's latest gate run that failed, errors first.",
              List.of(Tables.DQ_RESULTS), """
                  WITH latest AS (SELECT max_by(run_id, checked_at) AS run_id FROM ${db}.dq_results
                    WHERE as_of = DATE'${as_of}')
                  SELECT table_name, check_name, level, round(observed, 4) AS observed, threshold
                  FROM ${db}.dq_results JOIN latest USING (run_id) WHERE status = 'fail'
                  ORDER BY level, table_name, check_name LIMIT 50""", null)));

  private static final List<Topic> ALL = List.of(KPIS, SEGMENTS, CLV, CHURN, RECOMMENDATIONS, QUALITY);

  private Topics() {
  }

  /** Every topic, in report order. */
  public static List<Topic> all() {
    return ALL;
  }
}
