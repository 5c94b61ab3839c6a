package io.c360.notebooks;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.StringEscapeUtils;

/** A result as pandas shows a DataFrame: an HTML table and aligned text, each row with its index. */
final class ResultText {

  private ResultText() {
  }

  static String html(Result result) {
    StringBuilder b = new StringBuilder("<table class=\"dataframe\">\n<thead>\n<tr><th></th>");
    for (String c : result.columns()) {
      b.append("<th>").append(escape(c)).append("</th>");
    }
    b.append("</tr>\n</thead>\n<tbody>\n");
    for (int i = 0; i < result.rows().size(); i++) {
      b.append("<tr><th>").append(i).append("</th>");
      for (Object v : result.rows().get(i)) {
        b.append(v instanceof Number ? "<td class=\"num\">" : "<td>").append(escape(Result.text(v))).append("</td>");
      }
      b.append("</tr>\n");
    }
    return b.append("</tbody>\n</table>").toString();
  }

  static String plain(Result result) {
    List<List<String>> lines = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of(""));
    header.addAll(result.columns());
    lines.add(header);
    for (int i = 0; i < result.rows().size(); i++) {
      List<String> line = new ArrayList<>(List.of(String.valueOf(i)));
      result.rows().get(i).forEach(v -> line.add(Result.text(v)));
      lines.add(line);
    }
    int[] widths = new int[header.size()];
    for (List<String> line : lines) {
      for (int c = 0; c < line.size(); c++) {
        widths[c] = Math.max(widths[c], line.get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (List<String> line : lines) {
      for (int c = 0; c < line.size(); c++) {
        b.append(c == 0 ? "" : "  ").append(" ".repeat(widths[c] - line.get(c).length())).append(line.get(c));
      }
      b.append('\n');
    }
    if (result.rows().isEmpty()) {
      b.append("(no rows)\n");
    }
    return b.toString().stripTrailing();
  }

  static String escape(String text) {
    return StringEscapeUtils.escapeHtml4(text);
  }
}
