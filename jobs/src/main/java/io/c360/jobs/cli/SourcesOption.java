package io.c360.jobs.cli;

import io.c360.core.config.C360Config;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The folder of the raw sources a command reads. */
public final class SourcesOption {

  @Option(names = "--sources", paramLabel = "DIR",
      description = "Folder of the raw sources (one sub-folder per source). Default: c360.input-dir from the conf "
          + "(./sample).")
  Path sources;

  Path value(C360Config config) {
    return (sources != null ? sources : Path.of(config.inputDir())).toAbsolutePath().normalize();
  }
}
