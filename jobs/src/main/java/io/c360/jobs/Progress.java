package io.c360.jobs;

import java.io.PrintStream;
import java.util.Locale;

/** One readable line per stage on stderr, so stdout stays free for results. */
public final class Progress {

  private final PrintStream out;
  private final boolean quiet;

  public Progress(PrintStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  public static Progress stderr() {
    return new Progress(System.err, false);
  }

  public static Progress silent() {
    return new Progress(System.err, true);
  }

  public void line(String job, String message) {
    if (!quiet) {
      out.println("[" + job + "] " + message);
    }
  }

  public void stage(String job, String stage, long rowsIn, long rowsOut, long startNanos) {
    line(job, String.format(Locale.ROOT, "%s: %,d rows in, %,d rows out (%.1f s)", stage, rowsIn, rowsOut,
        (System.nanoTime() - startNanos) / 1e9));
  }
}
