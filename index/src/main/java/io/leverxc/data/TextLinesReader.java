package io.leverxc.data;

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
    try (LineReader reader = LineReader.open(file)) {
      String line;
      while ((line = reader.next()) != null) {
        lines.add(line);
      }
    }
    if (expectedLines > 0 && lines.isEmpty()) {
      throw new DataFormatException(file, 0, "empty file: expected " + expectedLines + " lines, one text per row");
    }
    if (expectedLines >= 0 && lines.size() != expectedLines) {
      throw new DataFormatException(file, 0, "expected " + expectedLines
          + " lines (one text per row of the matching label matrix), found " + lines.size());
    }
    return lines;
  }
}
