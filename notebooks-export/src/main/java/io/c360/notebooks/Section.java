package io.c360.notebooks;

/**
 * One query as the report shows it: its result and chart, or why it is missing.
 *
 * @param result  null when missing
 * @param png     the chart; null without a chart or without rows
 * @param missing why there is no result (a table is not in the lake), else null
 */
public record Section(Query query, Result result, byte[] png, String missing) {
}
