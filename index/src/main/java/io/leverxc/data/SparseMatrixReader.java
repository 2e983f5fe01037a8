package io.leverxc.data;

import java.nio.file.Path;

/**
 * Reads the XC repository's sparse text format: a header {@code num_rows num_cols}, then one line
 * per row of space-separated {@code col:value} pairs (0-based; an empty line is an empty row).
 */
public final class SparseMatrixReader {
  private SparseMatrixReader() {}

  /**
   * Reads a whole matrix.
   *
   * <p>When the file ends with a newline right after the second-to-last row, the missing last row
   * is taken as empty, because writers that join rows with newlines leave no line for it. Blank
   * lines after the last row are ignored.
   *
   * @throws DataFormatException naming file, line and column for a malformed header or entry, an
   *     id out of range, a repeated label on a line, or a row count that disagrees with the header
   */
  public static LabelMatrix read(Path file) {
    return read(file, false);
  }

  /**
   * Reads a label file, such as trn_X_Y.txt, as {@link #read} does, and also rejects a pair whose
   * value is 0 or negative. A label file lists the labels of each row, and pyxclib's metrics
   * multiply by the stored value, so such a pair would be a label to one tool and none to another.
   *
   * @throws DataFormatException as {@link #read} does, and for a value that is not positive
   */
  public static LabelMatrix readLabels(Path file) {
    return read(file, true);
  }

  private static LabelMatrix read(Path file, boolean positiveValues) {
    try (LineReader reader = LineReader.open(file)) {
      String header = reader.next();
      if (header == null) {
        throw new DataFormatException(file, 0, "empty file: expected a header 'num_rows num_cols'");
      }
      int[] shape = parseHeader(file, header);
      int rows = shape[0];
      int columns = shape[1];
      LabelMatrix.Builder builder = new LabelMatrix.Builder(columns);
      SparseRowParser parser = new SparseRowParser("label id");
      String line;
      while ((line = reader.next()) != null) {
        if (builder.rows() == rows) {
          if (line.isBlank()) {
            continue;
          }
          throw new DataFormatException(file, reader.lineNumber(), "row " + (rows + 1) + " found, but the header"
              + " declares num_rows = " + rows + ": expected end of file");
        }
        parser.parse(file, reader.lineNumber(), line, 0, columns, "the header's num_cols");
        if (positiveValues) {
          checkPositive(file, reader.lineNumber(), parser);
        }
        builder.addRow(parser.ids(), parser.values(), parser.count());
      }
      if (builder.rows() == rows - 1 && reader.lastLineTerminated()) {
        builder.addRow(parser.ids(), parser.values(), 0);
      }
      if (builder.rows() != rows) {
        throw new DataFormatException(file, 1, "header declares num_rows = " + rows + ", but the file has "
            + builder.rows() + " rows (it ends at line " + reader.lineNumber() + ")");
      }
      return builder.build();
    }
  }

  /** Rejects a pair of the last parsed row whose value is 0 or negative. */
  private static void checkPositive(Path file, long line, SparseRowParser parser) {
    for (int i = 0; i < parser.count(); i++) {
      float value = parser.values()[i];
      if (!(value > 0f)) {
        throw new DataFormatException(file, line, "label " + parser.ids()[i] + " has a value of 0 or below (read as "
            + value + "): expected a positive value, because each pair marks a label of the row; remove the pair to"
            + " leave the label out");
      }
    }
  }

  static int[] parseHeader(Path file, String header) {
    String[] parts = header.trim().split("\\s+");
    if (parts.length != 2) {
      throw new DataFormatException(
          file, 1, "expected header 'num_rows num_cols', found '" + header + "'");
    }
    int rows = parseCount(file, parts[0], "num_rows");
    int columns = parseCount(file, parts[1], "num_cols");
    return new int[] {rows, columns};
  }

  /** Parses one header count, a non-negative int, naming {@code field} on error. */
  static int parseCount(Path file, String text, String field) {
    int value = SparseRowParser.parseNonNegativeInt(text);
    if (value < 0) {
      throw new DataFormatException(
          file, 1, "header field " + field + ": expected an integer from 0 to " + Integer.MAX_VALUE + ", found '"
              + text + "'");
    }
    return value;
  }
}
