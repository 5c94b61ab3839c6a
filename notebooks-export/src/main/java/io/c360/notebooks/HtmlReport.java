package io.c360.notebooks;

import static io.c360.notebooks.ResultText.escape;

import io.c360.core.catalog.Columns;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The management cockpit as one self-contained HTML page: KPI tiles with the change since the previous as-of date,
 * then every topic's sections with their chart (a PNG data URI) and result table. No external CSS, scripts or
 * images.
 */
final class HtmlReport {

  /** Rows of a result table shown in the page (the notebooks hold them all). */
  static final int MAX_TABLE_ROWS = 40;

  private static final String CSS = """
      body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:0;color:#222;background:#fff}
      header{background:#08306b;color:#fff;padding:20px 32px}header h1{margin:0 0 4px;font-size:26px}
      header p{margin:0;opacity:.85}main{padding:8px 32px 32px}nav{margin:16px 0}
      nav a{margin-right:16px;color:#08519c}h2{border-bottom:2px solid #08306b;padding-bottom:4px;margin-top:36px}
      .tiles{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
      .tile{border:1px solid #c6dbef;border-radius:6px;padding:10px 14px;min-width:150px;background:#f7fbff}
      .tile .label{font-size:12px;color:#555}.tile .value{font-size:24px;font-weight:bold;color:#08306b}
      .tile .delta{font-size:12px;color:#555}img{max-width:100%;height:auto;display:block;margin:8px 0}
      table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px}
      thead th{background:#eff3ff}td.num{text-align:right}.missing{color:#a50f15;font-style:italic}
      .note{color:#444}footer{color:#777;font-size:12px;padding:16px 32px}""";

  /** The KPI tiles: kpi_daily column -> label. */
  private static final Map<String, String> TILES = Map.of(
      "customers", "Customers", "active_customers", "Active customers", "repeat_purchase_rate", "Repeat rate",
      "avg_order_value", "Average order value", "retention_rate", "Retention", "churn_rate", "Churn rate",
      "nps", "NPS");
  private static final List<String> TILE_ORDER = List.of("customers", "active_customers", "repeat_purchase_rate",
      "avg_order_value", "retention_rate", "churn_rate", "nps");

  private HtmlReport() {
  }

  static String page(Map<Topic, List<Section>> topics, String database, LocalDate asOf) {
    StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>c360 report as of ").append(asOf).append("</title>\n<style>\n").append(CSS)
        .append("\n</style>\n</head>\n<body>\n<header><h1>Customer 360 cockpit</h1><p>As of ").append(asOf)
        .append(", lake database ").append(escape(database))
        .append(". Aggregates only: no customer-level rows, no personal data.</p></header>\n<main>\n");
    b.append(tiles(topics));
    b.append("<nav>");
    topics.keySet().forEach(t -> b.append("<a href=\"#").append(t.id()).append("\">").append(escape(t.title()))
        .append("</a>"));
    b.append("</nav>\n");
    topics.forEach((topic, sections) -> {
      b.append("<section id=\"").append(topic.id()).append("\">\n<h2>").append(escape(topic.title()))
          .append("</h2>\n<p class=\"note\">").append(escape(topic.intro())).append("</p>\n");
      sections.forEach(s -> b.append(section(s)));
      b.append("</section>\n");
    });
    return b.append("</main>\n<footer>Written by c360 report. The notebooks beside this page hold the same queries "
        + "with their full results.</footer>\n</body>\n</html>\n").toString();
  }

  private static String section(Section s) {
    Query q = s.query();
    StringBuilder b = new StringBuilder("<article id=\"" + q.id() + "\">\n<h3>" + escape(q.title()) + "</h3>\n");
    if (s.missing() != null) {
      return b.append("<p class=\"missing\">Not available: ").append(escape(s.missing())).append(".</p>\n")
          .append("</article>\n").toString();
    }
    b.append("<p class=\"note\">").append(escape(q.note())).append("</p>\n");
    if (s.result().rows().isEmpty()) {
      return b.append("<p class=\"missing\">No rows for this date.</p>\n</article>\n").toString();
    }
    if (s.png() != null) {
      b.append("<img alt=\"").append(escape(q.chart().title())).append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(s.png())).append("\">\n");
    }
    Result shown = s.result().rows().size() <= MAX_TABLE_ROWS ? s.result()
        : new Result(s.result().columns(), s.result().rows().subList(0, MAX_TABLE_ROWS), true);
    b.append(ResultText.html(shown)).append('\n');
    if (shown.truncated()) {
      b.append("<p class=\"note\">First ").append(shown.rows().size()).append(" rows; the notebook has more.</p>\n");
    }
    return b.append("</article>\n").toString();
  }

  /** The latest as-of date's KPIs, each with the change since the previous date when there is one. */
  private static String tiles(Map<Topic, List<Section>> topics) {
    Result kpis = topics.values().stream().flatMap(List::stream)
        .filter(s -> s.query().tables().contains(io.c360.core.catalog.Tables.KPI_DAILY) && s.result() != null)
        .map(Section::result).findFirst().orElse(null);
    if (kpis == null || kpis.rows().isEmpty()) {
      return "<p class=\"missing\">No KPIs: c360.kpi_daily has no rows up to this date (run the segments job).</p>\n";
    }
    List<Object> latest = kpis.rows().get(kpis.rows().size() - 1);
    List<Object> previous = kpis.rows().size() > 1 ? kpis.rows().get(kpis.rows().size() - 2) : null;
    StringBuilder b = new StringBuilder("<div class=\"tiles\" id=\"kpi-tiles\">\n");
    for (String column : TILE_ORDER) {
      int i = kpis.index(column);
      Double now = Result.number(latest.get(i));
      Double before = previous == null ? null : Result.number(previous.get(i));
      b.append("<div class=\"tile\" data-kpi=\"").append(column).append("\"><div class=\"label\">")
          .append(TILES.get(column)).append("</div><div class=\"value\">").append(now == null ? "n/a" : escape(Result.text(latest.get(i))))
          .append("</div><div class=\"delta\">");
      if (previous == null) {
        b.append("no earlier date");
      } else if (now != null && before != null) {
        double delta = now - before;
        b.append(delta > 0 ? "&#9650; " : delta < 0 ? "&#9660; " : "").append(escape(Result.text(
            Math.round(delta * 10_000) / 10_000.0))).append(" since ").append(previous.get(kpis.index(Columns.AS_OF)));
      }
      b.append("</div></div>\n");
    }
    return b.append("</div>\n").toString();
  }
}
