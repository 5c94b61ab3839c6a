package io.c360.jobs.generate;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the ground truth in {@code _truth/}: persons with their latent parameters and outcomes, the identity of
 * every record, the holdout orders, the true ticket categories, the true channel effects and the manifest.
 */
final class TruthWriter {

  private final World world;
  private final Outputs out;

  TruthWriter(World world, Outputs out) {
    this.world = world;
    this.out = out;
  }

  void identity(Source source, String key, String personId) throws IOException {
    out.identity.text(source.code).text(key).text(personId).endRow();
  }

  void futureOrder(Contact c, Order o, String orderId) throws IOException {
    out.futureOrders.text(c.personId()).text(o.guest ? null : c.accountId()).text(orderId).timestamp(o.ts)
        .amount(o.totalCents()).text(Order.STATUS[o.status]).endRow();
  }

  void ticketCategory(String ticketId, Ticket t) throws IOException {
    out.ticketTruth.text(ticketId).text(t.category().code).bool(t.categoryHidden()).endRow();
  }

  void person(PersonHistory h) throws IOException {
    Traits tr = h.traits();
    Contact c = h.contact();
    long drop = h.dropoutTs();
    boolean aliveAtEnd = drop == World.NEVER || World.day(drop) > world.endDay;
    boolean churnedInHoldout = aliveAtEnd && drop != World.NEVER && World.day(drop) <= world.holdoutEndDay;
    long toEnd = 0;
    long inHoldout = 0;
    long holdoutSpend = 0;
    for (Order o : h.orders()) {
      if (o.day <= world.endDay) {
        toEnd++;
      } else if (world.inHoldout(o.ts)) {
        inHoldout++;
        if (o.paid()) {
          holdoutSpend += o.totalCents();
        }
      }
    }
    CsvSink s = out.persons;
    s.text(c.personId()).text(c.accountId()).text(c.memberId()).text(c.householdId()).date(tr.acquiredDay())
        .decimal(tr.purchaseRate(), 6).decimal(tr.dropoutProb(), 6).decimal(tr.basketMean(), 2);
    if (aliveAtEnd) {
      s.empty();
    } else {
      s.date(World.day(drop));
    }
    s.bool(aliveAtEnd).bool(churnedInHoldout).num(toEnd).num(inHoldout).amount(holdoutSpend)
        .bool(tr.weekendShopper()).bool(tr.priceSensitive()).bool(tr.noveltySeeker()).bool(tr.healthyEater())
        .bool(tr.emergencyRestocker()).bool(tr.returnProne()).bool(tr.hasBaby()).bool(tr.hasPet()).bool(tr.appUser())
        .bool(tr.member()).bool(tr.consent()).bool(tr.guestOnly()).bool(tr.unlinkable())
        .bool(c.newEmail() != null && c.emailChangeDay() <= world.endDay).endRow();
  }

  /** {@code channel_effects.csv}: the true purchase-rate factor and duration of a touch per marketing channel. */
  void channelEffects(Path truthDir) throws IOException {
    try (CsvSink s = new CsvSink(truthDir.resolve("channel_effects.csv"), "channel,uplift_factor,duration_days")) {
      for (MarketingChannel m : MarketingChannel.ALL) {
        s.text(m.code).decimal(m.upliftFactor, 2).num(m.durationDays).endRow();
      }
    }
  }

  /**
   * {@code manifest.json}: the options (not the output path, so that runs into different folders compare equal),
   * files, which sources are incremental facts and which full snapshots, row counts and dirty rows per kind.
   */
  void manifest(Path truthDir, Map<String, Long> rows, DirtyRows dirty) throws IOException {
    GeneratorOptions o = world.options;
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("customers", o.customers());
    options.put("seed", o.seed());
    options.put("dirty_rate", o.dirtyRate());
    options.put("start", o.start().toString());
    options.put("end", o.end().toString());
    options.put("from", o.from() == null ? null : o.from().toString());
    options.put("holdout_days", o.holdoutDays());
    Map<String, String> files = new LinkedHashMap<>();
    List<String> factSources = new ArrayList<>();
    List<String> snapshotSources = new ArrayList<>();
    for (Source s : Source.ALL) {
      files.put(s.code, s.relativePath());
      (s.fact ? factSources : snapshotSources).add(s.code);
    }
    Map<String, Long> perKind = new LinkedHashMap<>();
    List<String> nonErrors = new ArrayList<>();
    for (DirtyKind k : DirtyKind.ALL) {
      perKind.put(k.code, dirty.count(k));
      if (!k.error) {
        nonErrors.add(k.code);
      }
    }
    Map<String, Long> truthRows = new LinkedHashMap<>();
    truthRows.put("persons", out.persons.rows());
    truthRows.put("identity", out.identity.rows());
    truthRows.put("future_orders", out.futureOrders.rows());
    truthRows.put("dirty", out.dirty.rows());
    truthRows.put("ticket_categories", out.ticketTruth.rows());
    truthRows.put("channel_effects", (long) MarketingChannel.ALL.length);

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generator", "c360 generate");
    root.put("options", options);
    root.put("persons", o.customers());
    root.put("files", files);
    root.put("fact_sources", factSources);
    root.put("snapshot_sources", snapshotSources);
    root.put("rows", rows);
    root.put("dirty_rows", dirty.total());
    root.put("dirty_rows_per_kind", perKind);
    root.put("non_error_kinds", nonErrors);
    root.put("truth_rows", truthRows);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(indenter).withArrayIndenter(indenter);
    try (OutputStream os = Files.newOutputStream(truthDir.resolve("manifest.json"))) {
      byte[] json = new ObjectMapper().writer(printer).writeValueAsBytes(root);
      os.write(json);
      os.write('\n');
    }
  }
}
