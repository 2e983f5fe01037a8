package io.leverxc.data;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.nio.file.Path;

/**
 * (document, label) pairs to drop from predictions before evaluation: the reciprocal pairs of
 * label-feature data sets, read from {@code *_filter_labels.txt} ({@code doc label} per line).
 */
public final class FilterPairs {
  private static final FilterPairs NONE = new FilterPairs(new LongOpenHashSet(), 0);

  private final LongOpenHashSet pairs;
  private final int maxPerDocument;

  private FilterPairs(LongOpenHashSet pairs, int maxPerDocument) {
    this.pairs = pairs;
    this.maxPerDocument = maxPerDocument;
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
    Int2IntOpenHashMap perDocument = new Int2IntOpenHashMap();
    int maxPerDocument = 0;
    try (LineReader reader = LineReader.open(file)) {
      String line;
      while ((line = reader.next()) != null) {
        String trimmed = line.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        String[] parts = trimmed.split("\\s+");
        if (parts.length != 2) {
          throw new DataFormatException(file, reader.lineNumber(), "expected two integers 'document_row label_id',"
              + " found '" + line + "'");
        }
        int documentColumn = line.indexOf(parts[0]) + 1;
        int labelColumn = line.indexOf(parts[1], documentColumn - 1 + parts[0].length()) + 1;
        int document =
            parseId(file, reader.lineNumber(), documentColumn, parts[0], "document_row", documents, "documents");
        int label = parseId(file, reader.lineNumber(), labelColumn, parts[1], "label_id", labels, "labels");
        if (pairs.add(key(document, label))) {
          maxPerDocument = Math.max(maxPerDocument, perDocument.addTo(document, 1) + 1);
        }
      }
    }
    return new FilterPairs(pairs, maxPerDocument);
  }

  private static int parseId(Path file, long line, int column, String token, String field, int limit, String itemKind) {
    int id = SparseRowParser.parseNonNegativeInt(token);
    if (id < 0) {
      throw new DataFormatException(file, line, column, field + ": expected a non-negative integer, found '"
          + token + "'");
    }
    if (id >= limit) {
      throw new DataFormatException(file, line, column, field + " " + id + " out of range: expected 0 to "
          + (limit - 1) + " because the data set has " + limit + " " + itemKind);
    }
    return id;
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

  /**
   * Returns the largest number of labels filtered for one document: a ranker that must keep k
   * labels after filtering requests this many more.
   */
  public int maxPerDocument() {
    return maxPerDocument;
  }
}
