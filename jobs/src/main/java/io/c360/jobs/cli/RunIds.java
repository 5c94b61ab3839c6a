package io.c360.jobs.cli;

import io.c360.jobs.JobContext;
import io.c360.jobs.Progress;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the context of a run: a fresh run id, the as-of date and the sources folder. */
final class RunIds {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private RunIds() {
  }

  static JobContext context(Workspace ws, LocalDate asOf, Path sources, Progress progress) {
    String runId = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + "-"
        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
    return new JobContext(ws.spark, ws.lake, ws.config, asOf, runId, sources, progress);
  }
}
