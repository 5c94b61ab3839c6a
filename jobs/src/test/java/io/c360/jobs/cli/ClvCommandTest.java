package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.testdata.Cdnow;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code c360 clv fit} in-process, on CDNOW and on tiny broken files. */
@ExtendWith(SparkTest.class)
class ClvCommandTest {

  private static String[] cdnow(String... extra) {
    String[] base = {"clv", "fit", "--input", Cdnow.file("CDNOW_sample.txt").toString(), "--whitespace",
        "--no-header", "--customer-col", "2", "--date-col", "3", "--date-format", "yyyyMMdd", "--amount-col", "5",
        "--period", "week", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  @Test
  void cdnowFitPrintsOneJsonObjectWithThePublishedParameters() throws IOException {
    CliRun run = CliRun.of(cdnow("--json"));
    assertEquals(0, run.code(), run.err());
    String out = run.out().strip();
    assertEquals(1, out.lines().count(), out);
    JsonNode json = new ObjectMapper().readTree(out);
    assertEquals("bgnbd", json.get("model").asText());
    assertEquals(2357, json.get("customers").asLong());
    JsonNode p = json.get("params");
    assertEquals(0.242593, p.get("r").asDouble(), 0.005 * 0.242593);
    assertEquals(4.413532, p.get("alpha").asDouble(), 0.005 * 4.413532);
    assertEquals(0.792886, p.get("a").asDouble(), 0.005 * 0.792886);
    assertEquals(2.425752, p.get("b").asDouble(), 0.005 * 2.425752);
    assertEquals(-9582.4, json.get("loglik").asDouble(), 0.5);
    JsonNode gg = json.get("gamma_gamma");
    assertEquals(946, gg.get("customers").asLong());
    assertEquals(6.25, gg.get("p").asDouble(), 0.01 * 6.25);
    assertEquals(3.74, gg.get("q").asDouble(), 0.01 * 3.74);
    assertEquals(15.44, gg.get("v").asDouble(), 0.01 * 15.44);
    assertEquals(1882, json.get("holdout").get("actual").asLong());
    assertEquals(1654, json.get("holdout").get("predicted").asDouble(), 5);
    assertEquals(8, json.get("holdout").get("by_frequency").size());
    assertTrue(json.get("iterations").asInt() > 0);
  }

  @Test
  void textOutputShowsParametersAndTheHoldoutTable() {
    CliRun run = CliRun.of(cdnow());
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("BG/NBD on 2,357 customers"), run.out());
    assertTrue(run.out().contains("Gamma-Gamma on 946 repeat buyers"), run.out());
    assertTrue(run.out().contains("Holdout to 1998-06-30: actual 1,882, predicted"), run.out());
    assertTrue(run.out().contains("  7+ "), run.out());
  }

  @Test
  void missingFileUnknownColumnAndBadDateAreInputErrors(@TempDir Path dir) throws IOException {
    CliRun missing = CliRun.of("clv", "fit", "--input", dir.resolve("none.csv").toString(),
        "--customer-col", "c", "--date-col", "d", "--calibration-end", "2024-01-31");
    assertEquals(ExitCodes.USAGE, missing.code());
    assertTrue(missing.err().startsWith("c360: input not found: "), missing.err());

    Path csv = Files.writeString(dir.resolve("tx.csv"), "cust,day,value\nc1,2024-01-02,5\nc1,2024-01-09,7\n"
        + "c2,2024-01-03,4\n");
    CliRun unknown = CliRun.of("clv", "fit", "--input", csv.toString(), "--customer-col", "customer",
        "--date-col", "day", "--calibration-end", "2024-01-31");
    assertEquals(ExitCodes.USAGE, unknown.code());
    assertEquals("c360: unknown customer column 'customer'; the file has cust, day, value", unknown.err().strip());

    Path bad = Files.writeString(dir.resolve("bad.csv"), "cust,day,value\nc1,2024-01-02,5\nc1,2024-13-45,7\n");
    CliRun badDate = CliRun.of("clv", "fit", "--input", bad.toString(), "--customer-col", "cust",
        "--date-col", "day", "--amount-col", "value", "--calibration-end", "2024-01-31");
    assertEquals(ExitCodes.USAGE, badDate.code());
    assertEquals("c360: cannot parse date '2024-13-45' (customer c1) in column day with format yyyy-MM-dd; "
        + "1 rows affected", badDate.err().strip());

    CliRun both = CliRun.of("clv", "fit", "--input", csv.toString(), "--customer-col", "cust",
        "--date-col", "day", "--calibration-end", "2024-01-31", "--whitespace", "--delimiter", ";");
    assertEquals(ExitCodes.USAGE, both.code());
  }
}
