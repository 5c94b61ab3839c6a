package io.c360.core.quality;

/** Error stops the run before anything downstream is published; Warning is recorded only. */
public enum Level {
  ERROR, WARNING;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
