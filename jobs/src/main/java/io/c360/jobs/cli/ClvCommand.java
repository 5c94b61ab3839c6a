package io.c360.jobs.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.clv.BgNbd;
import io.c360.core.clv.ClvSummary;
import io.c360.core.clv.Fitted;
import io.c360.core.clv.GammaGamma;
import io.c360.core.clv.HoldoutComparison;
import io.c360.core.clv.MaximumLikelihood;
import io.c360.core.clv.ParetoNbd;
import io.c360.core.clv.Period;
import io.c360.core.clv.PurchaseModel;
import io.c360.core.clv.RfmTriples;
import io.c360.core.clv.SpendPairs;
import io.c360.core.clv.SummarySpec;
import io.c360.jobs.InputException;
import io.c360.jobs.clv.TransactionFile;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code c360 clv}: customer-lifetime-value models on a transactions file (no lake needed). */
@Command(name = "clv", description = "Customer lifetime value: buy-till-you-die models on a transactions file.",
    subcommands = {ClvCommand.Fit.class}, exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok",
        "1:the fit failed (did not converge)", "2:usage or input error (file, column, date, amount)"})
final class ClvCommand {

  /** Model choice of {@code --model}. */
  enum Model { bgnbd, paretonbd }

  @Command(name = "fit", description = {
      "Summarises a transactions file per customer (x, t_x, T, zbar), fits BG/NBD or Pareto/NBD by maximum "
          + "likelihood and, with amounts, the Gamma-Gamma spend model; with --holdout-end compares the forecast "
          + "with the holdout purchases per calibration frequency.",
      "Example (CDNOW): c360 clv fit --input CDNOW_sample.txt --whitespace --no-header --customer-col 2 "
          + "--date-col 3 --date-format yyyyMMdd --amount-col 5 --period week --calibration-end 1997-09-30 "
          + "--holdout-end 1998-06-30"},
      exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:the fit failed (did not converge)",
          "2:usage or input error (file, column, date, amount)"})
  static final class Fit implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "Transactions file or folder.")
    Path input;

    @Option(names = "--customer-col", paramLabel = "C", required = true,
        description = "Customer column: name, or 1-based index with --no-header.")
    String customerCol;

    @Option(names = "--date-col", paramLabel = "D", required = true, description = "Purchase date column.")
    String dateCol;

    @Option(names = "--amount-col", paramLabel = "A", description = "Purchase value column (enables Gamma-Gamma).")
    String amountCol;

    @Option(names = "--date-format", paramLabel = "F",
        description = "Date pattern such as yyyyMMdd. Default: ISO dates or timestamps (yyyy-MM-dd[ HH:mm:ss]).")
    String dateFormat;

    @Option(names = "--delimiter", paramLabel = "X", description = "Field delimiter. Default: ','.")
    String delimiter;

    @Option(names = "--whitespace", description = "Fields separated by blanks (leading blanks ignored).")
    boolean whitespace;

    @Option(names = "--no-header", description = "The file has no header line; columns are 1-based indexes.")
    boolean noHeader;

    @Option(names = "--period", paramLabel = "P", defaultValue = "week",
        description = "day, week or month: the time unit of t_x and T. Default: ${DEFAULT-VALUE}.")
    String period;

    @Option(names = "--calibration-end", paramLabel = "DATE", required = true,
        description = "Last day of the calibration period (inclusive).")
    LocalDate calibrationEnd;

    @Option(names = "--holdout-end", paramLabel = "DATE",
        description = "Last day of the holdout period (inclusive): compare forecast and actual purchases.")
    LocalDate holdoutEnd;

    @Option(names = "--model", paramLabel = "M", defaultValue = "bgnbd",
        description = "bgnbd or paretonbd. Default: ${DEFAULT-VALUE}.")
    Model model;

    @Option(names = "--penalizer", paramLabel = "L", defaultValue = "0",
        description = "L2 penalty on the parameters. Default: ${DEFAULT-VALUE}.")
    double penalizer;

    @Mixin
    LocalSession local;

    @Spec
    CommandSpec spec;

    private static final String PARSER_POLICY = "spark.sql.legacy.timeParserPolicy";

    @Override
    public Integer call() {
      if (whitespace && delimiter != null) {
        throw new ParameterException(spec.commandLine(), "--whitespace and --delimiter exclude each other");
      }
      SummarySpec summarySpec;
      MaximumLikelihood.Options options;
      TransactionFile file;
      try {
        summarySpec = new SummarySpec(TransactionFile.CUSTOMER, TransactionFile.DATE,
            amountCol != null ? TransactionFile.AMOUNT : null, Period.parse(period), calibrationEnd, holdoutEnd);
        options = MaximumLikelihood.Options.DEFAULT.withPenalizer(penalizer);
        file = new TransactionFile(input, delimiter != null ? delimiter : ",", whitespace, !noHeader, customerCol,
            dateCol, amountCol, dateFormat);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
      // breeze logs line-search retries as errors; the fit's own convergence check decides and reports
      SparkSession spark = local.open("c360-clv");
      Configurator.setLevel("breeze.optimize", local.verbose ? Level.INFO : Level.OFF);
      String parserPolicy = spark.conf().get(PARSER_POLICY, null);
      // unparseable dates become nulls that the reader reports, instead of Spark's upgrade exception
      spark.conf().set(PARSER_POLICY, "CORRECTED");
      try {
        long t0 = System.nanoTime();
        Dataset<Row> summary = ClvSummary.transform(file.read(spark), summarySpec).cache();
        RfmTriples triples;
        try {
          triples = ClvSummary.compressRfm(summary);
        } catch (IllegalArgumentException e) {
          throw new InputException(e.getMessage() + " (calibration end " + calibrationEnd + ")", e);
        }
        Fitted<? extends PurchaseModel> fit = model == Model.bgnbd ? BgNbd.fit(triples, options)
            : ParetoNbd.fit(triples, options);
        Fitted<GammaGamma> spend = null;
        SpendPairs pairs = null;
        if (amountCol != null) {
          try {
            pairs = ClvSummary.compressSpend(summary);
          } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage() + ": cannot fit Gamma-Gamma", e);
          }
          spend = GammaGamma.fit(pairs, options);
        }
        HoldoutComparison holdout = holdoutEnd != null ? HoldoutComparison.of(summary, fit.model()) : null;
        double seconds = (System.nanoTime() - t0) / 1e9;
        summary.unpersist();
        Map<String, Object> result = result(triples, triples.size(), fit, spend, pairs, holdout, seconds);
        System.out.println(local.json ? toJson(result) : text(result, fit, spend, holdout));
        return ExitCodes.OK;
      } finally {
        boolean stopped = local.release(spark);
        if (!stopped && parserPolicy != null) {
          spark.conf().set(PARSER_POLICY, parserPolicy);
        } else if (!stopped) {
          spark.conf().unset(PARSER_POLICY);
        }
      }
    }


    private Map<String, Object> result(RfmTriples triples, int distinct, Fitted<? extends PurchaseModel> fit,
                                       Fitted<GammaGamma> spend, SpendPairs pairs, HoldoutComparison holdout,
                                       double seconds) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("model", fit.model().name());
      out.put("period", Period.parse(period).toString());
      out.put("calibration_end", calibrationEnd.toString());
      out.put("customers", (long) triples.customers());
      out.put("distinct_triples", distinct);
      out.put("params", fit.model().params());
      out.put("std_errors", standardErrors(fit));
      out.put("loglik", fit.report().logLikelihood());
      out.put("iterations", fit.report().iterations());
      out.put("gradient_norm", fit.report().gradientNorm());
      out.put("convergence", fit.report().reason());
      if (spend != null) {
        Map<String, Object> gg = new LinkedHashMap<>();
        gg.put("p", spend.model().p());
        gg.put("q", spend.model().q());
        gg.put("v", spend.model().v());
        gg.put("loglik", spend.report().logLikelihood());
        gg.put("iterations", spend.report().iterations());
        gg.put("customers", (long) pairs.customers());
        out.put("gamma_gamma", gg);
      } else {
        out.put("gamma_gamma", null);
      }
      if (holdout != null) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("end", holdoutEnd.toString());
        h.put("actual", Math.round(holdout.actual()));
        h.put("predicted", holdout.predicted());
        h.put("by_frequency", holdout.buckets().stream().map(b -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("frequency", b.frequency());
          row.put("customers", b.customers());
          row.put("actual_mean", b.actualMean());
          row.put("predicted_mean", b.predictedMean());
          return row;
        }).toList());
        out.put("holdout", h);
      } else {
        out.put("holdout", null);
      }
      out.put("seconds", Math.round(seconds * 1000) / 1000.0);
      return out;
    }

    /** Standard errors by parameter name, or null when the information matrix is not positive definite. */
    private static Map<String, Double> standardErrors(Fitted<? extends PurchaseModel> fit) {
      double[] se = fit.report().standardErrors();
      if (se == null) {
        return null;
      }
      Map<String, Double> out = new LinkedHashMap<>();
      int i = 0;
      for (String name : fit.model().params().keySet()) {
        out.put(name, se[i++]);
      }
      return out;
    }

    private static String toJson(Map<String, Object> result) {
      try {
        return new ObjectMapper().writeValueAsString(result);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the result as JSON", e);
      }
    }

    private String text(Map<String, Object> result, Fitted<? extends PurchaseModel> fit, Fitted<GammaGamma> spend,
                        HoldoutComparison holdout) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "%s on %,d customers (%,d distinct x, t_x, T), period %s, calibration to "
              + "%s%n", fit.model().name().equals("bgnbd") ? "BG/NBD" : "Pareto/NBD", result.get("customers"),
          result.get("distinct_triples"), result.get("period"), calibrationEnd));
      Map<String, Double> se = standardErrors(fit);
      fit.model().params().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-6s %12.6f%s%n", k, v,
          se != null ? String.format(Locale.ROOT, "  (se %.4f)", se.get(k)) : "")));
      sb.append(String.format(Locale.ROOT, "  log-likelihood %.4f, %d iterations, gradient norm %.2g (%s)%n",
          fit.report().logLikelihood(), fit.report().iterations(), fit.report().gradientNorm(),
          fit.report().reason()));
      if (spend != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> gg = (Map<String, Object>) result.get("gamma_gamma");
        sb.append(String.format(Locale.ROOT, "Gamma-Gamma on %,d repeat buyers%n", gg.get("customers")));
        sb.append(String.format(Locale.ROOT, "  p      %12.6f%n  q      %12.6f%n  v      %12.6f%n",
            spend.model().p(), spend.model().q(), spend.model().v()));
        sb.append(String.format(Locale.ROOT, "  log-likelihood %.4f, %d iterations%n",
            spend.report().logLikelihood(), spend.report().iterations()));
      }
      if (holdout != null) {
        sb.append(String.format(Locale.ROOT, "Holdout to %s: actual %,.0f, predicted %,.1f repeat purchases%n",
            holdoutEnd, holdout.actual(), holdout.predicted()));
        sb.append(String.format(Locale.ROOT, "  %-9s %9s %11s %14s%n", "frequency", "customers", "actual_mean",
            "predicted_mean"));
        for (HoldoutComparison.Bucket b : holdout.buckets()) {
          sb.append(String.format(Locale.ROOT, "  %-9s %,9d %11.4f %14.4f%n", b.frequency(), b.customers(),
              b.actualMean(), b.predictedMean()));
        }
      }
      return sb.toString().stripTrailing();
    }
  }
}
