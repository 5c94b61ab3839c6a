package io.c360.jobs.generate;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link SampleGenerator#generate(GeneratorOptions)} wrote.
 *
 * @param rowsPerSource data rows (header excluded, injected duplicate rows included) per source, in source order
 * @param dirtyRows     rows listed in {@code _truth/dirty.csv}, including the non-error kind {@code emoji_text}
 * @param persons       simulated persons (the {@code customers} option); some may have no record before {@code end}
 * @param out           the output folder
 */
public record GenerateSummary(Map<String, Long> rowsPerSource, long dirtyRows, long persons, Path out) {

  /** Copies the map so the summary stays immutable; its iteration order is kept. */
  public GenerateSummary {
    rowsPerSource = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerSource));
  }

  /** Data rows of all sources together. */
  public long totalRows() {
    return rowsPerSource.values().stream().mapToLong(Long::longValue).sum();
  }
}
