package io.leverxc.data;

import java.io.BufferedReader;
import java.io.IOException;
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
   * @throws DataFormatException naming file, line and column for a malformed header or entry, an
   *     id out of range, a repeated label on a line, or a row count that disagrees with the header
   */
  public static LabelMatrix read(Path file) {
    long lineNumber = 1;
    try (BufferedReader reader = XcFiles.open(file)) {
      String header = reader.readLine();
      if (header == null) {
        throw new DataFormatException(file, 1, "empty file; expected a header 'num_rows num_cols'");
      }
      int[] shape = parseHeader(file, header);
      int rows = shape[0];
      int columns = shape[1];
      LabelMatrix.Builder builder = new LabelMatrix.Builder(columns);
      int[] labels = new int[32];
      float[] values = new float[32];
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (builder.rows() == rows) {
          if (line.isBlank()) {
            continue;
          }
          throw new DataFormatException(
              file, lineNumber, "more rows than the header's " + rows + "; expected end of file");
        }
        int count = 0;
        int position = 0;
        int length = line.length();
        while (position < length) {
          while (position < length && line.charAt(position) == ' ') {
            position++;
          }
          if (position >= length) {
            break;
          }
          int end = line.indexOf(' ', position);
          if (end < 0) {
            end = length;
          }
          if (count == labels.length) {
            labels = java.util.Arrays.copyOf(labels, count * 2);
            values = java.util.Arrays.copyOf(values, count * 2);
          }
          int colon = line.indexOf(':', position);
          if (colon < 0 || colon >= end) {
            throw new DataFormatException(
                file, lineNumber, "column " + (position + 1) + ": expected 'label:value', found '"
                    + line.substring(position, end) + "'");
          }
          int label = parseIndex(file, lineNumber, position, line.substring(position, colon));
          if (label >= columns) {
            throw new DataFormatException(
                file, lineNumber, "column " + (position + 1) + ": label id " + label
                    + " out of range; the header declares " + columns + " labels (ids 0 to " + (columns - 1) + ")");
          }
          float value = parseValue(file, lineNumber, colon + 2, line.substring(colon + 1, end));
          labels[count] = label;
          values[count] = value;
          count++;
          position = end;
        }
        try {
          builder.addRow(labels, values, count);
        } catch (IllegalArgumentException e) {
          throw new DataFormatException(file, lineNumber, e.getMessage() + "; each label may appear once per line", e);
        }
      }
      if (builder.rows() != rows) {
        // A trailing empty row has no line of its own when the file lacks a final newline.
        while (builder.rows() < rows && builder.rows() == rows - 1 && lineNumber == rows) {
          builder.addRow(labels, values, 0);
        }
        if (builder.rows() != rows) {
          throw new DataFormatException(
              file, 0, "header declares " + rows + " rows, found " + builder.rows());
        }
      }
      return builder.build();
    } catch (IOException e) {
      throw XcFiles.readFailure(file, lineNumber, e);
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

  private static int parseCount(Path file, String text, String field) {
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          file, 1, "header field " + field + ": expected a non-negative integer, found '" + text + "'");
    }
  }

  private static int parseIndex(Path file, long line, int position, String text) {
    try {
      int value = Integer.parseInt(text);
      if (value < 0) {
        throw new DataFormatException(
            file, line, "column " + (position + 1) + ": negative label id " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          file, line, "column " + (position + 1) + ": expected an integer label id, found '" + text + "'");
    }
  }

  private static float parseValue(Path file, long line, int column, String text) {
    try {
      float value = Float.parseFloat(text);
      if (!Float.isFinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new DataFormatException(
          file, line, "column " + column + ": expected a finite number, found '" + text + "'");
    }
  }
}
