package io.c360.notebooks;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler.ChartTheme;
import org.knowm.xchart.style.Styler.LegendPosition;

/** Draws a query result as a PNG with XChart (headless AWT). */
public final class Charts {

  static final int WIDTH = 880;
  static final int HEIGHT = 420;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {
  }

  /** The chart as PNG bytes; null when the result has no rows to draw. */
  public static byte[] png(Chart chart, Result result) {
    if (result.rows().isEmpty()) {
      return null;
    }
    try {
      return chart.kind() == Chart.Kind.HEATMAP
          ? BitmapEncoder.getBitmapBytes(heatmap(chart, result), BitmapFormat.PNG)
          : BitmapEncoder.getBitmapBytes(category(chart, result), BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the chart '" + chart.title() + "' as PNG", e);
    }
  }

  private static CategoryChart category(Chart chart, Result result) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).theme(ChartTheme.GGPlot2)
        .title(chart.title()).xAxisTitle(chart.x()).yAxisTitle(chart.yTitle()).build();
    c.getStyler().setDefaultSeriesRenderStyle(chart.kind() == Chart.Kind.LINE
        ? CategorySeriesRenderStyle.Line : CategorySeriesRenderStyle.Bar);
    c.getStyler().setLegendPosition(LegendPosition.OutsideS);
    c.getStyler().setLegendVisible(chart.ys().size() > 1);
    c.getStyler().setXAxisLabelRotation(labelsAreLong(result.column(chart.x())) ? 30 : 0);
    c.getStyler().setOverlapped(false);
    List<String> xs = result.column(chart.x()).stream().map(Result::text).toList();
    for (String y : chart.ys()) {
      List<Double> values = new ArrayList<>();
      for (Object v : result.column(y)) {
        Double d = Result.number(v);
        values.add(d == null ? 0.0 : d);
      }
      c.addSeries(y, xs, values);
    }
    return c;
  }

  private static HeatMapChart heatmap(Chart chart, Result result) {
    HeatMapChart c = new HeatMapChartBuilder().width(WIDTH).height(HEIGHT).title(chart.title()).build();
    c.getStyler().setShowValue(true);
    c.getStyler().setPlotContentSize(1);
    c.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
    c.getStyler().setValueFontColor(new Color(0x222222));
    c.getStyler().setLegendPosition(LegendPosition.OutsideE);
    List<String> xs = distinct(result.column(chart.x()));
    List<String> ys = distinct(result.column(chart.y()));
    List<Number[]> cells = new ArrayList<>();
    int xi = result.index(chart.x());
    int yi = result.index(chart.y());
    int vi = result.index(chart.ys().get(0));
    for (List<Object> row : result.rows()) {
      Double v = Result.number(row.get(vi));
      cells.add(new Number[] {xs.indexOf(Result.text(row.get(xi))), ys.indexOf(Result.text(row.get(yi))),
          v == null ? 0.0 : v});
    }
    c.addSeries(chart.ys().get(0), xs, ys, cells);
    return c;
  }

  /** The distinct values as text, sorted (numbers by value). */
  private static List<String> distinct(List<Object> values) {
    return values.stream().distinct().sorted((a, b) -> a instanceof Number x && b instanceof Number y
            ? Double.compare(x.doubleValue(), y.doubleValue()) : Result.text(a).compareTo(Result.text(b)))
        .map(Result::text).distinct().toList();
  }

  private static boolean labelsAreLong(List<Object> values) {
    return values.size() > 6 || values.stream().anyMatch(v -> Result.text(v).length() > 10);
  }
}
