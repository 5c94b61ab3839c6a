package io.c360.core.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.c360.core.config.ConfigReader;
import io.c360.core.config.IdentityConfig;
import io.c360.core.testdata.SparkTest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SparkTest.class)
class IdentityGraphTest {

  private static final IdentityConfig RULES = ConfigReader.defaultConfig().identity();
  private static final Timestamp T = Timestamp.valueOf("2025-01-01 10:00:00");

  private static Dataset<Row> orders(SparkSession spark, String[]... rows) {
    StructType schema = new StructType().add("order_id", DataTypes.StringType).add("account_id", DataTypes.StringType)
        .add("phone", DataTypes.StringType).add("email", DataTypes.StringType)
        .add("order_ts", DataTypes.TimestampType);
    List<Row> list = new ArrayList<>();
    for (String[] r : rows) {
      list.add(RowFactory.create(r[0], r[1], r[2], r[3], T));
    }
    return spark.createDataFrame(list, schema);
  }

  private static Dataset<Row> members(SparkSession spark, String[]... rows) {
    StructType schema = new StructType().add("member_id", DataTypes.StringType).add("phone", DataTypes.StringType)
        .add("email", DataTypes.StringType).add("name", DataTypes.StringType).add("signup_ts", DataTypes.TimestampType)
        .add("_ingested_at", DataTypes.TimestampType).add("_batch_id", DataTypes.StringType);
    List<Row> list = new ArrayList<>();
    for (String[] r : rows) {
      list.add(RowFactory.create(r[0], r[1], r[2], "Member " + r[0], T, T, "b1"));
    }
    return spark.createDataFrame(list, schema);
  }

  /** Events as {device_id, member_id} or {device_id, member_id, order_id}. */
  private static Dataset<Row> events(SparkSession spark, String[]... rows) {
    StructType schema = new StructType().add("device_id", DataTypes.StringType)
        .add("member_id", DataTypes.StringType).add("event_ts", DataTypes.TimestampType)
        .add("order_id", DataTypes.StringType);
    List<Row> list = new ArrayList<>();
    for (String[] r : rows) {
      list.add(RowFactory.create(r[0], r[1], T, r.length > 2 ? r[2] : null));
    }
    return spark.createDataFrame(list, schema);
  }

  /** entity_type:entity_key -> component, plus the evidence. */
  private static Map<String, Row> resolve(IdentityGraph.Output out) {
    Map<String, Row> byEntity = new HashMap<>();
    out.entities().collectAsList().forEach(r -> byEntity.put(r.getAs("entity_type") + ":" + r.getAs("entity_key"), r));
    return byEntity;
  }

  private static long component(Map<String, Row> entities, String key) {
    return entities.get(key).<Long>getAs("component");
  }

  @Test
  void differentlyWrittenPhonesAndNoisyEmailsLinkTransitively(SparkSession spark) {
    IdentityGraph.Output out = new IdentityGraph(RULES).resolve(new IdentityGraph.Inputs(
        orders(spark,
            new String[] {"o1", "A1", "+86 138-0013-8000", null},
            new String[] {"o2", null, "138 0013 8000", null},
            new String[] {"o3", "A1", null, "  Li.Wei@Example.com "}),
        members(spark, new String[] {"M1", "0086 138 0013 8000", "li.wei@example.com"}),
        events(spark, new String[] {"D1", "M1"}, new String[] {"D1", null}, new String[] {"D9", null})));
    Map<String, Row> e = resolve(out);
    long c = component(e, "account:A1");
    assertEquals(c, component(e, "guest_order:o2"));
    assertEquals(c, component(e, "member:M1"));
    assertEquals(c, component(e, "device:D1"));
    assertNotEquals(c, component(e, "device:D9"));
    assertEquals("email,phone", e.get("account:A1").getAs("linked_by"));
    assertEquals("member", e.get("device:D1").getAs("linked_by"));
    assertEquals("none", e.get("device:D9").getAs("linked_by"));
  }

