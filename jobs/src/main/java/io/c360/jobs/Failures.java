package io.c360.jobs;

import java.util.Optional;

/** Finding what a failure was about, through Spark's wrapping (a task's exception arrives as its cause). */
public final class Failures {

  private Failures() {
  }

  /** The first throwable of the type in the cause chain, the throwable itself included. */
  public static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }
}
