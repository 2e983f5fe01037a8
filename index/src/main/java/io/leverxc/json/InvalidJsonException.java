package io.leverxc.json;

/**
 * Error for input that is not exactly one valid JSON value. The message starts with "invalid JSON",
 * gives the line and column of the error when the parser reports them, and names no parser class
 * or setting, so callers can show it to users unchanged.
 */
public final class InvalidJsonException extends Exception {
  private static final long serialVersionUID = 1L;

  InvalidJsonException(String message) {
    super(message);
  }

  InvalidJsonException(String message, Throwable cause) {
    super(message, cause);
  }
}
