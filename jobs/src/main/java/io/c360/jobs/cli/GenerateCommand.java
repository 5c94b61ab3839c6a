package io.c360.jobs.cli;

import io.c360.jobs.generate.GenerateSummary;
import io.c360.jobs.generate.GeneratorOptions;
import io.c360.jobs.generate.SampleGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

@Command(name = "generate", description = {
    "Writes synthetic sources for N customers (all nine sources of the contract) with ground truth in DIR/_truth.",
    "Deterministic: the same arguments give byte-identical files. Streams: memory does not grow with N."},
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:ok", "1:writing failed", "2:usage error"})
final class GenerateCommand implements Callable<Integer> {

  @Option(names = "--customers", paramLabel = "N", required = true, description = "Number of people.")
  long customers;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--dirty-rate", paramLabel = "R", defaultValue = "0.005",
      description = "Share of rows made dirty (bad dates, amounts, keys, encodings...). Default: ${DEFAULT-VALUE}.")
  double dirtyRate;

  @Option(names = "--start", paramLabel = "DATE", defaultValue = "2024-01-01",
      description = "First day of history. Default: ${DEFAULT-VALUE}.")
  LocalDate start;

  @Option(names = "--end", paramLabel = "DATE", defaultValue = "2025-12-31",
      description = "Last day of the sample (use it as --as-of). Default: ${DEFAULT-VALUE}.")
  LocalDate end;

  @Option(names = "--from", paramLabel = "DATE",
      description = "Incremental batch: fact sources only hold records after this date.")
  LocalDate from;

  @Option(names = "--holdout-days", paramLabel = "D", defaultValue = "365",
      description = "Days after --end simulated for the ground truth only. Default: ${DEFAULT-VALUE}.")
  int holdoutDays;

  @Option(names = "--json", description = "Print a JSON summary on stdout.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    GeneratorOptions options;
    try {
      options = new GeneratorOptions(customers, seed, out, dirtyRate, start, end, from, holdoutDays);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    long t0 = System.nanoTime();
    GenerateSummary summary;
    try {
      summary = SampleGenerator.generate(options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    for (Map.Entry<String, Long> e : summary.rowsPerSource().entrySet()) {
      System.err.printf(Locale.ROOT, "[generate] %-17s %,12d rows%n", e.getKey(), e.getValue());
    }
    System.err.printf(Locale.ROOT, "[generate] %,d people, %,d dirty rows, %.1f s -> %s%n", summary.persons(),
        summary.dirtyRows(), seconds, out.toAbsolutePath());
    if (json) {
      StringBuilder sb = new StringBuilder("{\"out\":\"").append(jsonEscape(out.toAbsolutePath().toString()))
          .append("\",\"persons\":").append(summary.persons()).append(",\"dirty_rows\":").append(summary.dirtyRows())
          .append(",\"seconds\":").append(String.format(Locale.ROOT, "%.3f", seconds)).append(",\"rows\":{");
      summary.rowsPerSource().forEach((k, v) -> sb.append('"').append(k).append("\":").append(v).append(','));
      if (sb.charAt(sb.length() - 1) == ',') {
        sb.setLength(sb.length() - 1);
      }
      System.out.println(sb.append("}}"));
    }
    return ExitCodes.OK;
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
