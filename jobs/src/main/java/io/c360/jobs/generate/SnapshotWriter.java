package io.c360.jobs.generate;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes the dimension sources as full snapshots as of {@code end}: products launched by then, members signed up by
 * then (tier, points and e-mail as of {@code end}; unlinkable members with their second phone and e-mail), and every
 * ticket created by then in its state at {@code end} (response, resolution and satisfaction empty if later).
 */
final class SnapshotWriter {

  private static final long MEMBER_SALT = 0x3E3B3E3BL;
  private static final long[] TIER_POINTS = {1_000, 5_000, 15_000};
  private static final String[] TIERS = {"bronze", "silver", "gold", "diamond"};

  private final World world;
  private final Outputs out;
  private final DirtyRows dirty;
  private final TruthWriter truth;

  SnapshotWriter(World world, Outputs out, DirtyRows dirty, TruthWriter truth) {
    this.world = world;
    this.out = out;
    this.dirty = dirty;
    this.truth = truth;
  }

  void products() throws IOException {
    CsvSink s = out.csv(Source.PRODUCTS);
    for (int i = 0; i < world.catalogue.size(); i++) {
      Product p = world.catalogue.product(i);
      if (p.launchDay() > world.endDay) {
        continue;
      }
      DirtyKind kind = dirty.decide(Source.PRODUCTS, i);
      int variant = dirty.variant(Source.PRODUCTS, i);
      s.text(kind == DirtyKind.MISSING_KEY ? null : p.sku());
      DirtyRows.writeText(s, p.name(), kind, variant);
      s.text(p.category().code).text(p.brand());
      if (kind == DirtyKind.NON_NUMERIC_AMOUNT) {
        s.text(DirtyRows.nonNumeric(p.listPriceCents()));
      } else {
        s.amount(p.listPriceCents());
      }
      if (kind != null && kind.dateKind()) {
        s.text(dirty.date(kind, p.launchDay(), variant));
      } else {
        s.date(p.launchDay());
      }
      s.endRow();
      if (kind != null) {
        dirty.record(Source.PRODUCTS, p.sku(), kind);
      }
    }
  }

  void write(PersonHistory h) throws IOException {
    member(h);
    tickets(h);
  }

  private void member(PersonHistory h) throws IOException {
    Traits tr = h.traits();
    Contact c = h.contact();
    if (c.memberId() == null || c.signupDay() > world.endDay) {
      return;
    }
    SplittableRandom r = new SplittableRandom(Seeds.hash(world.seed, MEMBER_SALT, tr.index()));
    long points = 100 + (tr.preExisting() ? r.nextInt(3000) : 0);
    for (Order o : h.orders()) {
      if (o.day <= world.endDay && o.paid() && !o.guest) {
        points += o.totalCents() / 100;
      }
    }
    int tier = 0;
    while (tier < TIER_POINTS.length && points >= TIER_POINTS[tier]) {
      tier++;
    }
    String phone = Phones.format(c.memberPhone(), Dist.pick(r, Phones.MEMBER_STYLES));
    String email = Dist.chance(r, 0.9) ? Names.noisyEmail(c.memberEmailAt(world.endDay), r) : null;
    String city = Dist.chance(r, 0.3) ? Cities.ZH[c.city()] : Cities.EN[c.city()];
    long key = tr.index();
    DirtyKind kind = dirty.decide(Source.MEMBERS, key);
    int variant = dirty.variant(Source.MEMBERS, key);
    CsvSink s = out.csv(Source.MEMBERS);
    s.text(kind == DirtyKind.MISSING_KEY ? null : c.memberId()).text(phone).text(email);
    DirtyRows.writeText(s, c.chineseName() ? c.nameZh() : c.namePinyin(), kind, variant);
    s.text(c.gender());
    boolean birthDirty = kind == DirtyKind.DATE_BEFORE_1900 || kind == DirtyKind.MALFORMED_DATE && variant % 2 == 0;
    if (birthDirty) {
      s.text(dirty.date(kind, c.birthDay(), variant));
    } else {
      s.date(c.birthDay());
    }
    s.text(city);
    if (kind != null && kind.dateKind() && !birthDirty) {
      s.text(dirty.timestamp(kind, c.signupTs(), variant));
    } else {
      s.timestamp(c.signupTs());
    }
    s.text(TIERS[tier]).num(points).bool(tr.consent()).endRow();
    if (kind != null) {
      dirty.record(Source.MEMBERS, c.memberId(), kind);
    }
    truth.identity(Source.MEMBERS, c.memberId(), c.personId());
  }

  private void tickets(PersonHistory h) throws IOException {
    Contact c = h.contact();
    CsvSink s = out.csv(Source.TICKETS);
    for (Ticket t : h.tickets()) {
      if (!world.byEnd(t.createdTs())) {
        continue;
      }
      long key = Ids.key(h.traits().index(), t.seq());
      String id = world.ids.ticket(key);
      DirtyKind kind = dirty.decide(Source.TICKETS, key);
      int variant = dirty.variant(Source.TICKETS, key);
      s.text(kind == DirtyKind.MISSING_KEY ? null : id).text(t.withMember() ? c.memberId() : null).text(t.phone());
      if (kind != null && kind.dateKind()) {
        s.text(dirty.timestamp(kind, t.createdTs(), variant));
      } else {
        s.timestamp(t.createdTs());
      }
      optionalTimestamp(s, t.firstResponseTs());
      boolean resolved = world.byEnd(t.resolvedTs());
      optionalTimestamp(s, t.resolvedTs());
      s.text(t.categoryHidden() ? null : t.category().code).text(t.priority());
      DirtyRows.writeText(s, t.text(), kind, variant);
      if (resolved && t.satisfaction() > 0) {
        s.num(t.satisfaction());
      } else {
        s.empty();
      }
      s.endRow();
      if (kind != null) {
        dirty.record(Source.TICKETS, id, kind);
      }
      truth.identity(Source.TICKETS, id, c.personId());
      truth.ticketCategory(id, t);
    }
  }

  private void optionalTimestamp(CsvSink s, long ts) throws IOException {
    if (world.byEnd(ts)) {
      s.timestamp(ts);
    } else {
      s.empty();
    }
  }
}
