package io.c360.jobs.clv;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.clv.ClvFitException;
import io.c360.core.clv.CustomerValue;
import io.c360.core.clv.Fitted;
import io.c360.core.clv.HoldoutComparison;
import io.c360.core.clv.Period;
import io.c360.core.config.ClvModelConfig;
import io.c360.core.metrics.ModelMetric;
import io.c360.core.metrics.ModelScope;
import io.c360.core.metrics.RegisteredModel;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.CustomerKeys;
import io.c360.jobs.Failures;
import io.c360.jobs.InputException;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.JobSkipped;
import io.c360.jobs.Lake;
import io.c360.jobs.identity.IdentityJob;
import java.sql.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * clv: fits the purchase model (c360.clv.model) and Gamma-Gamma on the customers' paid orders up to the as-of date
 * ({@link CustomerValue}), writes clv_scores for the date, the parameters to model_registry and the fit
 * diagnostics and the calibration/holdout comparison to model_metrics.
 */
@JobName("clv")
public final class ClvJob implements Job {

  public static final String MODEL_VERSION = "btyd-v1";

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    Date asOf = Date.valueOf(context.asOf());
    ClvModelConfig config = context.config().clv();
    Dataset<Row> identityMap = IdentityJob.customers(lake, context.asOf(), name());
    Dataset<Row> orders = lake.read(Tables.bronze(Source.ORDERS))
        .where(new AsOfWindow(context.asOf()).seen(col("order_ts")));
    Dataset<Row> purchases = CustomerValue.purchases(new CustomerKeys(identityMap, null).orders(orders))
        .localCheckpoint();

    if (config.period() == Period.MONTH && context.asOf().getDayOfMonth() != context.asOf().lengthOfMonth()) {
      throw new InputException("clv: with c360.clv.period = month the as-of date must be a month end, got "
          + context.asOf());
    }
    CustomerValue.Result result;
    try {
      result = CustomerValue.fitAndScore(purchases, context.asOf(), config);
    } catch (IllegalArgumentException e) {
      return JobResult.skipped("too little history to fit as of " + context.asOf() + ": " + e.getMessage());
    } catch (ClvFitException e) {
      return JobResult.skipped("the purchase model cannot be fitted as of " + context.asOf() + ": " + e.getMessage());
    }
    try {
      lake.replaceAsOf(Tables.CLV_SCORES, context.asOf(), result.scores().withColumn(Columns.AS_OF, lit(asOf)));
    } catch (RuntimeException e) {
      throw Failures.cause(e, ArithmeticException.class).map(a -> (RuntimeException) new JobSkipped(
          "the fitted purchase model cannot score every customer as of " + context.asOf() + ": " + a.getMessage(), e))
          .orElse(e);
    }
    String modelName = "clv_" + result.purchases().model().name();
    context.progress().line(name(), String.format(Locale.ROOT, "%s %s: log-likelihood %.2f, %d iterations, "
            + "%,.0f customers in %,d distinct (x, t_x, T)", modelName, result.purchases().model().params(),
        result.purchases().report().logLikelihood(), result.purchases().report().iterations(),
        result.triples().customers(), result.triples().size()));
    if (result.spend() != null) {
      context.progress().line(name(), "gamma-gamma " + result.spend().model());
    }
    if (result.spendNote() != null) {
      context.progress().line(name(), result.spendNote());
    }

    List<RegisteredModel> registry = new ArrayList<>();
    registry.add(registered(context, modelName, result.purchases(), result.purchases().model().params(),
        result.triples().customers(), null));
    if (result.spend() != null) {
      registry.add(registered(context, "clv_gamma_gamma", result.spend(), Map.of("p", result.spend().model().p(),
          "q", result.spend().model().q(), "v", result.spend().model().v()), null, result.spendNote()));
    }
    context.models().register(ModelScope.of("clv_%", context.asOf()), registry);

    ModelMetric.Key key = new ModelMetric.Key(modelName, MODEL_VERSION, context.asOf());
    List<ModelMetric> metrics = new ArrayList<>();
    metrics.add(key.of("log_likelihood", result.purchases().report().logLikelihood(), "fit"));
    metrics.add(key.of("gradient_norm", result.purchases().report().gradientNorm(), "fit"));
    metrics.add(key.of("customers", result.triples().customers(), "fit"));
    metrics.add(key.of("distinct_triples", result.triples().size(), "fit"));
    if (config.holdoutDays() > 0) {
      metrics.addAll(holdout(context, purchases, config, key));
    }
    context.metrics().save(ModelScope.of(modelName, context.asOf()), metrics);
    long customers = (long) result.triples().customers();
    return new JobResult(customers, customers, String.format(Locale.ROOT, "%,d customers scored", customers));
  }

  /** Calibration up to as-of minus holdout-days, forecast vs actual repeat purchases after it. */
  private List<ModelMetric> holdout(JobContext context, Dataset<Row> purchases, ClvModelConfig config,
                                    ModelMetric.Key key) {
    HoldoutComparison holdout;
    try {
      holdout = CustomerValue.holdout(purchases, context.asOf(), config);
    } catch (IllegalArgumentException | ClvFitException e) {
      context.progress().line(name(), "holdout validation skipped: " + e.getMessage());
      return List.of();
    }
    context.progress().line(name(), String.format(Locale.ROOT,
        "holdout of %d days: %,.0f repeat purchases forecast, %,.0f happened (%,d customers)", config.holdoutDays(),
        holdout.predicted(), holdout.actual(), holdout.customers()));
    List<ModelMetric> rows = new ArrayList<>();
    String total = "holdout " + config.holdoutDays() + " days: total";
    rows.add(key.of("holdout_actual", holdout.actual(), total));
    rows.add(key.of("holdout_predicted", holdout.predicted(), total));
    rows.add(key.of("holdout_customers", holdout.customers(), total));
    for (HoldoutComparison.Bucket bucket : holdout.buckets()) {
      String detail = "holdout " + config.holdoutDays() + " days: calibration frequency " + bucket.frequency();
      rows.add(key.of("holdout_customers", bucket.customers(), detail));
      rows.add(key.of("holdout_actual_mean", bucket.actualMean(), detail));
      rows.add(key.of("holdout_predicted_mean", bucket.predictedMean(), detail));
    }
    return rows;
  }


  private static RegisteredModel registered(JobContext context, String model, Fitted<?> fit,
                                            Map<String, Double> params, Double rows, String note) {
    return new RegisteredModel(model, MODEL_VERSION, context.asOf(), Instant.now(), params,
        fit.report().logLikelihood(), fit.report().iterations(), true, rows == null ? null : rows.longValue(), null,
        List.of(), note == null ? fit.report().reason() : fit.report().reason() + "; " + note);
  }

}
