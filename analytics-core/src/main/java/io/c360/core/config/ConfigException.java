package io.c360.core.config;

/** A configuration problem the user must fix; the message names the key and the value. */
public class ConfigException extends IllegalArgumentException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
