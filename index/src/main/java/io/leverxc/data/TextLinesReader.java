package io.leverxc.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads one raw text per line ({@code trn_X.txt}, {@code tst_X.txt}, {@code Y.txt}). */
public final class TextLinesReader {
  private TextLinesReader() {}

  /**
   * Reads every line of {@code file}.
   *
   * @param expectedLines the number of lines the paired label file declares, or -1 to accept any
   * @throws DataFormatException if the file is missing, not UTF-8, or has a different line count
   */
  public static List<String> read(Path file, int expectedLines) {
    List<String> lines = new ArrayList<>(Math.max(16, expectedLines));
    long lineNumber = 0;
    try (BufferedReader reader = XcFiles.open(file)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        lines.add(line);
      }
    } catch (IOException e) {
      throw XcFiles.readFailure(file, lineNumber + 1, e);
    }
    if (expectedLines >= 0 && lines.size() != expectedLines) {
      throw new DataFormatException(
          file, 0, "expected " + expectedLines + " lines (one text per row), found " + lines.size());
    }
    return lines;
  }
}