  @Test
  void familyAndCounterPhonesLinkNothingAndAreReported(SparkSession spark) {
    List<String[]> rows = new ArrayList<>(List.of(
        new String[] {"o1", "A1", "13900000001", "a@x.cn"},
        new String[] {"o2", "A2", "13900000001", "b@x.cn"}));
    for (int i = 0; i <= RULES.maxGuestOrdersPerPhone(); i++) {
      rows.add(new String[] {"g" + i, null, "13700000000", null});
    }
    IdentityGraph.Output out = new IdentityGraph(RULES).resolve(new IdentityGraph.Inputs(
        orders(spark, rows.toArray(String[][]::new)), null, null));
    Map<String, Row> e = resolve(out);
    assertNotEquals(component(e, "account:A1"), component(e, "account:A2"));
    assertNotEquals(component(e, "guest_order:g0"), component(e, "guest_order:g1"));
    List<Row> report = out.sharedIdentifiers().orderBy("accounts").collectAsList();
    assertEquals(2, report.size());
    assertEquals("more than " + RULES.maxGuestOrdersPerPhone() + " guest orders", report.get(0).getAs("reason"));
    assertEquals(RULES.maxGuestOrdersPerPhone() + 1L, report.get(0).<Long>getAs("guest_orders"));
    assertTrue(report.get(0).<String>getAs("id_hash").matches("[0-9a-f]{64}"));
    assertEquals("more than 1 people", report.get(1).getAs("reason"));
    assertEquals(2L, report.get(1).<Long>getAs("accounts"));
  }

  @Test
  void aDeviceSharedByTwoMembersDoesNotMergeThem(SparkSession spark) {
    IdentityGraph.Output out = new IdentityGraph(RULES).resolve(new IdentityGraph.Inputs(
        orders(spark, new String[] {"o1", "A1", null, "a@x.cn"}),
        members(spark, new String[] {"M1", null, "a@x.cn"}, new String[] {"M2", null, "b@x.cn"}),
        events(spark, new String[] {"D1", "M1"}, new String[] {"D1", "M2"})));
    Map<String, Row> e = resolve(out);
    assertEquals(component(e, "account:A1"), component(e, "member:M1"));
    assertNotEquals(component(e, "member:M1"), component(e, "member:M2"));
    assertEquals(1, out.sharedIdentifiers().where("id_type = 'device'").count());
  }

  @Test
  void aDeviceThatPlacedAnOrderJoinsItsAccountOrGuestOrderWithoutALogin(SparkSession spark) {
    IdentityGraph.Output out = new IdentityGraph(RULES).resolve(new IdentityGraph.Inputs(
        orders(spark, new String[] {"o1", "A1", null, null}, new String[] {"o2", null, null, null},
            new String[] {"o3", "A2", null, null}, new String[] {"o4", "A3", null, null}),
        null,
        events(spark, new String[] {"D1", null}, new String[] {"D1", null, " o1 "},
            new String[] {"D2", null, "o2"}, new String[] {"D3", null, "o3"}, new String[] {"D3", null, "o4"},
            new String[] {"D4", null, "o9"})));
    Map<String, Row> e = resolve(out);
    assertEquals(component(e, "account:A1"), component(e, "device:D1"));
    assertEquals("order", e.get("device:D1").getAs("linked_by"));
    assertEquals(component(e, "guest_order:o2"), component(e, "device:D2"));
    // D3 placed orders of two accounts (a family tablet): it links neither of them and is reported
    assertNotEquals(component(e, "account:A2"), component(e, "device:D3"));
    assertNotEquals(component(e, "account:A3"), component(e, "device:D3"));
    assertNotEquals(component(e, "account:A2"), component(e, "account:A3"));
    List<Row> shared = out.sharedIdentifiers().where("id_type = 'device'").collectAsList();
    assertEquals(1, shared.size());
    assertEquals("D3", shared.get(0).getAs("id_hash"));
    assertEquals(2L, shared.get(0).<Long>getAs("accounts"));
    assertEquals(0L, shared.get(0).<Long>getAs("members"));
    // an order id that no order carries links nothing
    assertEquals("none", e.get("device:D4").getAs("linked_by"));
    assertEquals(8, e.size(), "three accounts, one guest order and four devices");
  }

