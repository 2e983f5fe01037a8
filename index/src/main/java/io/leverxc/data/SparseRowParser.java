package io.leverxc.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Parses space-separated {@code id:value} pairs of one text line into reusable arrays, naming the
 * column of every error. Shared by the XC sparse format and the BoW format.
 */
final class SparseRowParser {
  private final String idName;
  private int[] ids = new int[32];
  private float[] values = new float[32];
  private int[] columns = new int[32];
  private int count;

  /** @param idName what the ids are, for messages: "label id" or "feature id" */
  SparseRowParser(String idName) {
    this.idName = idName;
  }

  int[] ids() {
    return ids;
  }

  float[] values() {
    return values;
  }

  int count() {
    return count;
  }

  /**
   * Parses {@code text} from index {@code from} to the end.
   *
   * @param idLimit ids must lie in {@code [0, idLimit)}
   * @param limitSource where the limit comes from, for messages, for example "the header's num_cols"
   * @throws DataFormatException for a malformed pair, an id out of range, a value that is not a
   *     finite number, or an id repeated on the line
   */
  void parse(Path file, long line, String text, int from, int idLimit, String limitSource) {
    count = 0;
    int position = from;
    int length = text.length();
    while (true) {
      while (position < length && isSeparator(text.charAt(position))) {
        position++;
      }
      if (position >= length) {
        break;
      }
      int end = position;
      while (end < length && !isSeparator(text.charAt(end))) {
        end++;
      }
      int colon = text.indexOf(':', position);
      if (colon < 0 || colon >= end) {
        throw new DataFormatException(file, line, position + 1, "expected '" + idName.replace(' ', '_')
            + ":value', found '" + text.substring(position, end) + "'");
      }
      int id = parseId(file, line, position, text.substring(position, colon), idLimit, limitSource);
      float value = parseValue(file, line, colon + 1, text.substring(colon + 1, end));
      append(id, value, position + 1);
      position = end;
    }
    checkDuplicates(file, line);
  }

  private static boolean isSeparator(char c) {
    return c == ' ' || c == '\t';
  }

  private void append(int id, float value, int column) {
    if (count == ids.length) {
      ids = Arrays.copyOf(ids, count * 2);
      values = Arrays.copyOf(values, count * 2);
      columns = Arrays.copyOf(columns, count * 2);
    }
    ids[count] = id;
    values[count] = value;
    columns[count] = column;
    count++;
  }

  private int parseId(Path file, long line, int position, String text, int idLimit, String limitSource) {
    int id = parseNonNegativeInt(text);
    if (id < 0) {
      throw new DataFormatException(file, line, position + 1, idName + ": expected a non-negative integer, found '"
          + text + "'");
    }
    if (id >= idLimit) {
      throw new DataFormatException(file, line, position + 1, idName + " " + id + " out of range: expected 0 to "
          + (idLimit - 1) + " because " + limitSource + " is " + idLimit);
    }
    return id;
  }

  /** Returns the value of a string of ASCII digits, or -1 if it is empty, has other characters or overflows. */
  static int parseNonNegativeInt(String text) {
    if (text.isEmpty() || text.length() > 10) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value > Integer.MAX_VALUE ? -1 : (int) value;
  }

  /**
   * Parses a finite decimal number. Float.parseFloat alone would also take hex floats, a trailing
   * 'f' or 'd', and surrounding spaces, none of which the XC formats allow.
   */
  static float parseValue(Path file, long line, int position, String text) {
    boolean plain = !text.isEmpty();
    for (int i = 0; i < text.length() && plain; i++) {
      char c = text.charAt(i);
      plain = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
    }
    float value = Float.NaN;
    if (plain) {
      try {
        value = Float.parseFloat(text);
      } catch (NumberFormatException e) {
        value = Float.NaN;
      }
    }
    if (!Float.isFinite(value)) {
      throw new DataFormatException(file, line, position + 1, "value: expected a finite decimal number, found '"
          + text + "'");
    }
    return value;
  }

  private void checkDuplicates(Path file, long line) {
    int[] pair = findDuplicate(ids, count);
    if (pair != null) {
      throw new DataFormatException(file, line, columns[pair[1]], "duplicate " + idName + " " + ids[pair[1]]
          + " (first at column " + columns[pair[0]] + "): expected each " + idName + " at most once per line");
    }
  }

  /**
   * Returns the positions {first, second} of the first repeated id in {@code ids[0, count)}, or
   * null if all are distinct. Runs in O(count log count).
   */
  static int[] findDuplicate(int[] ids, int count) {
    if (count < 2) {
      return null;
    }
    // Sorting (id, position) pairs makes equal ids neighbours, the earlier position first.
    long[] keyed = new long[count];
    for (int i = 0; i < count; i++) {
      keyed[i] = ((long) ids[i] << 32) | i;
    }
    Arrays.sort(keyed);
    for (int i = 1; i < count; i++) {
      if ((keyed[i] >>> 32) == (keyed[i - 1] >>> 32)) {
        return new int[] {(int) keyed[i - 1], (int) keyed[i]};
      }
    }
    return null;
  }
}
