package io.c360.jobs.generate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a person's fact records (orders with their lines, reviews, events, surveys, campaign touches) whose time
 * falls in the batch window {@code (from, end]}, injecting dirty rows, and their identity truth rows. Orders of the
 * holdout window go to the truth only.
 */
final class FactWriter {

  private final World world;
  private final Outputs out;
  private final DirtyRows dirty;
  private final TruthWriter truth;
  private final Ids ids;
  private final Catalogue catalogue;

  FactWriter(World world, Outputs out, DirtyRows dirty, TruthWriter truth) {
    this.world = world;
    this.out = out;
    this.dirty = dirty;
    this.truth = truth;
    this.ids = world.ids;
    this.catalogue = world.catalogue;
  }

  void write(PersonHistory h) throws IOException {
    orders(h);
    reviews(h);
    events(h);
    surveys(h);
    touches(h);
  }

  private void orders(PersonHistory h) throws IOException {
    Contact c = h.contact();
    List<Order> duplicates = null;
    for (Order o : h.orders()) {
      String id = ids.order(o.key);
      if (world.inHoldout(o.ts)) {
        truth.futureOrder(c, o, id);
        continue;
      }
      if (!world.inBatch(o.ts)) {
        continue;
      }
      DirtyKind kind = dirty.decide(Source.ORDERS, o.key);
      if (kind == DirtyKind.DUPLICATE_KEY) {
        if (duplicates == null) {
          duplicates = new ArrayList<>();
        }
        duplicates.add(o);
        kind = null;
      }
      orderRow(o, id, c, kind);
      if (kind != null) {
        dirty.record(Source.ORDERS, id, kind);
      }
      truth.identity(Source.ORDERS, id, c.personId());
      items(o, id);
    }
    if (duplicates != null) {
      for (Order o : duplicates) {
        String id = ids.order(o.key);
        orderRow(o, id, c, null);
        dirty.record(Source.ORDERS, id, DirtyKind.DUPLICATE_KEY);
      }
    }
  }

  private void orderRow(Order o, String id, Contact c, DirtyKind kind) throws IOException {
    CsvSink s = out.csv(Source.ORDERS);
    s.text(kind == DirtyKind.MISSING_KEY ? null : id).text(o.guest ? null : c.accountId()).text(o.phone).text(o.email);
    if (kind != null && kind.dateKind()) {
      s.text(dirty.timestamp(kind, o.ts, dirty.variant(Source.ORDERS, o.key)));
    } else {
      s.timestamp(o.ts);
    }
    s.text(o.channel.code).text(Cities.EN[o.city]).text(Order.STATUS[o.status]);
    if (kind == DirtyKind.NON_NUMERIC_AMOUNT) {
      s.text(DirtyRows.nonNumeric(o.totalCents()));
    } else {
      s.amount(o.totalCents());
    }
    s.amount(o.couponCents).text(kind == DirtyKind.UNKNOWN_CURRENCY ? "XYZ" : "CNY").endRow();
  }

  private void items(Order o, String orderId) throws IOException {
    CsvSink s = out.csv(Source.ORDER_ITEMS);
    for (int i = 0; i < o.lines; i++) {
      long key = (o.key << 6) | i;
      DirtyKind kind = dirty.decide(Source.ORDER_ITEMS, key);
      boolean missingOrder = kind == DirtyKind.MISSING_KEY && dirty.variant(Source.ORDER_ITEMS, key) % 2 == 0;
      boolean missingSku = kind == DirtyKind.MISSING_KEY && !missingOrder;
      Product p = catalogue.product(o.sku[i]);
      s.text(missingOrder ? null : orderId).num(i + 1L).text(missingSku ? null : p.sku()).text(p.category().code)
          .num(kind == DirtyKind.NEGATIVE_QUANTITY ? -o.quantity[i] : o.quantity[i]);
      if (kind == DirtyKind.NON_NUMERIC_AMOUNT) {
        s.text(DirtyRows.nonNumeric(o.unitCents[i]));
      } else {
        s.amount(o.unitCents[i]);
      }
      s.amount(o.discountCents[i]).endRow();
      if (kind != null) {
        dirty.record(Source.ORDER_ITEMS, orderId + ":" + (i + 1), kind);
      }
    }
  }

