package io.leverxc.data;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * (document, label) pairs to drop from predictions before evaluation: the reciprocal pairs of
 * label-feature data sets, read from {@code *_filter_labels.txt} ({@code doc label} per line).
 */
public final class FilterPairs {
  private static final FilterPairs NONE = new FilterPairs(new LongOpenHashSet());

  private final LongOpenHashSet pairs;

  private FilterPairs(LongOpenHashSet pairs) {
    this.pairs = pairs;
  }

  /** Returns an empty filter, for data sets without filter files. */
  public static FilterPairs none() {
    return NONE;
  }

  /**
   * Reads a filter file, checking ids against the data set's shape.
   *
   * @throws DataFormatException naming file and line for a malformed or out-of-range pair
   */
  public static FilterPairs read(Path file, int documents, int labels) {
    LongOpenHashSet pairs = new LongOpenHashSet();
    long lineNumber = 0;
    try (BufferedReader reader = XcFiles.open(file)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 2) {
          throw new DataFormatException(file, lineNumber, "expected 'doc_row label_id', found '" + line + "'");
        }
        int document;
        int label;
        try {
          document = Integer.parseInt(parts[0]);
          label = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          throw new DataFormatException(file, lineNumber, "expected two integers, found '" + line + "'");
        }
        if (document < 0 || document >= documents) {
          throw new DataFormatException(
              file, lineNumber, "document row " + document + " out of range [0, " + documents + ")");
        }
        if (label < 0 || label >= labels) {
          throw new DataFormatException(
              file, lineNumber, "label id " + label + " out of range [0, " + labels + ")");
        }
        pairs.add(key(document, label));
      }
    } catch (IOException e) {
      throw XcFiles.readFailure(file, lineNumber + 1, e);
    }
    return new FilterPairs(pairs);
  }

  private static long key(int document, int label) {
    return ((long) document << 32) | (label & 0xffffffffL);
  }

  /** Returns true if the pair must be removed from predictions. */
  public boolean contains(int document, int label) {
    return !pairs.isEmpty() && pairs.contains(key(document, label));
  }

  public int size() {
    return pairs.size();
  }
}
