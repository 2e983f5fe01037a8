package io.leverxc.serving;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures the log lines that slf4j-simple, the tests' SLF4J binding, writes while an action runs.
 * slf4j-simple looks up System.err for every line, so replacing System.err redirects it. Lines
 * that other threads log meanwhile are captured too.
 */
final class LogCapture {
  private LogCapture() {}

  /** An action's result and the log lines written while it ran. */
  record Captured<T>(T result, String log) {}

  @FunctionalInterface
  interface Action<T> {
    T run() throws Exception;
  }

  static <T> Captured<T> during(Action<T> action) throws Exception {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      T result = action.run();
      return new Captured<>(result, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(originalErr);
    }
  }
}
