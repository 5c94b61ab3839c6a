package io.c360.core.clv;

/** A model fit that did not converge or gave non-finite values; the message says what to try. */
public class ClvFitException extends RuntimeException {
  public ClvFitException(String message) {
    super(message);
  }
}