  @Test
  void aMemberIdThatReadsLikeAnOrderIdCountsNoAccount(SparkSession spark) {
    IdentityGraph.Output out = new IdentityGraph(RULES).resolve(new IdentityGraph.Inputs(
        orders(spark, new String[] {"42", "A1", null, null}, new String[] {"43", "A2", null, null}),
        members(spark, new String[] {"42", null, null}),
        events(spark, new String[] {"D1", "42"}, new String[] {"D2", null, "42"}, new String[] {"D1", null, "43"})));
    assertEquals(0, out.sharedIdentifiers().where("id_type = 'device'").count(),
        "D1 has one member login (42) and placed one account's order (43): one person");
    Map<String, Row> e = resolve(out);
    assertEquals(component(e, "member:42"), component(e, "account:A2"));
  }

  @Test
  void idsSurviveReRunsMergesAndSplits(SparkSession spark) {
    LocalDate day1 = LocalDate.parse("2025-01-01");
    IdentityGraph graph = new IdentityGraph(RULES);
    Dataset<Row> first = StableIds.assign(graph.resolve(new IdentityGraph.Inputs(orders(spark,
        new String[] {"o1", "A1", null, "a@x.cn"},
        new String[] {"o2", "A2", null, "b@x.cn"},
        new String[] {"o3", "A3", "13500000003", "c@x.cn"}),
        members(spark, new String[] {"M3", "13500000003", null}), null)).entities(), null, day1).entities();
    Map<String, String> ids1 = ids(first);
    assertEquals(ids1.get("account:A3"), ids1.get("member:M3"));

    // Day 2: A1 changed its email (still the same account); a new member record carries both a@ and b@ -> merge;
    // M3's phone changed so it no longer links to A3 -> split.
    Dataset<Row> previous = first.select("entity_type", "entity_key", "customer_id");
    StableIds.Assignment second = StableIds.assign(graph.resolve(new IdentityGraph.Inputs(orders(spark,
        new String[] {"o1", "A1", null, "a@x.cn"},
        new String[] {"o4", "A1", null, "new@x.cn"},
        new String[] {"o2", "A2", null, "b@x.cn"},
        new String[] {"o3", "A3", "13500000003", "c@x.cn"}),
        members(spark, new String[] {"M3", "13500000099", null}, new String[] {"M9", null, "b@x.cn"}), null))
        .entities(), previous, LocalDate.parse("2025-01-02"));
    Map<String, String> ids2 = ids(second.entities());
    assertEquals(ids1.get("account:A1"), ids2.get("account:A1"));
    assertEquals(ids1.get("account:A2"), ids2.get("account:A2"));
    String kept = ids1.get("account:A3");
    assertNotEquals(ids2.get("account:A3"), ids2.get("member:M3"));
    assertTrue(kept.equals(ids2.get("account:A3")) ^ kept.equals(ids2.get("member:M3")), "one part keeps the id");
    String splitOff = kept.equals(ids2.get("account:A3")) ? ids2.get("member:M3") : ids2.get("account:A3");
    List<Row> history = second.history().collectAsList();
    assertEquals(1, history.size());
    assertEquals("split", history.get(0).getAs("event"));
    assertEquals(kept, history.get(0).getAs("customer_id"));
    assertEquals(splitOff, history.get(0).getAs("other_customer_id"));

    // Day 3: a new guest order with both A1's and A2's emails? Emails are per order; a member with A1's email and
    // A2's phone merges the two customers; the one seen first survives (ties: smallest id).
    StableIds.Assignment third = StableIds.assign(graph.resolve(new IdentityGraph.Inputs(orders(spark,
        new String[] {"o1", "A1", null, "a@x.cn"},
        new String[] {"o2", "A2", "13600000002", "b@x.cn"}),
        members(spark, new String[] {"M7", "13600000002", "a@x.cn"}), null)).entities(),
        second.entities().select("entity_type", "entity_key", "customer_id"), LocalDate.parse("2025-01-03"));
    Map<String, String> ids3 = ids(third.entities());
    String survivor = ids1.get("account:A1").compareTo(ids1.get("account:A2")) < 0
        ? ids1.get("account:A1") : ids1.get("account:A2");
    assertEquals(survivor, ids3.get("account:A1"));
    assertEquals(survivor, ids3.get("account:A2"));
    Row merge = third.history().first();
    assertEquals("merge", merge.getAs("event"));
    assertEquals(survivor, merge.getAs("customer_id"));
  }

