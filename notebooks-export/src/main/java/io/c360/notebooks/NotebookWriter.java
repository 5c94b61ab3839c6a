package io.c360.notebooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.c360.core.catalog.Column;
import io.c360.core.catalog.Columns;
import io.c360.core.catalog.TableDef;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A topic as a Jupyter notebook (nbformat 4.5) for a Python kernel with PySpark: markdown cells explaining the
 * tables and each query, a setup cell registering the lake's tables, {@code spark.sql("...")} cells with the result
 * table pre-rendered (text/html and text/plain) and chart cells with the PNG pre-rendered, so the notebook reads
 * without running anything and re-runs in a Spark-backed Jupyter.
 */
final class NotebookWriter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Topic topic;
  private final String database;
  private final LocalDate asOf;
  private final Path lakeRoot;
  private final ArrayNode cells = JSON.createArrayNode();
  private int executionCount;

  private NotebookWriter(Topic topic, String database, LocalDate asOf, Path lakeRoot) {
    this.topic = topic;
    this.database = database;
    this.asOf = asOf;
    this.lakeRoot = lakeRoot;
  }

  static ObjectNode notebook(Topic topic, List<Section> sections, String database, LocalDate asOf, Path lakeRoot) {
    return new NotebookWriter(topic, database, asOf, lakeRoot).build(sections);
  }

  private ObjectNode build(List<Section> sections) {
    markdown("intro", "# " + topic.title() + "\n\n" + topic.intro() + "\n\n"
        + "As of " + asOf + ", lake database `" + database + "`. Written by `c360 report`: every output below was "
        + "computed when the notebook was written (tables by Spark SQL on the lake, charts drawn by c360 with "
        + "XChart), so it reads without running anything. To re-run it, open it in Jupyter with a Python kernel "
        + "that has PySpark 3.5 and delta-spark 3.3 (`pip install pyspark==3.5.4 delta-spark==3.3.3 pandas "
        + "matplotlib`) on a machine that can read the lake folder; re-run charts are drawn by pandas and "
        + "matplotlib. Queries run with `spark.sql(...)` and come back as pandas DataFrames.");
    StringBuilder tables = new StringBuilder("## The tables\n");
    for (Topic.TableNote note : topic.tables()) {
      tables.append('\n').append(describe(note));
    }
    markdown("tables", tables.toString().stripTrailing());
    code("setup", setup(), List.of());
    for (Section section : sections) {
      Query q = section.query();
      markdown(q.id(), "## " + q.title() + "\n\n" + q.note()
          + (section.missing() == null ? "" : "\n\n*Not available in this lake: " + section.missing() + ".*"));
      String frame = "df_" + q.id();
      String source = frame + " = spark.sql(\"\"\"\n" + q.sql(database, asOf) + "\n\"\"\").toPandas()\n" + frame;
      if (section.result() == null) {
        code(q.id() + "-sql", source, null);
        continue;
      }
      ObjectNode table = output("execute_result");
      table.put("execution_count", executionCount + 1);
      ObjectNode data = table.putObject("data");
      data.set("text/html", lines("<div>\n" + ResultText.html(section.result()) + "\n</div>"));
      data.set("text/plain", lines(ResultText.plain(section.result())));
      code(q.id() + "-sql", source, List.of(table));
      if (section.png() != null) {
        ObjectNode image = output("display_data");
        ObjectNode imageData = image.putObject("data");
        imageData.put("image/png", Base64.getEncoder().encodeToString(section.png()));
        imageData.set("text/plain", lines(String.format(Locale.ROOT, "<Figure size %dx%d with 1 Axes>",
            Charts.WIDTH, Charts.HEIGHT)));
        code(q.id() + "-chart", plot(q.chart(), frame), List.of(image));
      }
    }
    ObjectNode nb = JSON.createObjectNode();
    nb.set("cells", cells);
    ObjectNode metadata = nb.putObject("metadata");
    ObjectNode kernel = metadata.putObject("kernelspec");
    kernel.put("name", "python3");
    kernel.put("display_name", "Python 3 (ipykernel) with PySpark");
    kernel.put("language", "python");
    metadata.putObject("language_info").put("name", "python");
    metadata.put("title", topic.title());
    ObjectNode c360 = metadata.putObject("c360");
    c360.put(Columns.AS_OF, asOf.toString());
    c360.put("database", database);
    nb.put("nbformat", 4);
    nb.put("nbformat_minor", 5);
    return nb;
  }

  /** What a row of the table is and what its key columns mean, from the catalog. */
  private static String describe(Topic.TableNote note) {
    TableDef table = note.table();
    StringBuilder b = new StringBuilder("### `c360." + table.name() + "`\n\n" + table.comment() + ".");
    if (!table.keys().isEmpty()) {
      b.append(" A row is one ").append(String.join(" x ", table.keys())).append('.');
    }
    b.append("\n\n| column | meaning |\n|---|---|\n");
    Set<String> columns = new LinkedHashSet<>(table.keys());
    columns.addAll(note.columns());
    for (String name : columns) {
      Column column = table.column(name).orElseThrow();
      b.append("| `").append(name).append("` | ").append(column.comment().replace("|", "\\|")).append(" |\n");
    }
    return b.toString();
  }

  private String setup() {
    Set<String> names = new LinkedHashSet<>();
    topic.queries().forEach(q -> q.tables().forEach(t -> names.add(t.name())));
    List<String> quoted = names.stream().map(n -> "\"" + n + "\"").toList();
    return "# A Spark session with Delta Lake; the tables this notebook reads, registered from the lake folder.\n"
        + "import matplotlib.pyplot as plt\n"
        + "from delta import configure_spark_with_delta_pip\n"
        + "from pyspark.sql import SparkSession\n\n"
        + "LAKE = " + pythonString(lakeRoot.toString()) + "\n"
        + "builder = (SparkSession.builder.appName(\"c360-" + topic.id() + "\")\n"
        + "    .config(\"spark.sql.extensions\", \"io.delta.sql.DeltaSparkSessionExtension\")\n"
        + "    .config(\"spark.sql.catalog.spark_catalog\", \"org.apache.spark.sql.delta.catalog.DeltaCatalog\")\n"
        + "    .config(\"spark.sql.session.timeZone\", \"UTC\"))\n"
        + "spark = configure_spark_with_delta_pip(builder).getOrCreate()\n"
        + "spark.sql(\"CREATE DATABASE IF NOT EXISTS " + database + "\")\n"
        + "for table in [" + String.join(", ", quoted) + "]:\n"
        + "    spark.sql(f\"CREATE TABLE IF NOT EXISTS " + database + ".{table} USING DELTA LOCATION '{LAKE}/{table}'\")";
  }

  private static String plot(Chart chart, String frame) {
    String title = pythonString(chart.title());
    if (chart.kind() == Chart.Kind.HEATMAP) {
      return "grid = " + frame + ".pivot(index=\"" + chart.y() + "\", columns=\"" + chart.x() + "\", values=\""
          + chart.ys().get(0) + "\").fillna(0)\n"
          + "fig, ax = plt.subplots(figsize=(11, 5.25))\n"
          + "ax.imshow(grid, origin=\"lower\", cmap=\"Blues\", aspect=\"auto\")\n"
          + "ax.set_xticks(range(len(grid.columns)), grid.columns)\n"
          + "ax.set_yticks(range(len(grid.index)), grid.index)\n"
          + "ax.set_xlabel(\"" + chart.x() + "\")\n"
          + "ax.set_ylabel(\"" + chart.y() + "\")\n"
          + "ax.set_title(" + title + ");";
    }
    List<String> ys = chart.ys().stream().map(y -> "\"" + y + "\"").toList();
    return frame + ".plot." + (chart.kind() == Chart.Kind.BAR ? "bar" : "line") + "(x=\"" + chart.x() + "\", y=["
        + String.join(", ", ys) + "], title=" + title + ", ylabel=" + pythonString(chart.yTitle())
        + (chart.kind() == Chart.Kind.LINE ? ", marker=\"o\"" : ", rot=30") + ", figsize=(11, 5.25));";
  }

  private static String pythonString(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private void markdown(String id, String text) {
    ObjectNode cell = cells.addObject();
    cell.put("cell_type", "markdown");
    cell.put("id", topic.id() + "-" + id + "-md");
    cell.putObject("metadata");
    cell.set("source", lines(text));
  }

  /** A code cell; {@code outputs} null for a cell that has not run. */
  private void code(String id, String source, List<ObjectNode> outputs) {
    ObjectNode cell = cells.addObject();
    cell.put("cell_type", "code");
    cell.put("id", topic.id() + "-" + id);
    cell.putObject("metadata");
    cell.set("source", lines(source));
    ArrayNode out = cell.putArray("outputs");
    if (outputs == null) {
      cell.putNull("execution_count");
      return;
    }
    cell.put("execution_count", ++executionCount);
    outputs.forEach(out::add);
  }

  private static ObjectNode output(String type) {
    ObjectNode output = JSON.createObjectNode();
    output.put("output_type", type);
    output.putObject("metadata");
    return output;
  }

  /** Text as Jupyter stores it: a list of lines, each but the last ending with a newline. */
  private static ArrayNode lines(String text) {
    ArrayNode array = JSON.createArrayNode();
    List<String> parts = new ArrayList<>(List.of(text.split("\n", -1)));
    for (int i = 0; i < parts.size(); i++) {
      array.add(i < parts.size() - 1 ? parts.get(i) + "\n" : parts.get(i));
    }
    return array;
  }
}
