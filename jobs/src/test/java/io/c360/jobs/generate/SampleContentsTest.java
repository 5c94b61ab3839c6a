package io.c360.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values of one shared sample of 1,500 persons with 3% dirty rows. */
class SampleContentsTest {

  private static final double DIRTY_RATE = 0.03;
  private static final int CUSTOMERS = 1500;
  private static final String[] CSV_SOURCES = {"orders", "order_items", "products", "members", "tickets", "reviews",
      "surveys", "campaign_touches"};

  @TempDir
  static Path dir;
  static Path out;
  static GenerateSummary summary;
  static JsonNode manifest;
  static List<List<String>> dirty;

  @BeforeAll
  static void generate() throws IOException {
    out = dir.resolve("sample");
    summary = SampleGenerator.generate(GeneratorOptions.defaults(CUSTOMERS, 2024, out).withDirtyRate(DIRTY_RATE));
    manifest = new ObjectMapper().readTree(out.resolve("_truth/manifest.json").toFile());
    dirty = GeneratedFiles.records(out.resolve("_truth/dirty.csv"));
  }

  private static Path source(String code) {
    return out.resolve(manifest.get("files").get(code).asText());
  }

  private static long dirtyCount(String source, String kind) {
    return dirty.stream().filter(r -> r.get(0).equals(source) && r.get(2).equals(kind)).count();
  }

  @Test
  void manifestCountsEqualTheRecordsInTheFiles() throws IOException {
    long total = 0;
    for (Map.Entry<String, Long> e : summary.rowsPerSource().entrySet()) {
      long records = GeneratedFiles.recordCount(source(e.getKey()));
      assertEquals(records, e.getValue().longValue(), e.getKey());
      assertEquals(records, manifest.get("rows").get(e.getKey()).asLong(), e.getKey());
      total += records;
    }
    assertEquals(9, summary.rowsPerSource().size());
    assertEquals(total, summary.totalRows());
    assertEquals(dirty.size(), summary.dirtyRows());
    assertEquals(dirty.size(), manifest.get("dirty_rows").asLong());
    for (String truth : List.of("persons", "identity", "future_orders", "dirty", "ticket_categories")) {
      assertEquals(GeneratedFiles.recordCount(out.resolve("_truth/" + truth + ".csv")),
          manifest.get("truth_rows").get(truth).asLong(), truth);
    }
    assertEquals(CUSTOMERS, summary.persons());
    assertEquals(CUSTOMERS, GeneratedFiles.recordCount(out.resolve("_truth/persons.csv")));
    assertEquals(CUSTOMERS, manifest.get("options").get("customers").asLong());
  }

  @Test
  void everyCsvRecordHasTheHeaderWidth() throws IOException {
    for (String code : CSV_SOURCES) {
      int width = GeneratedFiles.header(source(code)).size();
      for (List<String> r : GeneratedFiles.records(source(code))) {
        assertEquals(width, r.size(), code + ": " + r);
      }
    }
  }

  @Test
  void dirtyRowsFollowTheRate() {
    double rate = dirty.size() / (double) summary.totalRows();
    assertTrue(Math.abs(rate - DIRTY_RATE) < 0.004, "dirty share " + rate);
    for (String code : List.of("orders", "order_items", "events")) {
      long rows = summary.rowsPerSource().get(code);
      long d = dirty.stream().filter(r -> r.get(0).equals(code)).count();
      assertTrue(Math.abs(d / (double) rows - DIRTY_RATE) < 0.01, code + " dirty share " + d / (double) rows);
    }
    long perKind = 0;
    for (DirtyKind k : DirtyKind.ALL) {
      long n = manifest.get("dirty_rows_per_kind").get(k.code).asLong();
      assertTrue(n > 0, "no " + k.code);
      perKind += n;
    }
    assertEquals(dirty.size(), perKind);
  }

