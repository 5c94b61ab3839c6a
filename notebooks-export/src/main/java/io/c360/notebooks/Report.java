package io.c360.notebooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.c360.core.catalog.TableDef;
import io.c360.core.catalog.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Writes the analyst notebooks (one per topic) and the HTML report for one as-of date from the lake's tables,
 * read through Spark SQL. A topic's query whose table is not in the lake is written as missing, with the job that
 * would produce it.
 */
public final class Report {

  /** Rows collected per query at most: every query aggregates, so this only guards the driver. */
  static final int MAX_ROWS = 500;

  /** Tables whose latest as_of is the default report date, first found wins. */
  private static final List<TableDef> DATED = List.of(Tables.KPI_DAILY, Tables.CUSTOMER_SEGMENTS,
      Tables.CLV_SCORES, Tables.CHURN_SCORES, Tables.DQ_RESULTS);

  /** What was written. */
  public record Written(Path html, List<Path> notebooks, int sections, List<String> missing) {
  }

  private Report() {
  }

  /** The latest as-of date of the result tables, if any has rows. */
  public static Optional<LocalDate> latestAsOf(SparkSession spark, String database) {
    for (TableDef table : DATED) {
      if (spark.catalog().tableExists(database, table.name())) {
        Row max = spark.sql("SELECT max(as_of) FROM " + table.qualified(database)).first();
        if (!max.isNullAt(0)) {
          return Optional.of(max.<Date>getAs(0).toLocalDate());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Runs every topic's queries for the date and writes {@code report.html} and {@code NN_<topic>.ipynb} into
   * {@code out} (created if needed; these files are replaced).
   *
   * @param lakeRoot the lake folder, for the notebooks' setup cell
   */
  public static Written write(SparkSession spark, String database, Path lakeRoot, LocalDate asOf, Path out) {
    Map<Topic, List<Section>> topics = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    int sections = 0;
    for (Topic topic : Topics.all()) {
      List<Section> rendered = new ArrayList<>();
      for (Query query : topic.queries()) {
        Section section = run(spark, database, asOf, topic, query);
        if (section.missing() != null) {
          missing.add(query.id());
        }
        rendered.add(section);
        sections++;
      }
      topics.put(topic, rendered);
    }
    try {
      Files.createDirectories(out);
      ObjectMapper json = new ObjectMapper();
      List<Path> notebooks = new ArrayList<>();
      int n = 1;
      for (Map.Entry<Topic, List<Section>> e : topics.entrySet()) {
        Path file = out.resolve(String.format(Locale.ROOT, "%02d_%s.ipynb", n++, e.getKey().id()));
        json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(),
            NotebookWriter.notebook(e.getKey(), e.getValue(), database, asOf, lakeRoot));
        notebooks.add(file);
      }
      Path html = out.resolve("report.html");
      Files.writeString(html, HtmlReport.page(topics, database, asOf), StandardCharsets.UTF_8);
      return new Written(html, List.copyOf(notebooks), sections, List.copyOf(missing));
    } catch (IOException e) {
      throw new UncheckedIOException("report: cannot write to " + out + ": " + e.getMessage(), e);
    }
  }

  private static Section run(SparkSession spark, String database, LocalDate asOf, Topic topic, Query query) {
    for (TableDef table : query.tables()) {
      if (!spark.catalog().tableExists(database, table.name())) {
        return new Section(query, null, null, "c360." + table.name() + " is not in the lake (run the "
            + topic.producer(table) + " job: c360 run " + topic.producer(table) + ")");
      }
    }
    Result result = Result.of(spark.sql(query.sql(database, asOf)), MAX_ROWS);
    byte[] png = query.chart() == null ? null : Charts.png(query.chart(), result);
    return new Section(query, result, png, null);
  }
}
