package io.c360.jobs.generate;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.identity.PairwiseEvaluation;
import io.c360.core.marketing.Attribution;
import io.c360.core.metrics.ModelMetric;
import io.c360.core.metrics.ModelScope;
import io.c360.jobs.InputException;
import io.c360.jobs.Lake;
import io.c360.jobs.LakeModelStore;
import io.c360.jobs.Progress;
import io.c360.jobs.identity.IdentityJob;
import io.c360.jobs.marketing.AttributionJob;
import io.c360.jobs.service.TicketJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A lake built from generated sources scored against the generator's ground truth ({@code _truth/} in the sources
 * folder), for one as-of date: identity's pairwise precision, recall and F1, the ticket classifier's accuracy on the
 * tickets without a desk category, and whether attribution's markov order of channels by conversions per touch is
 * the true uplift order. The production jobs never read {@code _truth/}; the demo, the benchmarks and the tests call
 * this after the pipeline ({@code c360 evaluate}). The figures go to model_metrics as the models
 * {@value #IDENTITY}, {@value #TICKETS} and {@value #ATTRIBUTION}, replacing that date's; each is left out when the
 * lake has no output of its job for the date.
 */
public final class TruthEvaluation {

  public static final String IDENTITY = "identity_vs_truth";
  public static final String TICKETS = "ticket_classifier_vs_truth";
  public static final String ATTRIBUTION = "attribution_vs_truth";
  private static final String NAME = "evaluate";

  private final Lake lake;
  private final Path truth;
  private final LocalDate asOf;
  private final Progress progress;

  private TruthEvaluation(Lake lake, Path truth, LocalDate asOf, Progress progress) {
    this.lake = lake;
    this.truth = truth;
    this.asOf = asOf;
    this.progress = progress;
  }

  /**
   * Scores the as-of date's outputs, writes the figures to model_metrics and returns them.
   *
   * @throws InputException when the sources folder has no {@code _truth/}, or the lake no output to score
   */
  public static List<ModelMetric> run(Lake lake, Path sources, LocalDate asOf, Progress progress) {
    Path truth = sources.resolve(Outputs.TRUTH_DIR);
    if (!Files.isDirectory(truth)) {
      throw new InputException(sources + " has no " + Outputs.TRUTH_DIR + "/ folder: only sources written by "
          + "c360 generate carry the truth to evaluate against");
    }
    TruthEvaluation evaluation = new TruthEvaluation(lake, truth, asOf, progress);
    List<ModelMetric> rows = new ArrayList<>();
    rows.addAll(evaluation.identity());
    rows.addAll(evaluation.tickets());
    rows.addAll(evaluation.attribution());
    if (rows.isEmpty()) {
      throw new InputException("nothing to evaluate as of " + asOf + ": the lake has no identity_map, "
          + "ticket_insights or channel_attribution rows of that date");
    }
    new LakeModelStore(lake).save(ModelScope.of("%_vs_truth", asOf), rows);
    return rows;
  }

  private Dataset<Row> csv(String file) {
    return lake.spark().read().option("header", "true").csv(truth.resolve(file).toString());
  }

  private boolean has(String file) {
    return Files.isRegularFile(truth.resolve(file));
  }

  /**
   * Pairwise scores of the as-of date's identity map: of the records (orders and members, each with its true
   * person) and of the entities (accounts, guest orders, members and devices, each with the person of its records).
   */
  private List<ModelMetric> identity() {
    if (!has("identity.csv") || !lake.exists(Tables.IDENTITY_MAP)
        || lake.read(Tables.IDENTITY_MAP).where(col(Columns.AS_OF).equalTo(Date.valueOf(asOf))).isEmpty()) {
      return List.of();
    }
    Dataset<Row> truthRows = csv("identity.csv");
    Dataset<Row> orders = lake.read(Tables.bronze(Source.ORDERS))
        .where(col("order_ts").lt(Timestamp.valueOf(asOf.plusDays(1).atStartOfDay())));
    Dataset<Row> entities = IdentityJob.customers(lake, asOf, NAME);
    Dataset<Row> orderTruth = truthRows.where(col("source").equalTo("orders"));
    Dataset<Row> entityTruth = orders.join(orderTruth, orders.col("order_id").equalTo(orderTruth.col("source_key")))
        .select(IdentityGraph.orderEntityType().as("entity_type"), IdentityGraph.orderEntityKey().as("entity_key"),
            col("person_id"))
        .union(truthRows.where(col("source").isin("members", "events"))
            .select(when(col("source").equalTo("members"), lit(IdentityGraph.MEMBER))
                .otherwise(lit(IdentityGraph.DEVICE)).as("entity_type"), col("source_key").as("entity_key"),
                col("person_id")))
        .groupBy("entity_type", "entity_key").agg(min("person_id").as("person"));
    Dataset<Row> entityScores = entities.join(entityTruth, new String[] {"entity_type", "entity_key"})
        .select(col(Columns.CUSTOMER_ID).as("cluster"), col("person"));
    Dataset<Row> orderCustomer = entities.where(col("entity_type").isin(IdentityGraph.ACCOUNT,
        IdentityGraph.GUEST_ORDER));
    Dataset<Row> orderRecords = orders.select(col("order_id"), IdentityGraph.orderEntityType().as("entity_type"),
            IdentityGraph.orderEntityKey().as("entity_key"))
        .join(orderCustomer, new String[] {"entity_type", "entity_key"})
        .join(orderTruth, col("order_id").equalTo(col("source_key")))
        .select(col(Columns.CUSTOMER_ID).as("cluster"), col("person_id").as("person"));
    Dataset<Row> memberRecords = entities.where(col("entity_type").equalTo(IdentityGraph.MEMBER))
        .join(truthRows.where(col("source").equalTo("members")), col("entity_key").equalTo(col("source_key")))
        .select(col(Columns.CUSTOMER_ID).as("cluster"), col("person_id").as("person"));
    List<ModelMetric> rows = new ArrayList<>();
    rows.addAll(pairwise("records: orders and members", PairwiseEvaluation.score(orderRecords.union(memberRecords))));
    rows.addAll(pairwise("entities: accounts, guest orders, members, devices", PairwiseEvaluation.score(entityScores)));
    return rows;
  }

  private List<ModelMetric> pairwise(String detail, PairwiseEvaluation.Scores scores) {
    progress.line(NAME, String.format(Locale.ROOT,
        "identity %s: pairwise precision %.4f, recall %.4f, F1 %.4f; %,d customers for %,d true persons (%,d items)",
        detail, scores.precision(), scores.recall(), scores.f1(), scores.clusters(), scores.persons(),
        scores.items()));
    List<ModelMetric> rows = new ArrayList<>();
    for (Object[] metric : new Object[][] {{"precision", scores.precision()}, {"recall", scores.recall()},
        {"f1", scores.f1()}, {"clusters", (double) scores.clusters()}, {"true_persons", (double) scores.persons()},
        {"items", (double) scores.items()}}) {
      rows.add(metric(IDENTITY, IdentityJob.MODEL_VERSION, (String) metric[0], (double) metric[1], detail));
    }
    return rows;
  }

  /** Accuracy of the predicted categories of the as-of date's tickets that came without a desk category. */
  private List<ModelMetric> tickets() {
    if (!has("ticket_categories.csv") || !lake.exists(Tables.TICKET_INSIGHTS)) {
      return List.of();
    }
    Dataset<Row> truthRows = csv("ticket_categories.csv").select(col("ticket_id"), col("category").as("_truth"));
    Row r = lake.read(Tables.TICKET_INSIGHTS).where(col(Columns.AS_OF).equalTo(Date.valueOf(asOf))
            .and(col("category_source").equalTo("predicted"))).join(truthRows, "ticket_id")
        .agg(count(lit(1)), count(when(col("predicted_category").equalTo(col("_truth")), 1))).first();
    if (r.getLong(0) == 0) {
      return List.of();
    }
    double accuracy = r.getLong(1) / (double) r.getLong(0);
    String detail = "tickets without a desk category";
    progress.line(NAME, String.format(Locale.ROOT, "tickets: predicted category right for %.3f of %,d %s",
        accuracy, r.getLong(0), detail));
    return List.of(metric(TICKETS, TicketJob.MODEL_VERSION, "accuracy", accuracy, detail),
        metric(TICKETS, TicketJob.MODEL_VERSION, "rows", r.getLong(0), detail));
  }

  /** 1 when the markov per-touch order of channels equals the true uplift order, and Spearman's rho of the two. */
  private List<ModelMetric> attribution() {
    if (!has("channel_effects.csv") || !lake.exists(Tables.CHANNEL_ATTRIBUTION)) {
      return List.of();
    }
    Dataset<Row> written = lake.read(Tables.CHANNEL_ATTRIBUTION).where(col(Columns.AS_OF).equalTo(Date.valueOf(asOf)));
    if (written.isEmpty()) {
      return List.of();
    }
    List<String> trueOrder = csv("channel_effects.csv").orderBy(col("uplift_factor").cast("double").desc())
        .select("channel").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> estimated = new ArrayList<>(Attribution.rank(written, Attribution.MARKOV,
        "conversions_per_1000_touches"));
    estimated.retainAll(trueOrder);
    double rho = Double.NaN;
    if (estimated.size() == trueOrder.size() && trueOrder.size() > 1) {
      double d2 = 0;
      for (int i = 0; i < trueOrder.size(); i++) {
        int j = estimated.indexOf(trueOrder.get(i));
        d2 += (double) (i - j) * (i - j);
      }
      int n = trueOrder.size();
      rho = 1 - 6 * d2 / (n * ((double) n * n - 1));
    }
    progress.line(NAME, "attribution: markov conversions per touch rank " + estimated + ", true uplift order "
        + trueOrder + "; same order: " + trueOrder.equals(estimated));
    String detail = "markov conversions per touch vs true uplift: " + String.join(">", estimated);
    return List.of(metric(ATTRIBUTION, AttributionJob.MODEL_VERSION, "same_order", trueOrder.equals(estimated)
            ? 1.0 : 0.0, detail),
        metric(ATTRIBUTION, AttributionJob.MODEL_VERSION, "spearman_rho", rho, detail));
  }

  private ModelMetric metric(String model, String version, String metric, double value, String detail) {
    return new ModelMetric(model, version, asOf, metric, value, detail);
  }

}
