package io.c360.jobs.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that touches the lake shares. */
public final class CommonOptions {

  @Option(names = "--conf", paramLabel = "FILE",
      description = "Configuration file (HOCON). Default: conf/local.conf when present, else built-in defaults.")
  Path conf;

  @Option(names = "--lake", paramLabel = "DIR",
      description = "Lake folder. Default: env C360_LAKE, else c360.lake.path from the conf (./lake).")
  Path lake;

  @Option(names = {"-v", "--verbose"}, description = "Show Spark's log output and full stack traces.")
  boolean verbose;
}
