package io.c360.jobs.cli;

import java.time.LocalDate;
import java.time.ZoneOffset;
import picocli.CommandLine.Option;

/** The as-of date a job computes for. */
public final class AsOfOption {

  @Option(names = "--as-of", paramLabel = "DATE",
      description = "As-of date (yyyy-MM-dd). Default: today (UTC).")
  LocalDate asOf;

  LocalDate value() {
    return asOf != null ? asOf : LocalDate.now(ZoneOffset.UTC);
  }
}
