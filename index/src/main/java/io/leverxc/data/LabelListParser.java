package io.leverxc.data;

import java.nio.file.Path;
import java.util.Arrays;

/** Parses the comma-separated label ids that start a line of the BoW format. */
final class LabelListParser {
  private int[] ids = new int[16];
  private float[] ones = new float[16];
  private int[] columns = new int[16];
  private int count;

  int[] ids() {
    return ids;
  }

  /** Values for the parsed labels, all 1. */
  float[] ones() {
    return ones;
  }

  int count() {
    return count;
  }

  /**
   * Parses the label list at the start of {@code line} and returns the index where the features
   * begin. A line that starts with a space or tab, or is empty, has no labels.
   */
  int parse(Path file, long lineNumber, String line, int labelCount) {
    count = 0;
    if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
      return 0;
    }
    int end = 0;
    while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != '\t') {
      end++;
    }
    if (line.lastIndexOf(':', end - 1) >= 0) {
      throw new DataFormatException(file, lineNumber, 1, "expected comma-separated label ids before the first"
          + " space, found '" + line.substring(0, end) + "'; a point without labels starts with a space");
    }
    int start = 0;
    while (start <= end) {
      int comma = line.indexOf(',', start);
      int stop = comma < 0 || comma > end ? end : comma;
      String token = line.substring(start, stop);
      int id = SparseRowParser.parseNonNegativeInt(token);
      if (id < 0) {
        throw new DataFormatException(file, lineNumber, start + 1, "label id: expected a non-negative integer,"
            + " found '" + token + "'");
      }
      if (id >= labelCount) {
        throw new DataFormatException(file, lineNumber, start + 1, "label id " + id + " out of range: expected 0 to "
            + (labelCount - 1) + " because the header's num_labels is " + labelCount);
      }
      append(id, start + 1);
      start = stop + 1;
    }
    int[] duplicate = SparseRowParser.findDuplicate(ids, count);
    if (duplicate != null) {
      throw new DataFormatException(file, lineNumber, columns[duplicate[1]], "duplicate label id "
          + ids[duplicate[1]] + " (first at column " + columns[duplicate[0]]
          + "): expected each label id at most once per line");
    }
    return end;
  }

  private void append(int id, int column) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, count * 2);
      ones = Arrays.copyOf(ones, count * 2);
      columns = Arrays.copyOf(columns, count * 2);
    }
    ids[count] = id;
    ones[count] = 1f;
    columns[count] = column;
    count++;
  }
}