  @Test
  void anIdentifiedCustomerKeepsItsIdWhenAnAnonymousDeviceLogsIn(SparkSession spark) {
    IdentityGraph graph = new IdentityGraph(RULES);
    Dataset<Row> first = StableIds.assign(graph.resolve(new IdentityGraph.Inputs(orders(spark),
        members(spark, new String[] {"M1", "13500000001", null}), events(spark, new String[] {"D1", null})))
        .entities(), null, LocalDate.parse("2025-01-01")).entities();
    Map<String, String> ids1 = ids(first);
    String device = ids1.get("device:D1");
    String member = ids1.get("member:M1");
    assertTrue(device.compareTo(member) < 0, "the device's id sorts first, so only the rule can keep the member's");

    StableIds.Assignment second = StableIds.assign(graph.resolve(new IdentityGraph.Inputs(orders(spark),
        members(spark, new String[] {"M1", "13500000001", null}),
        events(spark, new String[] {"D1", null}, new String[] {"D1", "M1"}))).entities(),
        first.select("entity_type", "entity_key", "customer_id"), LocalDate.parse("2025-01-02"));
    Map<String, String> ids2 = ids(second.entities());
    assertEquals(member, ids2.get("device:D1"));
    assertEquals(member, ids2.get("member:M1"));
    Row merge = second.history().first();
    assertEquals("merge", merge.getAs("event"));
    assertEquals(member, merge.getAs("customer_id"));
    assertEquals(device, merge.getAs("other_customer_id"));
  }

  private static Map<String, String> ids(Dataset<Row> entities) {
    Map<String, String> ids = new HashMap<>();
    entities.collectAsList().forEach(r -> ids.put(r.getAs("entity_type") + ":" + r.getAs("entity_key"),
        r.getAs("customer_id")));
    return ids;
  }

  @Test
  void anOrderWithoutAnyIdentifierBelongsToNobody(SparkSession spark) {
    IdentityGraph.Inputs in = new IdentityGraph.Inputs(
        orders(spark,
            new String[] {"o1", "A1", null, null},
            new String[] {"o2", null, "13800138000", null},
            new String[] {"o3", null, null, "x@y.cn"},
            new String[] {"o4", " ", "n/a", "not an email"},
            new String[] {"o5", null, null, null}),
        null, events(spark, new String[] {"d1", null, "o5"}));
    Map<String, Row> entities = resolve(new IdentityGraph(RULES).resolve(in));
    assertEquals(java.util.Set.of("account:A1", "guest_order:o2", "guest_order:o3", "guest_order:o5", "device:d1"),
        entities.keySet(), "o4 carries nothing that identifies; o5 was placed in the app by d1");
    assertEquals(component(entities, "device:d1"), component(entities, "guest_order:o5"));
    assertEquals(List.of("o1", "o2", "o3", "o5"), new IdentityGraph(RULES).identified(in).orderBy("order_id")
        .select("order_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
  }
}
