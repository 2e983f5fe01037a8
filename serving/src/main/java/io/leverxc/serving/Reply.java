package io.leverxc.serving;

import java.nio.charset.StandardCharsets;

/**
 * A complete HTTP reply, built before anything is sent so that a failure while building it can
 * still become a clean error reply.
 *
 * @param status HTTP status code
 * @param contentType value of the Content-Type header
 * @param body the bytes of the body
 * @param retryAfterSeconds value of the Retry-After header, or 0 to send none
 * @param allow value of the Allow header (for 405), or null to send none
 */
record Reply(int status, String contentType, byte[] body, int retryAfterSeconds, String allow) {
  static final String JSON = "application/json";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String YAML = "application/yaml";

  static Reply json(int status, byte[] body) {
    return new Reply(status, JSON, body, 0, null);
  }

  static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8), 0, null);
  }

  Reply withRetryAfter(int seconds) {
    return new Reply(status, contentType, body, seconds, allow);
  }

  Reply withAllow(String methods) {
    return new Reply(status, contentType, body, retryAfterSeconds, methods);
  }
}
