package io.leverxc.serving;

/**
 * A request that the server rejects with a 4xx or 503 status. The handler turns it into the JSON
 * error body {@code {"error": {"status", "code", "field", "rule", "message"}}}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String field;
  private final String rule;

  /**
   * @param status HTTP status code
   * @param code stable machine-readable error code, such as {@code invalid_field}
   * @param field request field at fault, or null when the error concerns no single field
   * @param rule the rule the request broke, such as {@code "integer in [1, 1000]"}, or null
   * @param message a sentence for a person: what failed, on which value, what to do
   */
  ApiException(int status, String code, String field, String rule, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.rule = rule;
  }

  static ApiException invalidField(String field, String rule, String found) {
    return new ApiException(
        400, "invalid_field", field, rule, "Field '" + field + "' must be " + rule + ", found " + found + ".");
  }

  static ApiException missingField(String field, String rule) {
    return new ApiException(400, "missing_field", field, rule, "Field '" + field + "' is missing; it must be " + rule + ".");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  String field() {
    return field;
  }

  String rule() {
    return rule;
  }
}