  @Test
  void dirtyRowsAreWhereTheTruthSaysTheyAre() throws IOException {
    List<List<String>> orders = GeneratedFiles.records(source("orders"));
    assertEquals(dirtyCount("orders", "missing_key"), orders.stream().filter(r -> r.get(0).isEmpty()).count());
    assertEquals(dirtyCount("orders", "unknown_currency"), orders.stream().filter(r -> r.get(10).equals("XYZ")).count());
    Map<String, Long> perId = orders.stream().filter(r -> !r.get(0).isEmpty())
        .collect(Collectors.groupingBy(r -> r.get(0), Collectors.counting()));
    assertEquals(dirtyCount("orders", "duplicate_key"), perId.values().stream().filter(n -> n == 2).count());
    assertTrue(perId.values().stream().allMatch(n -> n <= 2));
    assertEquals(dirtyCount("order_items", "negative_quantity"),
        GeneratedFiles.records(source("order_items")).stream().filter(r -> r.get(4).startsWith("-")).count());

    long broken = 0;
    long overlong = 0;
    for (String code : CSV_SOURCES) {
      for (String line : GeneratedFiles.dataLines(source(code))) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i + 1 < b.length; i++) {
          if ((b[i] & 0xFF) == 0xC3 && b[i + 1] == 0x28) {
            broken++;
            break;
          }
        }
      }
      for (List<String> r : GeneratedFiles.records(source(code))) {
        if (r.stream().anyMatch(f -> f.length() >= DirtyRows.OVERLONG_LENGTH)) {
          overlong++;
        }
      }
    }
    assertEquals(manifest.get("dirty_rows_per_kind").get("broken_utf8").asLong(), broken);
    assertEquals(manifest.get("dirty_rows_per_kind").get("overlong_field").asLong(), overlong);
  }

  @Test
  void identityTruthCoversEveryRecord() throws IOException {
    Map<String, Set<String>> keys = new HashMap<>();
    for (List<String> r : GeneratedFiles.records(out.resolve("_truth/identity.csv"))) {
      keys.computeIfAbsent(r.get(0), k -> new HashSet<>()).add(r.get(1));
    }
    String[][] keyColumns = {{"orders", "order_id"}, {"members", "member_id"}, {"tickets", "ticket_id"},
        {"reviews", "review_id"}, {"surveys", "survey_id"}, {"campaign_touches", "touch_id"}};
    for (String[] kc : keyColumns) {
      int col = GeneratedFiles.header(source(kc[0])).indexOf(kc[1]);
      long checked = 0;
      for (List<String> r : GeneratedFiles.records(source(kc[0]))) {
        if (!r.get(col).isEmpty()) {
          assertTrue(keys.get(kc[0]).contains(r.get(col)), kc[0] + " " + r.get(col));
          checked++;
        }
      }
      assertTrue(checked > 0, kc[0]);
    }
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(source("events"), StandardCharsets.UTF_8)) {
      JsonNode device = json.readTree(line).get("device_id");
      assertTrue(device.isNull() || keys.get("events").contains(device.asText()), line);
    }
    Set<String> persons = GeneratedFiles.records(out.resolve("_truth/persons.csv")).stream().map(r -> r.get(0))
        .collect(Collectors.toSet());
    for (Set<String> k : keys.values()) {
      assertTrue(k.size() > 0);
    }
    assertTrue(GeneratedFiles.records(out.resolve("_truth/identity.csv")).stream()
        .allMatch(r -> persons.contains(r.get(2))));
  }

  @Test
  void phonesAreSharedByHouseholdsAndShopCounters() throws IOException {
    Map<String, String> personOfOrder = new HashMap<>();
    for (List<String> r : GeneratedFiles.records(out.resolve("_truth/identity.csv"))) {
      if (r.get(0).equals("orders")) {
        personOfOrder.put(r.get(1), r.get(2));
      }
    }
    Map<String, String> household = new HashMap<>();
    for (Map<String, String> p : GeneratedFiles.rows(out.resolve("_truth/persons.csv"))) {
      household.put(p.get("person_id"), p.get("household_id"));
    }
    Map<String, Set<String>> personsPerPhone = new HashMap<>();
    Map<String, Set<String>> accountsPerPhone = new HashMap<>();
    Set<String> formats = new TreeSet<>();
    for (Map<String, String> o : GeneratedFiles.rows(source("orders"))) {
      if (o.get("order_id").isEmpty() || o.get("phone").isEmpty()) {
        continue;
      }
      String digits = GeneratedFiles.phoneDigits(o.get("phone"));
      assertEquals(11, digits.length(), o.get("phone"));
      formats.add(o.get("phone").replaceAll("[0-9]", "9"));
      personsPerPhone.computeIfAbsent(digits, k -> new HashSet<>()).add(personOfOrder.get(o.get("order_id")));
      accountsPerPhone.computeIfAbsent(digits, k -> new HashSet<>()).add(o.get("account_id"));
    }
    assertTrue(formats.size() >= 5, "phone formats " + formats);
    long householdPhones = personsPerPhone.values().stream()
        .filter(p -> p.size() >= 2 && p.size() <= 4 && p.stream().map(household::get).distinct().count() == 1
            && !household.get(p.iterator().next()).isEmpty())
        .count();
    assertTrue(householdPhones >= 5, "household phones " + householdPhones);
    List<String> counters = personsPerPhone.entrySet().stream().filter(e -> e.getValue().size() >= 5)
        .map(Map.Entry::getKey).collect(Collectors.toList());
    assertTrue(!counters.isEmpty() && counters.size() <= 3, "counter phones " + counters);
    for (String c : counters) {
      assertEquals(Set.of(""), accountsPerPhone.get(c), "counter phone only on guest orders");
    }
  }

  @Test
  void orderTotalsFollowTheirLines() throws IOException {
    Set<String> dirtyKeys = dirty.stream().filter(r -> r.get(0).startsWith("order"))
        .map(r -> r.get(1).split(":")[0]).collect(Collectors.toSet());
    Map<String, Long> lineSums = new HashMap<>();
    for (Map<String, String> i : GeneratedFiles.rows(source("order_items"))) {
      if (dirtyKeys.contains(i.get("order_id")) || i.get("order_id").isEmpty()) {
        continue;
      }
      long cents = Long.parseLong(i.get("quantity")) * cents(i.get("unit_price")) - cents(i.get("discount"));
      lineSums.merge(i.get("order_id"), cents, Long::sum);
    }
    long checked = 0;
    for (Map<String, String> o : GeneratedFiles.rows(source("orders"))) {
      if (dirtyKeys.contains(o.get("order_id")) || o.get("order_id").isEmpty()) {
        continue;
      }
      assertEquals(lineSums.get(o.get("order_id")) - cents(o.get("discount_amount")), cents(o.get("total_amount")),
          o.get("order_id"));
      checked++;
    }
    assertTrue(checked > 5000);
  }

  private static long cents(String amount) {
    return Math.round(Double.parseDouble(amount) * 100);
  }

  @Test
  void behaviourLooksLikeRealCustomers() throws IOException {
    List<Map<String, String>> orders = GeneratedFiles.rows(source("orders"));
    long n = orders.size();
    double perPerson = n / (double) CUSTOMERS;
    assertTrue(perPerson > 6.5 && perPerson < 10.5, "orders per person " + perPerson);
    double lines = summary.rowsPerSource().get("order_items") / (double) CUSTOMERS;
    assertTrue(lines > 16 && lines < 25, "lines per person " + lines);
    double events = summary.rowsPerSource().get("events") / (double) CUSTOMERS;
    assertTrue(events > 35 && events < 60, "events per person " + events);
    double badStatus = orders.stream().filter(o -> !o.get("status").equals("paid")).count() / (double) n;
    assertTrue(badStatus > 0.03 && badStatus < 0.07, "cancelled or returned " + badStatus);
    double guests = orders.stream().filter(o -> o.get("account_id").isEmpty()).count() / (double) n;
    assertTrue(guests > 0.03 && guests < 0.08, "guest orders " + guests);
    double members = summary.rowsPerSource().get("members") / (double) CUSTOMERS;
    assertTrue(members > 0.62 && members < 0.75, "members " + members);
    double reviews = summary.rowsPerSource().get("reviews") / (double) n;
    assertTrue(reviews > 0.06 && reviews < 0.14, "reviews per order " + reviews);

    Map<String, String> personOfOrder = new HashMap<>();
    for (List<String> r : GeneratedFiles.records(out.resolve("_truth/identity.csv"))) {
      if (r.get(0).equals("orders") || r.get(0).equals("tickets")) {
        personOfOrder.put(r.get(1), r.get(2));
      }
    }
    Map<String, Map<String, String>> persons = new HashMap<>();
    for (Map<String, String> p : GeneratedFiles.rows(out.resolve("_truth/persons.csv"))) {
      persons.put(p.get("person_id"), p);
    }
    long[] weekend = new long[2];
    long[] all = new long[2];
    for (Map<String, String> o : orders) {
      LocalDateTime ts = GeneratedFiles.timestamp(o.get("order_ts"));
      String person = personOfOrder.get(o.get("order_id"));
      if (ts == null || person == null) {
        continue;
      }
      int segment = persons.get(person).get("weekend_shopper").equals("true") ? 1 : 0;
      all[segment]++;
      if (ts.getDayOfWeek() == DayOfWeek.SATURDAY || ts.getDayOfWeek() == DayOfWeek.SUNDAY) {
        weekend[segment]++;
      }
    }
    assertTrue(weekend[1] / (double) all[1] > 0.5, "weekend shoppers on weekends " + weekend[1] / (double) all[1]);
    assertTrue(weekend[0] / (double) all[0] < 0.4, "others on weekends " + weekend[0] / (double) all[0]);

    Set<String> complained = new HashSet<>();
    for (Map<String, String> t : GeneratedFiles.rows(out.resolve("_truth/ticket_categories.csv"))) {
      String c = t.get("category");
      if (c.equals("delivery_delay") || c.equals("quality")) {
        complained.add(personOfOrder.get(t.get("ticket_id")));
      }
    }
    double aliveComplained = persons.values().stream().filter(p -> complained.contains(p.get("person_id")))
        .filter(p -> p.get("alive_at_end").equals("true")).count() / (double) complained.size();
    double aliveOthers = persons.values().stream().filter(p -> !complained.contains(p.get("person_id")))
        .filter(p -> !p.get("orders_to_end").equals("0"))
        .filter(p -> p.get("alive_at_end").equals("true")).count()
        / (double) persons.values().stream().filter(p -> !complained.contains(p.get("person_id")))
        .filter(p -> !p.get("orders_to_end").equals("0")).count();
    assertTrue(aliveComplained < aliveOthers, "alive after complaints " + aliveComplained + " vs " + aliveOthers);
  }

  @Test
  void ticketsAndReviewsMixLanguagesAndHideSomeCategories() throws IOException {
    List<Map<String, String>> tickets = GeneratedFiles.rows(source("tickets"));
    double hidden = tickets.stream().filter(t -> t.get("category").isEmpty()).count() / (double) tickets.size();
    assertTrue(hidden > 0.18 && hidden < 0.32, "hidden categories " + hidden);
    List<Map<String, String>> reviews = GeneratedFiles.rows(source("reviews"));
    double chinese = reviews.stream().filter(r -> r.get("text").codePoints().anyMatch(c -> c >= 0x4E00 && c < 0xA000))
        .count() / (double) reviews.size();
    assertTrue(chinese > 0.35 && chinese < 0.65, "Chinese reviews " + chinese);
    double lowWhenLate = reviews.stream().filter(r -> r.get("text").contains("late")).filter(r -> !r.get("text")
        .contains("Not bad")).mapToInt(r -> Integer.parseInt(r.get("rating"))).average().orElse(5);
    assertTrue(lowWhenLate < 3.0, "rating of late-delivery reviews " + lowWhenLate);
  }
}
