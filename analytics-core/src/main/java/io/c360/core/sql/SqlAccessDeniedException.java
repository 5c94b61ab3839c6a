package io.c360.core.sql;

/** A statement refused by c360's SQL access rules; the message says what and why. */
public class SqlAccessDeniedException extends RuntimeException {
  public SqlAccessDeniedException(String message) {
    super(message);
  }
}
