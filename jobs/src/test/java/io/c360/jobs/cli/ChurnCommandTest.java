package io.c360.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.testdata.ChurnData;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code c360 churn train} in-process on a generated 2,000-row customer table (trained once) and broken files. */
@ExtendWith(SparkTest.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChurnCommandTest {

  private Path dir;
  private Path customers;
  private CliRun jsonRun;

  @BeforeAll
  void trainOnce(@TempDir Path tempDir) throws IOException {
    dir = tempDir;
    customers = Files.write(dir.resolve("customers.csv"), ChurnData.csvLines(2000, 3));
    jsonRun = CliRun.of("churn", "train", "--input", customers.toString(), "--label", "churned", "--id",
        "customer_id", "--json");
  }

  @Test
  void trainPrintsOneJsonObjectWithHonestTestMetrics() throws IOException {
    assertEquals(0, jsonRun.code(), jsonRun.err());
    String out = jsonRun.out().strip();
    assertEquals(1, out.lines().count(), out);
    JsonNode json = new ObjectMapper().readTree(out);
    for (String key : List.of("auc", "pr_auc", "top_decile_lift", "importance", "rows", "positives", "features",
        "log_loss", "brier")) {
      assertTrue(json.has(key), key + " in " + out);
    }
    assertEquals(2000, json.get("rows").asLong());
    long positives = ChurnData.csvLines(2000, 3).stream().filter(l -> l.endsWith(",yes")).count();
    assertEquals(positives, json.get("positives").asLong());
    assertEquals("yes", json.get("positive_value").asText());
    assertTrue(json.get("auc").asDouble() > 0.75, "AUC " + json.get("auc"));
    assertTrue(json.get("pr_auc").asDouble() > (double) positives / 2000, "PR AUC " + json.get("pr_auc"));
    assertTrue(json.get("top_decile_lift").asDouble() > 1.5, "lift " + json.get("top_decile_lift"));
    double logLoss = json.get("log_loss").asDouble();
    double brier = json.get("brier").asDouble();
    assertTrue(logLoss > 0 && logLoss < 0.69, "log loss " + logLoss);
    assertTrue(brier > 0 && brier < 0.25, "brier " + brier);
    List<String> features = new ArrayList<>();
    json.get("features").forEach(f -> features.add(f.asText()));
    assertEquals(List.of("recency_days", "tenure_months", "tickets", "noise", "plan"), features);
    assertEquals("plan", json.get("categorical").get(0).asText());
    Iterator<String> ranked = json.get("importance").fieldNames();
    assertEquals("recency_days", ranked.next());
    assertEquals(5, json.get("importance").size());
    json.get("importance").forEach(v -> assertTrue(v.asDouble() >= 0));
    long tested = json.get("test_rows").asLong();
    assertEquals(2000, tested + json.get("train_rows").asLong() + json.get("validation_rows").asLong());
    assertTrue(tested > 300 && tested < 500, "test rows " + tested);
  }

  @Test
  void textOutputListsMetricsDecilesAndImportance() throws IOException {
    Path small = Files.write(dir.resolve("small.csv"), ChurnData.csvLines(600, 5));
    CliRun run = CliRun.of("churn", "train", "--input", small.toString(), "--label", "churned", "--id",
        "customer_id", "--seed", "7", "--test-fraction", "0.3", "--top", "2");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().startsWith("Churn model on 600 rows ("), run.out());
    assertTrue(run.out().contains("5 features (4 numeric, 1 categorical)"), run.out());
    assertTrue(run.out().contains("  AUC  "), run.out());
    assertTrue(run.out().contains("  top-decile lift  "), run.out());
    assertTrue(run.out().contains("Deciles of predicted risk (1 = highest):"), run.out());
    String importance = run.out().substring(run.out().indexOf("Importance"));
    assertEquals(3, importance.lines().count(), importance);
  }

  @Test
  void inputErrorsAreOneLineWithExitCodeTwo() throws IOException {
    CliRun missing = train(dir.resolve("none.csv"), "churned", "customer_id");
    assertEquals(ExitCodes.USAGE, missing.code());
    assertTrue(missing.err().startsWith("c360: input not found: "), missing.err());

    Path csv = Files.writeString(dir.resolve("t.csv"), "id,plan,spend,churn\nc1,basic,3,yes\nc2,pro,,no\n");
    CliRun unknownLabel = train(csv, "churned", "id");
    assertEquals(ExitCodes.USAGE, unknownLabel.code());
    assertEquals("c360: unknown label column 'churned'; the file has id, plan, spend, churn",
        unknownLabel.err().strip());
    CliRun unknownId = train(csv, "churn", "customer");
    assertEquals(ExitCodes.USAGE, unknownId.code());
    assertEquals("c360: unknown id column 'customer'; the file has id, plan, spend, churn", unknownId.err().strip());

    Path three = Files.writeString(dir.resolve("three.csv"), "id,spend,churn\nc1,3,yes\nc2,4,no\nc3,5,maybe\n");
    CliRun threeValues = train(three, "churn", "id");
    assertEquals(ExitCodes.USAGE, threeValues.code());
    assertEquals("c360: label column 'churn' has more than two values (maybe, no, yes, ...); a churn label needs "
        + "exactly two", threeValues.err().strip());

    Path single = Files.writeString(dir.resolve("single.csv"), "id,spend,churn\nc1,3,no\nc2,4,no\n");
    CliRun oneClass = train(single, "churn", "id");
    assertEquals(ExitCodes.USAGE, oneClass.code());
    assertEquals("c360: label column 'churn' has a single class 'no'; training needs both classes",
        oneClass.err().strip());

    Path unnamed = Files.writeString(dir.resolve("unnamed.csv"), "id,spend,status\nc1,3,gone\nc2,4,stayed\n");
    CliRun ambiguous = train(unnamed, "status", "id");
    assertEquals(ExitCodes.USAGE, ambiguous.code());
    assertEquals("c360: label column 'status' has values 'gone' and 'stayed'; name the positive (churned) one with "
        + "--positive", ambiguous.err().strip());
    CliRun wrongPositive = CliRun.of("churn", "train", "--input", unnamed.toString(), "--label", "status",
        "--id", "id", "--positive", "left");
    assertEquals(ExitCodes.USAGE, wrongPositive.code());
    assertEquals("c360: --positive 'left' is not a value of label column 'status' (values: gone, stayed)",
        wrongPositive.err().strip());

    CliRun badFraction = CliRun.of("churn", "train", "--input", csv.toString(), "--label", "churn", "--id",
        "id", "--test-fraction", "0.9");
    assertEquals(ExitCodes.USAGE, badFraction.code());
  }

  private static CliRun train(Path input, String label, String id) {
    return CliRun.of("churn", "train", "--input", input.toString(), "--label", label, "--id", id);
  }
}
