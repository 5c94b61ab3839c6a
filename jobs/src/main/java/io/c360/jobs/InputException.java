package io.c360.jobs;

/** Input the user must fix (a missing column, an unreadable path, an empty source): exit code 2. */
public class InputException extends RuntimeException {
  public InputException(String message) {
    super(message);
  }

  public InputException(String message, Throwable cause) {
    super(message, cause);
  }
}