  private void reviews(PersonHistory h) throws IOException {
    Contact c = h.contact();
    CsvSink s = out.csv(Source.REVIEWS);
    for (Review r : h.reviews()) {
      if (!world.inBatch(r.ts())) {
        continue;
      }
      long key = Ids.key(h.traits().index(), r.seq());
      String id = ids.review(key);
      DirtyKind kind = dirty.decide(Source.REVIEWS, key);
      int variant = dirty.variant(Source.REVIEWS, key);
      s.text(kind == DirtyKind.MISSING_KEY ? null : id).text(ids.order(r.orderKey()))
          .text(r.withMember() ? c.memberId() : null).num(r.rating());
      DirtyRows.writeText(s, r.text(), kind, variant);
      if (kind != null && kind.dateKind()) {
        s.text(dirty.timestamp(kind, r.ts(), variant));
      } else {
        s.timestamp(r.ts());
      }
      s.endRow();
      if (kind != null) {
        dirty.record(Source.REVIEWS, id, kind);
      }
      truth.identity(Source.REVIEWS, id, c.personId());
    }
  }

  private void events(PersonHistory h) throws IOException {
    Contact c = h.contact();
    long index = h.traits().index();
    boolean[] seen = new boolean[c.devices().length];
    for (AppEvent e : h.events()) {
      if (!world.inBatch(e.ts())) {
        continue;
      }
      long key = Ids.eventKey(index, e.localKey());
      String id = ids.event(key);
      DirtyKind kind = dirty.decide(Source.EVENTS, key);
      String tsText = kind != null && kind.dateKind()
          ? dirty.timestamp(kind, e.ts(), dirty.variant(Source.EVENTS, key)) : null;
      out.events.write(id, kind == DirtyKind.MISSING_KEY ? null : c.devices()[e.device()],
          e.loggedIn() ? c.memberId() : null, e.ts(), tsText, e.type().code,
          e.sku() >= 0 ? catalogue.product(e.sku()).sku() : null, Cities.EN[e.city()], e.latE5(), e.lonE5(),
          e.orderKey() == AppEvent.NO_ORDER ? null : ids.order(e.orderKey()));
      if (kind != null) {
        dirty.record(Source.EVENTS, id, kind);
      }
      seen[e.device()] = true;
    }
    for (int d = 0; d < seen.length; d++) {
      if (seen[d]) {
        truth.identity(Source.EVENTS, c.devices()[d], c.personId());
      }
    }
  }

  private void surveys(PersonHistory h) throws IOException {
    Contact c = h.contact();
    CsvSink s = out.csv(Source.SURVEYS);
    for (Survey v : h.surveys()) {
      if (!world.inBatch(v.ts())) {
        continue;
      }
      long key = Ids.key(h.traits().index(), v.seq());
      String id = ids.survey(key);
      DirtyKind kind = dirty.decide(Source.SURVEYS, key);
      s.text(kind == DirtyKind.MISSING_KEY ? null : id).text(v.withMember() ? c.memberId() : null).text(v.phone());
      if (kind != null && kind.dateKind()) {
        s.text(dirty.timestamp(kind, v.ts(), dirty.variant(Source.SURVEYS, key)));
      } else {
        s.timestamp(v.ts());
      }
      s.num(v.nps()).num(v.ces()).endRow();
      if (kind != null) {
        dirty.record(Source.SURVEYS, id, kind);
      }
      truth.identity(Source.SURVEYS, id, c.personId());
    }
  }

  private void touches(PersonHistory h) throws IOException {
    Contact c = h.contact();
    CsvSink s = out.csv(Source.CAMPAIGN_TOUCHES);
    for (Touch t : h.touches()) {
      if (!world.inBatch(t.ts())) {
        continue;
      }
      long key = Ids.key(h.traits().index(), t.seq());
      String id = ids.touch(key);
      DirtyKind kind = dirty.decide(Source.CAMPAIGN_TOUCHES, key);
      s.text(kind == DirtyKind.MISSING_KEY ? null : id).text(t.withAccount() ? c.accountId() : null)
          .text(t.withMember() ? c.memberId() : null).text(t.phone()).text(t.channel().code).text(t.campaign());
      if (kind != null && kind.dateKind()) {
        s.text(dirty.timestamp(kind, t.ts(), dirty.variant(Source.CAMPAIGN_TOUCHES, key)));
      } else {
        s.timestamp(t.ts());
      }
      if (kind == DirtyKind.NON_NUMERIC_AMOUNT) {
        s.text(DirtyRows.nonNumeric(t.channel().costCents));
      } else {
        s.amount(t.channel().costCents);
      }
      s.endRow();
      if (kind != null) {
        dirty.record(Source.CAMPAIGN_TOUCHES, id, kind);
      }
      truth.identity(Source.CAMPAIGN_TOUCHES, id, c.personId());
    }
  }
}
