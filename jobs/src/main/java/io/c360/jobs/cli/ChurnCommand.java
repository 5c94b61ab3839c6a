package io.c360.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.churn.ChurnEvaluation;
import io.c360.core.churn.ChurnExplanations;
import io.c360.core.churn.ChurnModel;
import io.c360.core.churn.ChurnSettings;
import io.c360.core.churn.ChurnTrainer;
import io.c360.jobs.InputException;
import io.c360.jobs.churn.LabelledTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code c360 churn}: churn models on a user's own labelled customer table (no lake needed). */
@Command(name = "churn", description = "Churn models: XGBoost on a labelled customer table, with SHAP importance.",
    subcommands = {ChurnCommand.Train.class}, exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok",
        "1:training failed", "2:usage or input error (file, column, label values)"})
final class ChurnCommand {

  @Command(name = "train", description = {
      "Trains an XGBoost churn classifier on a CSV customer table (header line; one row per customer; numeric and "
          + "categorical columns, blanks as missing values) and evaluates it on held-out rows: a random test "
          + "split by seed, never used for training or early stopping (which uses 20% of the training rows). "
          + "Prints ROC AUC, PR AUC, log loss, Brier score, lift by decile and the global importance of each "
          + "column (mean |SHAP| on the test rows).",
      "Example: c360 churn train --input customers.csv --id customer_id --label churned --positive yes"},
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:training failed",
          "2:usage or input error (file, column, label values)"})
  static final class Train implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "CSV file (or folder) with a "
        + "header line.")
    Path input;

    @Option(names = "--label", paramLabel = "COL", required = true, description = "Label column: two values.")
    String labelCol;

    @Option(names = "--id", paramLabel = "COL", required = true, description = "Customer id column (not a feature).")
    String idCol;

    @Option(names = "--positive", paramLabel = "VALUE", description = "The churned label value. Default: yes, "
        + "true, 1 or y when the other value is no, false, 0 or n.")
    String positive;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
        description = "Share of rows held out for evaluation, in (0, 0.5]. Default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
        description = "Seed of the splits and of XGBoost. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--delimiter", paramLabel = "X", defaultValue = ",",
        description = "Field delimiter. Default: '${DEFAULT-VALUE}'.")
    String delimiter;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
        description = "Features listed in the text output's importance. Default: ${DEFAULT-VALUE}.")
    int top;

    @Mixin
    LocalSession local;

    @Spec
    CommandSpec spec;

    private static final double VALIDATION_FRACTION = 0.2;

    @Override
    public Integer call() {
      if (!(testFraction > 0 && testFraction <= 0.5)) {
        throw new ParameterException(spec.commandLine(), "--test-fraction must be in (0, 0.5], got " + testFraction);
      }
      if (top < 1) {
        throw new ParameterException(spec.commandLine(), "--top must be >= 1, got " + top);
      }
      LabelledTable table = new LabelledTable(input, delimiter, idCol, labelCol, positive);
      ChurnSettings settings = ChurnSettings.DEFAULT.withSeed(seed);
      SparkSession spark = local.open("c360-churn");
      Dataset<Row> rows = null;
      try {
        long t0 = System.nanoTime();
        LabelledTable.Prepared prepared = table.read(spark);
        rows = prepared.rows().persist(StorageLevel.MEMORY_AND_DISK());
        ChurnTrainer.Split split = ChurnTrainer.randomSplit(rows, testFraction, seed);
        ChurnTrainer.Split fit = ChurnTrainer.randomSplit(split.train(), VALIDATION_FRACTION, seed + 1);
        ChurnModel model;
        try {
          model = ChurnTrainer.train(fit.train(), fit.test(), LabelledTable.LABEL, prepared.features(), settings);
        } catch (IllegalArgumentException e) {
          throw new InputException(e.getMessage() + " (seed " + seed + ", test fraction " + testFraction + ")", e);
        }
        Dataset<Row> scored = model.score(split.test()).persist(StorageLevel.MEMORY_AND_DISK());
        ChurnEvaluation.Report report;
        try {
          report = ChurnEvaluation.evaluate(scored, LabelledTable.LABEL, ChurnModel.PROBABILITY);
        } catch (IllegalArgumentException e) {
          throw new InputException("the test rows cannot be evaluated: " + e.getMessage() + "; use more rows or a "
              + "larger --test-fraction", e);
        }
        List<ChurnExplanations.Importance> importance = ChurnExplanations.importance(scored, model.featureNames());
        long trainRows = fit.train().count();
        long validationRows = fit.test().count();
        long total = rows.count();
        long positives = rows.where(rows.col(LabelledTable.LABEL).equalTo(1)).count();
        scored.unpersist();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> result = result(prepared, model, report, importance, total, positives, trainRows,
            validationRows, seconds);
        System.out.println(local.json ? toJson(result) : text(result, prepared, report, importance));
        return ExitCodes.OK;
      } finally {
        if (rows != null) {
          rows.unpersist();
        }
        local.release(spark);
      }
    }


    private Map<String, Object> result(LabelledTable.Prepared prepared, ChurnModel model,
                                       ChurnEvaluation.Report report, List<ChurnExplanations.Importance> importance,
                                       long total, long positives, long trainRows, long validationRows,
                                       double seconds) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rows", total);
      out.put("positives", positives);
      out.put("positive_value", prepared.positiveValue());
      out.put("features", model.featureNames());
      out.put("categorical", prepared.features().categorical());
      out.put("skipped_blank_columns", prepared.skipped());
      out.put("train_rows", trainRows);
      out.put("validation_rows", validationRows);
      out.put("test_rows", report.rows());
      out.put("test_positives", report.positives());
      out.put("seed", seed);
      out.put("rounds", model.roundsTrained());
      out.put("best_iteration", model.bestIteration());
      out.put("auc", report.auc());
      out.put("pr_auc", report.prAuc());
      out.put("log_loss", report.logLoss());
      out.put("brier", report.brier());
      out.put("top_decile_lift", report.topDecileLift());
      Map<String, Double> imp = new LinkedHashMap<>();
      importance.forEach(i -> imp.put(i.feature(), i.meanAbsShap()));
      out.put("importance", imp);
      out.put("deciles", report.deciles().stream().map(d -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("decile", d.decile());
        row.put("customers", d.customers());
        row.put("positives", d.positives());
        row.put("mean_predicted", d.meanPredicted());
        row.put("observed_rate", d.observedRate());
        row.put("lift", d.lift());
        row.put("cumulative_gain", d.cumulativeGain());
        return row;
      }).toList());
      out.put("seconds", Math.round(seconds * 1000) / 1000.0);
      return out;
    }

    private static String toJson(Map<String, Object> result) {
      try {
        return new ObjectMapper().writeValueAsString(result);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the result as JSON", e);
      }
    }

    private String text(Map<String, Object> result, LabelledTable.Prepared prepared, ChurnEvaluation.Report report,
                        List<ChurnExplanations.Importance> importance) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "Churn model on %,d rows (%,d positive '%s'), %d features (%d numeric, "
              + "%d categorical)%n", result.get("rows"), result.get("positives"), prepared.positiveValue(),
          prepared.features().names().size(), prepared.features().numeric().size(),
          prepared.features().categorical().size()));
      if (!prepared.skipped().isEmpty()) {
        sb.append("  left out (blank): ").append(String.join(", ", prepared.skipped())).append(System.lineSeparator());
      }
      sb.append(String.format(Locale.ROOT, "Trained on %,d rows, early stopping on %,d: %d rounds (best %d); "
              + "tested on %,d rows (%,d positive), seed %d, %.1f s%n", result.get("train_rows"),
          result.get("validation_rows"), result.get("rounds"), result.get("best_iteration"), report.rows(),
          report.positives(), seed, result.get("seconds")));
      sb.append(String.format(Locale.ROOT, "  AUC              %.4f%n", report.auc()));
      sb.append(String.format(Locale.ROOT, "  PR AUC           %.4f  (base rate %.4f)%n", report.prAuc(),
          report.baseRate()));
      sb.append(String.format(Locale.ROOT, "  log loss         %.4f%n", report.logLoss()));
      sb.append(String.format(Locale.ROOT, "  Brier            %.4f%n", report.brier()));
      sb.append(String.format(Locale.ROOT, "  top-decile lift  %.2f%n", report.topDecileLift()));
      sb.append(String.format(Locale.ROOT, "Deciles of predicted risk (1 = highest):%n  %-6s %9s %9s %14s %13s %6s "
          + "%15s%n", "decile", "customers", "positives", "mean_predicted", "observed_rate", "lift",
          "cumulative_gain"));
      for (ChurnEvaluation.Decile d : report.deciles()) {
        sb.append(String.format(Locale.ROOT, "  %-6d %,9d %,9d %14.4f %13.4f %6.2f %15.4f%n", d.decile(),
            d.customers(), d.positives(), d.meanPredicted(), d.observedRate(), d.lift(), d.cumulativeGain()));
      }
      sb.append(String.format(Locale.ROOT, "Importance (mean |SHAP| on the test rows, log-odds):%n"));
      int width = importance.stream().mapToInt(i -> i.feature().length()).max().orElse(8);
      importance.stream().limit(top).forEach(i -> sb.append(String.format(Locale.ROOT, "  %-" + width + "s %.4f%n",
          i.feature(), i.meanAbsShap())));
      return sb.toString().stripTrailing();
    }
  }
}
