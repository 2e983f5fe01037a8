package io.leverxc.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.function.Executable;

/** Assertions and file helpers shared by the reader tests. */
final class FormatErrors {
  private FormatErrors() {}

  /**
   * Asserts that {@code read} throws a DataFormatException at the given position whose message
   * starts with {@code file:line:column:} and contains every fragment.
   */
  static DataFormatException assertFails(Executable read, Path file, long line, int column, String... fragments) {
    DataFormatException error = assertThrows(DataFormatException.class, read);
    String message = error.getMessage();
    assertEquals(file, error.file(), message);
    assertEquals(line, error.line(), message);
    assertEquals(column, error.column(), message);
    String location = file.toString();
    if (line > 0) {
      location += ":" + line;
    }
    if (column > 0) {
      location += ":" + column;
    }
    String prefix = location + ": ";
    assertTrue(message.startsWith(prefix), () -> "expected prefix '" + prefix + "' in: " + message);
    for (String fragment : fragments) {
      assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in: " + message);
    }
    return error;
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    }
    return bytes.toByteArray();
  }

  static Path writeGzip(Path file, String content) throws IOException {
    return Files.write(file, gzip(content.getBytes(StandardCharsets.UTF_8)));
  }
}
