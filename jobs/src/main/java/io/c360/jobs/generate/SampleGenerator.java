package io.c360.jobs.generate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The synthetic sample generator behind {@code c360 generate}: nine raw sources of a retailer's systems with the
 * ground truth to judge every model against, in one deterministic, streaming pass.
 *
 * <h2>Behaviour model</h2>
 * Each person has a latent purchase rate (gamma across persons) and buys by a Poisson process shaped by yearly
 * seasonality (Chinese New Year run-up, 618, Double 11, Double 12, Christmas), the weekday (weekend shoppers buy
 * mostly on Saturday and Sunday, in family-size baskets) and marketing touches (each channel multiplies the rate for a
 * few days by a known factor, see {@code _truth/channel_effects.csv}). After every repeat purchase the person drops
 * out with a personal probability (beta across persons, BG/NBD "buy till you die"); an order that went wrong (delivery
 * delay, quality, system fault, refund) raises that probability and usually raises an angry ticket with low
 * satisfaction. App engagement follows the purchase rate, fades in the six weeks before dropout and nearly stops
 * after it. Baskets are heavy-tailed (log-normal around a personal mean), follow Dirichlet-like category preferences,
 * re-buy favourite dairy, baby, pet and household items on a personal cycle, and add complements (phone -> case and
 * charger). Segments: price-sensitive (discounts, coupons, promotion peaks), novelty seekers (items launched in the
 * last 120 days), healthy eaters, emergency restockers (small late-evening household/baby orders), return-prone.
 * About 5% of orders are cancelled or returned.
 *
 * <h2>Identity</h2>
 * Orders carry an account id ({@code A...}) or, for guest orders (about 5%), only a phone and sometimes an e-mail;
 * 70% of persons are members ({@code M...}); app users have one or two devices ({@code D...}). Phones are written in
 * varying formats, e-mails with case and blank noise, some persons change e-mail; households of 2-4 share a phone;
 * a few shop counter phones appear on guest orders of many unrelated persons; 3% of members keep their membership
 * on a second phone and e-mail, unlinkable to their orders. Record ids are keyed scrambles that reveal nothing.
 *
 * <h2>Amounts</h2>
 * {@code order_items}: {@code line amount = quantity * unit_price - discount}. {@code orders}: {@code total_amount =
 * sum(line amounts) - discount_amount}, where {@code discount_amount} is the order-level coupon. Cancelled and returned
 * orders keep their amounts. All amounts CNY with two decimals.
 *
 * <h2>Output</h2>
 * One folder per source ({@code orders/orders.csv}, ..., {@code events/events.jsonl}); CSV with a header line,
 * UTF-8, RFC 4180 quoting, {@code \n} line ends, empty for null, no line breaks inside fields; timestamps
 * {@code yyyy-MM-dd HH:mm:ss}, dates {@code yyyy-MM-dd}. Dirty rows at {@code dirtyRate} per source (see
 * {@link GeneratorOptions} and {@code _truth/dirty.csv}; {@code emoji_text} rows are valid data, not errors). The
 * ground truth in {@code _truth/}: {@code persons.csv}, {@code identity.csv}, {@code future_orders.csv} (holdout
 * window), {@code channel_effects.csv}, {@code ticket_categories.csv}, {@code dirty.csv} and {@code manifest.json}.
 *
 * <h2>Determinism and streaming</h2>
 * Each person is simulated from random streams derived from (seed, person index), one per record kind, forward in
 * time to {@code end + holdoutDays} (plus a margin) and then cut; so the same options give byte-identical files, and
 * a later {@code end} keeps every earlier record unchanged. Persons are generated and written one at a time: memory
 * does not grow with the number of customers.
 */
public final class SampleGenerator {

  private SampleGenerator() {
  }

  /**
   * Writes the sample described by the options into {@code options.out()} (created if missing; existing files of the
   * same names are overwritten).
   *
   * @return data-row counts per source, dirty rows and persons
   * @throws IOException when a file cannot be written
   */
  public static GenerateSummary generate(GeneratorOptions options) throws IOException {
    World world = new World(options);
    Path out = Files.createDirectories(options.out());
    PersonSimulator simulator = new PersonSimulator(world);
    HouseholdPlanner households = new HouseholdPlanner(world.seed);
    Map<String, Long> rows = new LinkedHashMap<>();
    DirtyRows dirty;
    try (Outputs outputs = Outputs.open(out)) {
      dirty = new DirtyRows(world, outputs.dirty);
      TruthWriter truth = new TruthWriter(world, outputs);
      FactWriter facts = new FactWriter(world, outputs, dirty, truth);
      SnapshotWriter snapshots = new SnapshotWriter(world, outputs, dirty, truth);
      Path truthDir = out.resolve(Outputs.TRUTH_DIR);
      truth.channelEffects(truthDir);
      snapshots.products();
      for (long i = 0; i < options.customers(); i++) {
        PersonHistory h = simulator.simulate(i, households.next(i));
        facts.write(h);
        snapshots.write(h);
        truth.person(h);
      }
      for (Source s : Source.ALL) {
        rows.put(s.code, outputs.rows(s));
      }
      truth.manifest(truthDir, rows, dirty);
    }
    return new GenerateSummary(rows, dirty.total(), options.customers(), out);
  }
}
