package io.c360.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Where Spark's own log goes: its warnings and errors (and, with --verbose, its INFO lines) are written to one file
 * per process instead of between c360's progress lines on stderr; with --verbose they go to stderr as well. The file
 * is env {@code C360_LOG_FILE} when set (scripts/c360 sets it, and appends XGBoost's native training lines to it),
 * else {@code <tmp>/c360-logs/c360-<time>-<pid>.log}. The command names it at the end when something was logged.
 */
final class RunLog {

  private static final String APPENDER = "c360-run-log";
  private static Path file;

  private RunLog() {
  }

  /** Sends the log to the run's file (once per process) and returns the file. */
  static synchronized Path install(boolean verbose) {
    if (file == null) {
      file = location();
      LoggerContext context = (LoggerContext) LogManager.getContext(false);
      Configuration config = context.getConfiguration();
      Appender appender = FileAppender.newBuilder().setName(APPENDER).withFileName(file.toString())
          .withAppend(true).setLayout(PatternLayout.newBuilder().withConfiguration(config)
              .withPattern("%d{yyyy-MM-dd HH:mm:ss} %p %c{1}: %m%n%ex").build())
          .setConfiguration(config).build();
      appender.start();
      config.addAppender(appender);
      LoggerConfig root = config.getRootLogger();
      root.addAppender(appender, null, null);
      if (!verbose) {
        root.removeAppender("stderr");
      }
      context.updateLoggers();
    }
    org.apache.logging.log4j.core.config.Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    return file;
  }

  /** The run's log file when something was written to it. */
  static java.util.Optional<Path> written() {
    try {
      return file != null && Files.isRegularFile(file) && Files.size(file) > 0
          ? java.util.Optional.of(file) : java.util.Optional.empty();
    } catch (IOException e) {
      return java.util.Optional.empty();
    }
  }

  private static Path location() {
    String env = System.getenv("C360_LOG_FILE");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of(System.getProperty("java.io.tmpdir"), "c360-logs",
        "c360-" + time + "-" + ProcessHandle.current().pid() + ".log");
  }
}
