package io.c360.jobs.service;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.c360.core.catalog.Columns;
import io.c360.core.catalog.Source;
import io.c360.core.catalog.Tables;
import io.c360.core.config.IdentityConfig;
import io.c360.core.config.ServiceConfig;
import io.c360.core.identity.Identifiers;
import io.c360.core.identity.IdentityGraph;
import io.c360.core.ingest.Snapshots;
import io.c360.core.metrics.ModelMetric;
import io.c360.core.metrics.ModelScope;
import io.c360.core.profile.AsOfWindow;
import io.c360.core.profile.CustomerKeys;
import io.c360.core.service.ServiceKpis;
import io.c360.core.service.TicketClassifier;
import io.c360.core.service.TicketInsights;
import io.c360.jobs.Job;
import io.c360.jobs.JobContext;
import io.c360.jobs.JobName;
import io.c360.jobs.JobResult;
import io.c360.jobs.Lake;
import io.c360.jobs.identity.IdentityJob;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * tickets: the latest state of the tickets created up to the as-of date, classified by their text where the desk
 * left no category ({@link TicketClassifier}), with their customer, priority and SLA flags ({@link TicketPriority}),
 * into ticket_insights; the open ones ranked by priority into ticket_queue; the service figures of the
 * {@code kpi-window-days} ending on the as-of date into service_kpis ({@link ServiceKpis}); the classifier's held-out
 * evaluation into model_metrics. Skipped without a tickets source.
 */
@JobName("tickets")
public final class TicketJob implements Job {

  public static final String MODEL = "ticket_classifier";
  public static final String MODEL_VERSION = "tfidf-lr-v1";

  @Override
  public JobResult run(JobContext context) {
    Lake lake = context.lake();
    if (!lake.exists(Tables.bronze(Source.TICKETS))) {
      return JobResult.skipped("no tickets source");
    }
    Date asOf = Date.valueOf(context.asOf());
    ServiceConfig config = context.config().service();
    Dataset<Row> tickets = TicketInsights.tickets(lake.read(Tables.bronze(Source.TICKETS)), context.asOf())
        .localCheckpoint();

    List<ModelMetric> metrics = new ArrayList<>();
    Dataset<Row> classified;
    String modelNote;
    try {
      TicketClassifier.Trained trained = new TicketClassifier(config).train(tickets);
      classified = trained.predict(tickets);
      metrics.addAll(metricRows(context, trained.evaluation()));
      modelNote = String.format(Locale.ROOT, "classifier macro F1 %.3f, accuracy %.3f on %,d held-out tickets",
          trained.evaluation().macroF1(), trained.evaluation().accuracy(), trained.evaluation().testRows());
    } catch (IllegalArgumentException e) {
      classified = TicketInsights.unclassified(tickets);
      modelNote = "no classifier: " + e.getMessage();
    }
    Dataset<Row> insights = new TicketInsights(config, context.config().segments().rfm().bins())
        .insights(withCustomers(context, classified), customerValue(context), context.asOf());
    lake.replaceAsOf(Tables.TICKET_INSIGHTS, context.asOf(), insights);
    Dataset<Row> written = lake.read(Tables.TICKET_INSIGHTS).where(col(Columns.AS_OF).equalTo(asOf));
    if (!metrics.isEmpty()) {
      context.metrics().save(ModelScope.of(MODEL, context.asOf()), metrics);
    }
    lake.replaceAsOf(Tables.SERVICE_KPIS, context.asOf(), ServiceKpis.transform(written,
        lake.read(Tables.bronze(Source.ORDERS)), config, context.asOf()));
    lake.replaceAsOf(Tables.TICKET_QUEUE, context.asOf(), TicketInsights.queue(written));

    long rows = lake.writtenRows(Tables.TICKET_INSIGHTS, context.asOf());
    String summary = String.format(Locale.ROOT, "%,d tickets; %s", rows, modelNote);
    context.progress().line(name(), summary);
    return new JobResult(rows, rows, summary);
  }

  /** Tickets with the customer_id found by member id, else by a phone of exactly one customer (or null). */
  private static Dataset<Row> withCustomers(JobContext context, Dataset<Row> tickets) {
    Lake lake = context.lake();
    AsOfWindow window = new AsOfWindow(context.asOf());
    Dataset<Row> orders = lake.read(Tables.bronze(Source.ORDERS)).where(window.seen(col("order_ts")));
    Dataset<Row> members = lake.exists(Tables.bronze(Source.MEMBERS))
        ? Snapshots.latest(lake.read(Tables.bronze(Source.MEMBERS)), Source.MEMBERS)
            .where(col("signup_ts").isNull().or(window.seen(col("signup_ts")))) : null;
    IdentityConfig identity = context.config().identity();
    Dataset<Row> contacts = new IdentityGraph(identity).contacts(new IdentityGraph.Inputs(orders, members, null));
    CustomerKeys keys = new CustomerKeys(IdentityJob.customers(lake, context.asOf(), "tickets"), contacts);
    Dataset<Row> attached = keys.attach(tickets, null,
        Identifiers.phoneE164(col("phone"), identity.defaultCountryCode())).select("ticket_id", Columns.CUSTOMER_ID);
    return tickets.join(attached, new String[] {"ticket_id"}, "left").drop("member_id", "phone");
  }

  /** M score, member tier and VIP (five tier high_value) of the as-of date; null without customer_segments. */
  private static Dataset<Row> customerValue(JobContext context) {
    Lake lake = context.lake();
    if (!lake.exists(Tables.CUSTOMER_SEGMENTS)) {
      return null;
    }
    return lake.read(Tables.CUSTOMER_SEGMENTS).where(col(Columns.AS_OF).equalTo(Date.valueOf(context.asOf())))
        .select(col(Columns.CUSTOMER_ID), col("m_score"), col("member_tier"),
            coalesce(col("five_tier").equalTo("high_value"), lit(false)).as("vip"));
  }

  private static List<ModelMetric> metricRows(JobContext context, TicketClassifier.Evaluation e) {
    ModelMetric.Key key = new ModelMetric.Key(MODEL, MODEL_VERSION, context.asOf());
    List<ModelMetric> rows = new ArrayList<>();
    rows.add(key.of("macro_f1", e.macroF1(), "held out"));
    rows.add(key.of("accuracy", e.accuracy(), "held out"));
    rows.add(key.of("train_rows", e.trainRows(), "held out"));
    rows.add(key.of("test_rows", e.testRows(), "held out"));
    for (TicketClassifier.ClassMetrics c : e.classes()) {
      rows.add(key.of("precision", c.precision(), c.category()));
      rows.add(key.of("recall", c.recall(), c.category()));
      rows.add(key.of("f1", c.f1(), c.category()));
      rows.add(key.of("support", c.support(), c.category()));
    }
    return rows;
  }
}
