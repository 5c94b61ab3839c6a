package io.c360.jobs.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.config.RecsConfig;
import io.c360.core.profile.CustomerKeys;
import io.c360.core.recs.AbArms;
import io.c360.core.recs.TwoProportionTest;
import io.c360.jobs.InputException;
import io.c360.jobs.identity.IdentityJob;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code c360 ab-report}: conversion per arm of an experiment stored with recommendation_candidates, from the
 * orders placed after the candidates' as-of date, each arm against the control (the first configured arm, else
 * the first by name) with a two-proportion z-test.
 */
@Command(name = "ab-report", description = {
    "Conversion per A/B arm of the recommendation candidates: the share of each arm's customers with a paid order "
        + "in the --days days after the candidates' as-of date, with confidence intervals, and each arm against the "
        + "control arm (two-proportion z-test, two-sided)."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "2:usage or input error (no such experiment)"})
final class AbReportCommand implements Callable<Integer> {

  @Mixin
  CommonOptions common;

  @Option(names = "--experiment", paramLabel = "NAME", required = true, description = "Experiment name.")
  String experiment;

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "As-of date of the candidates. Default: the latest with the experiment.")
  LocalDate asOf;

  @Option(names = "--days", paramLabel = "N", defaultValue = "30",
      description = "Conversion window after the as-of date. Default: ${DEFAULT-VALUE}.")
  int days;

  @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95",
      description = "Confidence level of the intervals. Default: ${DEFAULT-VALUE}.")
  double confidence;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (days < 1) {
      throw new ParameterException(spec.commandLine(), "--days must be at least 1, got " + days);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new ParameterException(spec.commandLine(), "--confidence must be in (0, 1), got " + confidence);
    }
    try (Workspace ws = Workspace.open(common, true)) {
      if (!ws.lake.exists(Tables.RECOMMENDATION_CANDIDATES)) {
        throw new InputException("the lake has no recommendation_candidates yet; run `c360 run recommendations "
            + "--as-of DATE`");
      }
      Dataset<Row> candidates = ws.lake.read(Tables.RECOMMENDATION_CANDIDATES)
          .where(col("experiment").equalTo(experiment));
      Date date = asOf != null ? Date.valueOf(asOf) : candidates.agg(max(Columns.AS_OF)).first().getDate(0);
      if (date == null || candidates.where(col(Columns.AS_OF).equalTo(date)).limit(1).isEmpty()) {
        throw new InputException("no recommendation candidates of experiment '" + experiment + "'"
            + (asOf != null ? " on " + asOf : ""));
      }
      LocalDate day = date.toLocalDate();
      LocalDate end = day.plusDays(days);
      Dataset<Row> assigned = candidates.where(col(Columns.AS_OF).equalTo(date)).select(Columns.CUSTOMER_ID, "arm")
          .distinct();
      // only the columns needed: the analyst session refuses a plan that exposes bronze_orders' personal columns
      Dataset<Row> bronzeOrders = ws.spark.sql("SELECT order_id, account_id, order_ts, status FROM "
          + ws.lake.name(Tables.bronze(Source.ORDERS)));
      Dataset<Row> orders = new CustomerKeys(IdentityJob.customers(ws.lake, day, "ab-report"), null)
          .orders(bronzeOrders);
      java.sql.Timestamp latestOrder = bronzeOrders.agg(max("order_ts")).first().getTimestamp(0);
      List<Row> perArm = AbArms.conversions(assigned, orders, day, end).collectAsList();
      List<String> order = armOrder(ws.config.recommendations(), perArm);
      Map<String, TwoProportionTest.Rate> rates = new LinkedHashMap<>();
      for (String arm : order) {
        Row r = perArm.stream().filter(x -> x.getString(0).equals(arm)).findFirst().orElseThrow();
        rates.put(arm, TwoProportionTest.rate(r.getLong(1), r.getLong(2), confidence));
      }
      String control = order.get(0);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("experiment", experiment);
      out.put(Columns.AS_OF, day.toString());
      out.put("window_end", end.toString());
      out.put("orders_seen_until",
          latestOrder == null ? null : latestOrder.toLocalDateTime().toLocalDate().toString());
      out.put("confidence", confidence);
      out.put("control", control);
      List<Map<String, Object>> arms = new ArrayList<>();
      for (Map.Entry<String, TwoProportionTest.Rate> e : rates.entrySet()) {
        TwoProportionTest.Rate rate = e.getValue();
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("arm", e.getKey());
        a.put("customers", rate.customers());
        a.put("conversions", rate.conversions());
        a.put("rate", rate.rate());
        a.put("ci_low", rate.low());
        a.put("ci_high", rate.high());
        if (!e.getKey().equals(control)) {
          TwoProportionTest.Comparison c = TwoProportionTest.compare(rates.get(control), rate, confidence);
          a.put("difference", c.difference());
          a.put("difference_ci_low", c.low());
          a.put("difference_ci_high", c.high());
          a.put("z", c.z());
          a.put("p_value", c.pValue());
        }
        arms.add(a);
      }
      out.put("arms", arms);
      System.out.println(json ? RecsCommand.toJson(out) : text(out, arms));
      return ExitCodes.OK;
    }
  }

  /** The configured arms first (the first is the control), then any others by name. */
  private static List<String> armOrder(RecsConfig config, List<Row> perArm) {
    List<String> order = new ArrayList<>();
    for (RecsConfig.Arm arm : config.experiment().arms()) {
      if (perArm.stream().anyMatch(r -> r.getString(0).equals(arm.name()))) {
        order.add(arm.name());
      }
    }
    perArm.stream().map(r -> r.getString(0)).filter(a -> !order.contains(a)).sorted().forEach(order::add);
    return order;
  }

  private static String text(Map<String, Object> out, List<Map<String, Object>> arms) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "experiment %s, candidates of %s, conversion = a paid order up to %s "
            + "(orders seen until %s); %.0f%% intervals; control %s%n", out.get("experiment"), out.get(Columns.AS_OF),
        out.get("window_end"), out.get("orders_seen_until"), 100 * (double) out.get("confidence"),
        out.get("control")));
    sb.append(String.format(Locale.ROOT, "  %-16s %9s %11s %8s %19s %11s %21s %7s %8s%n", "arm", "customers",
        "conversions", "rate", "interval", "difference", "interval", "z", "p"));
    for (Map<String, Object> a : arms) {
      sb.append(String.format(Locale.ROOT, "  %-16s %,9d %,11d %8.4f   [%.4f, %.4f]", a.get("arm"),
          a.get("customers"), a.get("conversions"), a.get("rate"), a.get("ci_low"), a.get("ci_high")));
      if (a.containsKey("difference")) {
        sb.append(String.format(Locale.ROOT, " %+11.4f   [%+.4f, %+.4f] %7.3f %8.4f", a.get("difference"),
            a.get("difference_ci_low"), a.get("difference_ci_high"), a.get("z"), a.get("p_value")));
      }
      sb.append('\n');
    }
    return sb.toString().stripTrailing();
  }
}
