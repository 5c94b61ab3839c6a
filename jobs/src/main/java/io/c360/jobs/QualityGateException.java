package io.c360.jobs;

/** An Error-level data-quality check failed: nothing downstream is published (exit code 3). */
public class QualityGateException extends RuntimeException {
  public QualityGateException(String message) {
    super(message);
  }
}
