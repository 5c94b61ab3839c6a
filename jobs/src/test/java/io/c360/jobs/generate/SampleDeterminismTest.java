package io.c360.jobs.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDeterminismTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void sameOptionsGiveByteIdenticalFiles() throws IOException {
    GeneratorOptions options = GeneratorOptions.defaults(400, 11, dir.resolve("a")).withDirtyRate(0.03);
    SampleGenerator.generate(options);
    SampleGenerator.generate(options.withOut(dir.resolve("b")));
    List<Path> a = files(dir.resolve("a"));
    List<Path> b = files(dir.resolve("b"));
    assertEquals(a, b);
    assertEquals(16, a.size());
    for (Path p : a) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(p)), Files.readAllBytes(dir.resolve("b").resolve(p)),
          p.toString());
    }
  }

  @Test
  void anotherSeedGivesAnotherSample() throws IOException {
    SampleGenerator.generate(GeneratorOptions.defaults(50, 1, dir.resolve("a")));
    SampleGenerator.generate(GeneratorOptions.defaults(50, 2, dir.resolve("b")));
    assertFalse(GeneratedFiles.dataLines(dir.resolve("a/orders/orders.csv"))
        .equals(GeneratedFiles.dataLines(dir.resolve("b/orders/orders.csv"))));
  }

  @Test
  void laterEndKeepsEveryEarlierRecord() throws IOException {
    LocalDate earlyEnd = LocalDate.of(2025, 6, 30);
    Path early = dir.resolve("early");
    Path late = dir.resolve("late");
    SampleGenerator.generate(GeneratorOptions.defaults(500, 5, early).withEnd(earlyEnd).withDirtyRate(0.02));
    SampleGenerator.generate(GeneratorOptions.defaults(500, 5, late).withDirtyRate(0.02));

    String[][] facts = {{"orders/orders.csv", "order_ts"}, {"reviews/reviews.csv", "created_ts"},
        {"surveys/surveys.csv", "survey_ts"}, {"campaign_touches/campaign_touches.csv", "touch_ts"}};
    for (String[] f : facts) {
      List<List<String>> before = upTo(early.resolve(f[0]), f[1], null, earlyEnd);
      assertFalse(before.isEmpty(), f[0]);
      assertEquals(before, upTo(late.resolve(f[0]), f[1], null, earlyEnd), f[0]);
    }
    List<String> earlyEvents = eventsUpTo(early, null, earlyEnd);
    assertTrue(earlyEvents.size() > 1000);
    assertEquals(earlyEvents, eventsUpTo(late, null, earlyEnd));

    Set<String> earlyOrders = column(early.resolve("orders/orders.csv"), 0);
    assertEquals(itemsOf(early, earlyOrders), itemsOf(late, earlyOrders));

    Set<String> lateOrderKeys = GeneratedFiles.records(late.resolve("_truth/identity.csv")).stream()
        .filter(r -> r.get(0).equals("orders")).map(r -> r.get(1)).collect(Collectors.toSet());
    Map<String, String> lateOrderTs = new HashMap<>();
    for (List<String> r : GeneratedFiles.records(late.resolve("orders/orders.csv"))) {
      lateOrderTs.put(r.get(0), r.get(4));
    }
    List<List<String>> future = GeneratedFiles.records(early.resolve("_truth/future_orders.csv"));
    assertTrue(future.size() > 100);
    for (List<String> f : future) {
      LocalDateTime ts = GeneratedFiles.timestamp(f.get(3));
      assertTrue(ts.toLocalDate().isAfter(earlyEnd) && !ts.toLocalDate().isAfter(earlyEnd.plusDays(365)));
      if (!ts.toLocalDate().isAfter(LocalDate.of(2025, 12, 31))) {
        assertTrue(lateOrderKeys.contains(f.get(2)), "holdout order " + f.get(2) + " happens in the later sample");
        String lateTs = lateOrderTs.get(f.get(2));
        LocalDateTime shown = lateTs == null ? null : GeneratedFiles.timestamp(lateTs);
        if (shown != null && !shown.toLocalDate().isAfter(LocalDate.of(2025, 12, 31))) {
          assertEquals(f.get(3), lateTs, f.get(2));
        }
      }
    }
  }

  @Test
  void incrementalBatchHoldsItsWindowOfFactsAndFullSnapshots() throws IOException {
    LocalDate from = LocalDate.of(2025, 6, 30);
    LocalDate end = LocalDate.of(2025, 12, 31);
    Path full = dir.resolve("full");
    Path batch = dir.resolve("batch");
    GeneratorOptions options = GeneratorOptions.defaults(400, 9, full).withDirtyRate(0.0);
    SampleGenerator.generate(options);
    SampleGenerator.generate(options.withFrom(from).withOut(batch));

    String[][] facts = {{"orders/orders.csv", "order_ts"}, {"reviews/reviews.csv", "created_ts"},
        {"surveys/surveys.csv", "survey_ts"}, {"campaign_touches/campaign_touches.csv", "touch_ts"}};
    for (String[] f : facts) {
      List<List<String>> inBatch = GeneratedFiles.records(batch.resolve(f[0]));
      assertFalse(inBatch.isEmpty(), f[0]);
      assertEquals(upTo(full.resolve(f[0]), f[1], from, end), inBatch, f[0]);
    }
    assertEquals(eventsUpTo(full, from, end),
        Files.readAllLines(batch.resolve("events/events.jsonl"), StandardCharsets.UTF_8));
    for (String dimension : List.of("members/members.csv", "products/products.csv", "tickets/tickets.csv")) {
      assertArrayEquals(Files.readAllBytes(full.resolve(dimension)), Files.readAllBytes(batch.resolve(dimension)),
          dimension);
    }
    Set<String> batchOrders = column(batch.resolve("orders/orders.csv"), 0);
    assertEquals(itemsOf(full, batchOrders), GeneratedFiles.records(batch.resolve("order_items/order_items.csv")));
  }

  /**
   * Records whose timestamp column is valid and lies in (from, end]; {@code from} null for no lower bound. Dirty
   * timestamps (malformed, before 1900, future) never pass, whatever the record's true time.
   */
  private static List<List<String>> upTo(Path file, String column, LocalDate from, LocalDate end) throws IOException {
    int col = GeneratedFiles.header(file).indexOf(column);
    List<List<String>> out = new ArrayList<>();
    for (List<String> r : GeneratedFiles.records(file)) {
      LocalDateTime ts = GeneratedFiles.timestamp(r.get(col));
      if (ts != null && !ts.toLocalDate().isAfter(end) && (from == null || ts.toLocalDate().isAfter(from))) {
        out.add(r);
      }
    }
    return out;
  }

  private static List<String> eventsUpTo(Path root, LocalDate from, LocalDate end) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(root.resolve("events/events.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode e = JSON.readTree(line);
      LocalDateTime ts = GeneratedFiles.timestamp(e.get("event_ts").asText());
      if (ts != null && !ts.toLocalDate().isAfter(end) && (from == null || ts.toLocalDate().isAfter(from))) {
        out.add(line);
      }
    }
    return out;
  }

  private static List<List<String>> itemsOf(Path root, Set<String> orderIds) throws IOException {
    return GeneratedFiles.records(root.resolve("order_items/order_items.csv")).stream()
        .filter(r -> orderIds.contains(r.get(0))).collect(Collectors.toList());
  }

  private static Set<String> column(Path file, int col) throws IOException {
    Set<String> values = new HashSet<>();
    for (List<String> r : GeneratedFiles.records(file)) {
      if (!r.get(col).isEmpty()) {
        values.add(r.get(col));
      }
    }
    return values;
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().collect(Collectors.toList());
    }
  }
}
