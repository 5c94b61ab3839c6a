package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.catalog.Columns;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import io.c360.jobs.InputException;
import io.c360.jobs.Lake;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "explain", description = {
    "Everything c360 knows about one customer on an as-of date: segments, tags, CLV, the churn probability with "
        + "its top reasons in words and the suggested retention action, and the top recommendations.",
    "Reads the lake only; personal data stays masked."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:reading the lake failed",
        "2:usage or input error: unknown customer, no customer_360 for the date"})
final class ExplainCommand implements Callable<Integer> {

  private static final int TOP_RECOMMENDATIONS = 5;

  @Mixin
  CommonOptions common;

  @Parameters(index = "0", paramLabel = "CUSTOMER_ID", description = "Unified customer id (identity_map).")
  String customerId;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "As-of date (default: the latest date with a customer_360 row for the customer).")
  LocalDate asOf;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() {
    try (Workspace workspace = Workspace.open(common, true)) {
      Map<String, Object> result = explain(workspace.lake);
      System.out.println(json ? toJson(result) : text(result));
    }
    return ExitCodes.OK;
  }

  private Map<String, Object> explain(Lake lake) {
    if (!lake.exists(Tables.CUSTOMER_360)) {
      throw new InputException("the lake has no c360.customer_360 yet; run the pipeline first");
    }
    Dataset<Row> profiles = lake.read(Tables.CUSTOMER_360).where(col(Columns.CUSTOMER_ID).equalTo(customerId));
    Row latest = profiles.agg(max(Columns.AS_OF)).first();
    if (latest.isNullAt(0)) {
      throw new InputException("customer '" + customerId + "' is not in c360.customer_360");
    }
    LocalDate day = asOf != null ? asOf : latest.getDate(0).toLocalDate();
    List<Row> profile = forDay(profiles, day).collectAsList();
    if (profile.isEmpty()) {
      throw new InputException("customer '" + customerId + "' has no c360.customer_360 row as of " + day
          + " (latest: " + latest.getDate(0) + ")");
    }
    Row p = profile.get(0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(Columns.CUSTOMER_ID, customerId);
    out.put(Columns.AS_OF, day.toString());
    Map<String, Object> profileOut = new LinkedHashMap<>();
    for (String column : List.of("city", "member_tier", "orders", "revenue", "days_since_last_order",
        "interval_mean_days")) {
      profileOut.put(column, p.get(p.fieldIndex(column)));
    }
    out.put("profile", profileOut);

    Map<String, Object> segments = new LinkedHashMap<>();
    rows(lake, Tables.SEGMENT_HISTORY, day).orderBy("segmentation")
        .collectAsList().forEach(r -> segments.put(r.getAs("segmentation"), r.getAs("segment")));
    out.put("segments", segments);
    out.put("tags", rows(lake, Tables.CUSTOMER_TAGS, day).orderBy("tag").select("tag").collectAsList().stream()
        .map(r -> r.getString(0)).toList());

    List<Row> clv = rows(lake, Tables.CLV_SCORES, day).collectAsList();
    if (!clv.isEmpty()) {
      Row c = clv.get(0);
      Map<String, Object> clvOut = new LinkedHashMap<>();
      clvOut.put("clv", c.getAs("clv"));
      clvOut.put("p_alive", c.getAs("p_alive"));
      clvOut.put("clv_decile", c.getAs("clv_decile"));
      out.put("clv", clvOut);
    }

    List<Row> score = rows(lake, Tables.CHURN_SCORES, day).collectAsList();
    if (!score.isEmpty()) {
      Row s = score.get(0);
      Map<String, Object> churn = new LinkedHashMap<>();
      churn.put("probability", s.getAs("churn_probability"));
      churn.put("risk_band", s.getAs("risk_band"));
      churn.put("model_version", s.getAs("model_version"));
      List<Map<String, Object>> reasons = new ArrayList<>();
      for (Row r : rows(lake, Tables.CHURN_REASONS, day).orderBy("rank").collectAsList()) {
        Map<String, Object> reason = new LinkedHashMap<>();
        for (String column : List.of("rank", "feature", "value", "contribution", "direction", "sentence")) {
          reason.put(column, r.getAs(column));
        }
        reasons.add(reason);
      }
      churn.put("reasons", reasons);
      List<Row> action = rows(lake, Tables.RETENTION_ACTIONS, day).collectAsList();
      if (!action.isEmpty()) {
        churn.put("action", action.get(0).getAs("action"));
        churn.put("action_priority", action.get(0).getAs("priority"));
      }
      out.put("churn", churn);
    }

    List<Map<String, Object>> recommendations = new ArrayList<>();
    for (Row r : rows(lake, Tables.RECOMMENDATION_CANDIDATES, day).orderBy("rank").limit(TOP_RECOMMENDATIONS)
        .collectAsList()) {
      Map<String, Object> rec = new LinkedHashMap<>();
      for (String column : List.of("rank", "sku", "sources", "reason")) {
        rec.put(column, r.getAs(column));
      }
      recommendations.add(rec);
    }
    out.put("recommendations", recommendations);
    return out;
  }

  private Dataset<Row> rows(Lake lake, TableDef table, LocalDate day) {
    if (!lake.exists(table)) {
      return lake.spark().createDataFrame(List.of(), table.schema());
    }
    return forDay(lake.read(table).where(col(Columns.CUSTOMER_ID).equalTo(customerId)), day);
  }

  private static Dataset<Row> forDay(Dataset<Row> rows, LocalDate day) {
    return rows.where(col(Columns.AS_OF).equalTo(Date.valueOf(day)));
  }

  @SuppressWarnings("unchecked")
  private static String text(Map<String, Object> r) {
    StringBuilder b = new StringBuilder();
    Map<String, Object> p = (Map<String, Object>) r.get("profile");
    b.append("customer ").append(r.get(Columns.CUSTOMER_ID)).append(" as of ").append(r.get(Columns.AS_OF))
        .append('\n');
    b.append(String.format(Locale.ROOT, "  profile:  %s orders, revenue %s, last order %s days ago, %s, tier %s%n",
        p.get("orders"), p.get("revenue"), p.get("days_since_last_order"), p.get("city"), p.get("member_tier")));
    Map<String, Object> segments = (Map<String, Object>) r.get("segments");
    b.append("  segments: ").append(segments.isEmpty() ? "none (run the segments job)" : String.join(", ",
        segments.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList())).append('\n');
    List<String> tags = (List<String>) r.get("tags");
    b.append("  tags:     ").append(tags.isEmpty() ? "none" : String.join(", ", tags)).append('\n');
    Map<String, Object> clv = (Map<String, Object>) r.get("clv");
    b.append("  CLV:      ").append(clv == null ? "not computed (run the clv job)" : String.format(Locale.ROOT,
        "%,.2f (decile %s, P(alive) %.2f)", (Double) clv.get("clv"), clv.get("clv_decile"),
        (Double) clv.get("p_alive"))).append('\n');
    Map<String, Object> churn = (Map<String, Object>) r.get("churn");
    if (churn == null) {
      b.append("  churn:    not scored (run the churn job; only customers with a paid order are scored)\n");
    } else {
      b.append(String.format(Locale.ROOT, "  churn:    %.1f%% probability of no order in the horizon, %s risk "
          + "(model %s)%n", 100 * (Double) churn.get("probability"), churn.get("risk_band"),
          churn.get("model_version")));
      for (Map<String, Object> reason : (List<Map<String, Object>>) churn.get("reasons")) {
        b.append("    ").append(reason.get("rank")).append(". ").append(reason.get("sentence")).append('\n');
      }
      if (churn.containsKey("action")) {
        b.append("  action:   ").append(churn.get("action")).append(" (priority ")
            .append(churn.get("action_priority")).append(")\n");
      }
    }
    List<Map<String, Object>> recommendations = (List<Map<String, Object>>) r.get("recommendations");
    b.append("  recommendations: ").append(recommendations.isEmpty() ? "none (run the recommendations job)" : "")
        .append('\n');
    for (Map<String, Object> rec : recommendations) {
      b.append("    ").append(rec.get("rank")).append(". ").append(rec.get("sku"))
          .append(rec.get("reason") == null ? "" : " - " + rec.get("reason")).append(" (").append(rec.get("sources"))
          .append(")\n");
    }
    return b.toString().stripTrailing();
  }

  private static String toJson(Map<String, Object> result) {
    try {
      return new ObjectMapper().writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
