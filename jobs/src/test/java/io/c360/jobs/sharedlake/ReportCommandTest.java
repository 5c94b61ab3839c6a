package io.c360.jobs.sharedlake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.testdata.SparkTest;
import io.c360.jobs.CliRun;
import io.c360.jobs.SharedLake;
import io.c360.jobs.TestLake;
import io.c360.jobs.cli.ExitCodes;
import io.c360.notebooks.NotebookSchema;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c360 report} on the shared generated lake (segments for two as-of dates, a trend and migrations,
 * and every later job for the latest); the report is written once for the class.
 */
@ExtendWith({SparkTest.class, SharedLake.Unchanged.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportCommandTest {

  private static final LocalDate EARLIER = SharedLake.EARLIER;
  private static final LocalDate AS_OF = SharedLake.AS_OF;
  private static final Pattern PNG_URI = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path dir;
  private TestLake test;
  private CliRun report;
  private String html;
  private List<JsonNode> notebooks;


  @BeforeAll
  void lakeAndReport(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    test = SharedLake.readOnly();
    report = c360("report", "--out", dir.resolve("out").toString(), "--conf", test.confFile.toString());
    html = Files.readString(dir.resolve("out/report.html"));
    notebooks = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList()) {
        notebooks.add(JSON.readTree(file.toFile()));
      }
    }
  }

  private static CliRun c360(String... args) {
    return CliRun.of(args);
  }

  private static BufferedImage png(String base64) throws Exception {
    byte[] bytes = Base64.getDecoder().decode(base64);
    assertTrue(bytes.length > 5_000, "a chart of plausible size: " + bytes.length + " bytes");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
    assertNotNull(image, "decodes as an image");
    return image;
  }

  @Test
  void notebooksValidateAgainstTheNbformatSchemaWithSqlCellsAndCharts() throws Exception {
    assertEquals(0, report.code(), report.err());
    assertEquals(6, notebooks.size(), report.out());
    int sqlCellsWithTables = 0;
    int charts = 0;
    for (JsonNode notebook : notebooks) {
      assertEquals(List.of(), NotebookSchema.errors(notebook), notebook.at("/metadata/title").asText());
      assertEquals(4, notebook.get("nbformat").asInt());
      assertEquals(5, notebook.get("nbformat_minor").asInt());
      assertTrue(notebook.get("cells").get(0).get("cell_type").asText().equals("markdown"));
      for (JsonNode cell : notebook.get("cells")) {
        String source = String.join("", JSON.convertValue(cell.get("source"), String[].class));
        for (JsonNode output : cell.path("outputs")) {
          JsonNode data = output.get("data");
          if (source.contains("spark.sql(\"\"\"") && output.get("output_type").asText().equals("execute_result")
              && data.has("text/html") && data.has("text/plain")) {
            sqlCellsWithTables++;
          }
          if (data.has("image/png")) {
            BufferedImage image = png(data.get("image/png").asText());
            assertEquals(880, image.getWidth());
            charts++;
          }
        }
      }
    }
    assertEquals(13, sqlCellsWithTables, "every query of every topic ran and kept its table");
    assertEquals(11, charts, "one chart per charted query");
  }

  @Test
  void theHtmlHasEverySectionAndEmbedsItsChartsAsPngs() throws Exception {
    for (String section : List.of("kpis", "segments", "clv", "churn", "recommendations", "quality")) {
      assertTrue(html.contains("<section id=\"" + section + "\">"), section);
    }
    for (String article : List.of("kpi_trend", "segment_sizes", "segment_migration", "rfm_grid", "clv_deciles",
        "clv_distribution", "churn_lift", "churn_calibration", "churn_importance", "recs_precision", "dq_trend")) {
      assertTrue(html.contains("<article id=\"" + article + "\">"), article);
    }
    assertFalse(html.contains("Not available"), "every table the report reads is in this lake");
    assertFalse(html.contains("<script") || html.contains("<link") || html.contains("src=\"http"),
        "self-contained: no scripts, stylesheets or remote images");
    Matcher images = PNG_URI.matcher(html);
    int count = 0;
    while (images.find()) {
      BufferedImage image = png(images.group(1));
      assertEquals(880, image.getWidth());
      assertEquals(420, image.getHeight());
      count++;
    }
    assertEquals(11, count, "one chart per charted query");
  }

  @Test
  void numbersInTheReportEqualADirectSqlQuery() {
    String segments = html.substring(html.indexOf("<article id=\"segment_sizes\">"),
        html.indexOf("<article id=\"segment_migration\">"));
    List<Row> sizes = SparkTest.spark().sql("SELECT five_tier, count(*) FROM " + test.database
        + ".customer_segments WHERE as_of = DATE'" + AS_OF + "' AND five_tier IS NOT NULL GROUP BY 1").collectAsList();
    assertTrue(sizes.size() >= 3, sizes.toString());
    for (Row row : sizes) {
      assertTrue(segments.contains("<td>" + row.getString(0) + "</td><td class=\"num\">" + row.getLong(1) + "</td>"),
          row + " in " + segments);
    }
    Row kpis = SparkTest.spark().sql("SELECT customers, active_customers FROM " + test.database
        + ".kpi_daily WHERE as_of = DATE'" + AS_OF + "'").first();
    assertTrue(html.contains("data-kpi=\"customers\"><div class=\"label\">Customers</div><div class=\"value\">"
        + kpis.getLong(0) + "</div>"), "customers tile");
    assertTrue(html.contains("since " + EARLIER), "the tiles compare with the earlier as-of date");
    double lift = SparkTest.spark().sql("SELECT round(value, 3) FROM " + test.database + ".model_metrics WHERE model "
        + "= 'churn' AND metric = 'lift' AND detail LIKE '%decile 1'").first().getDouble(0);
    String churn = html.substring(html.indexOf("<article id=\"churn_lift\">"));
    assertTrue(churn.contains("<tr><th>0</th><td class=\"num\">1</td><td class=\"num\">"
        + io.c360.notebooks.Result.text(lift) + "</td>"), "top-decile lift " + lift);
  }

  @Test
  void theReportHoldsNoPersonalDataAndNoCustomerRows() throws Exception {
    StringBuilder text = new StringBuilder(PNG_URI.matcher(html).replaceAll(""));
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".ipynb")).toList()) {
        text.append(Files.readString(file).replaceAll("\"image/png\": \"[^\"]*\"", ""));
      }
    }
    assertFalse(Pattern.compile(PersonalDataScan.EMAIL).matcher(text).find(), "an email");
    // embedded images (base64 runs) and fractional digits go first: "+6448477..." inside a PNG and the eleven
    // digits after "0." of a long decimal look like phone numbers
    String compact = text.toString().replaceAll("[A-Za-z0-9+/=]{60,}", " ").replaceAll("\\.[0-9]+", ".")
        .replaceAll("[\\s\\-()]", "");
    Matcher phone = Pattern.compile(PersonalDataScan.PHONE).matcher(compact);
    assertFalse(phone.find(), () -> "a phone: " + compact.substring(Math.max(0, phone.start() - 40),
        Math.min(compact.length(), phone.end() + 40)));
    assertFalse(Pattern.compile("\\bC[0-9a-f]{16}\\b").matcher(text).find(), "a customer id");
  }

  @Test
  void usageErrorsExitTwoWithOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun onFile = c360("report", "--out", file.toString(), "--conf", test.confFile.toString());
    assertEquals(ExitCodes.USAGE, onFile.code());
    assertTrue(onFile.err().startsWith("c360: report: --out " + file + " is a file"), onFile.err());
    TestLake empty = new TestLake(dir.resolve("empty"));
    CliRun nothing = c360("report", "--out", dir.resolve("empty-out").toString(), "--conf", empty.confFile.toString());
    assertEquals(ExitCodes.USAGE, nothing.code());
    assertTrue(nothing.err().contains("has no result tables yet; run the pipeline first"), nothing.err());
  }
}
