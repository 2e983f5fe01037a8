package io.leverxc.data;

import io.leverxc.vector.SparseVector;

/**
 * A sparse documents × labels matrix in compressed-row form, the in-memory shape of
 * {@code trn_X_Y.txt}: row {@code i} lists the labels of document {@code i} with their values.
 *
 * <p>Immutable. Within a row, label ids are strictly increasing.
 */
public final class LabelMatrix {
  private final int rows;
  private final int columns;
  private final int[] rowStarts;
  private final int[] labels;
  private final float[] values;

  /**
   * Wraps compressed-row arrays without copying them.
   *
   * @param rowStarts length {@code rows + 1}; row {@code i} occupies {@code [rowStarts[i], rowStarts[i+1])}
   * @throws IllegalArgumentException if the arrays are inconsistent with the shape
   */
  public LabelMatrix(int rows, int columns, int[] rowStarts, int[] labels, float[] values) {
    if (rows < 0 || columns < 0) {
      throw new IllegalArgumentException("negative shape " + rows + "x" + columns);
    }
    if (rowStarts.length != rows + 1 || rowStarts[0] != 0 || rowStarts[rows] != labels.length) {
      throw new IllegalArgumentException("row starts do not describe " + rows + " rows of " + labels.length + " entries");
    }
    if (labels.length != values.length) {
      throw new IllegalArgumentException("labels and values differ in length");
    }
    for (int r = 0; r < rows; r++) {
      for (int p = rowStarts[r]; p < rowStarts[r + 1]; p++) {
        int label = labels[p];
        if (label < 0 || label >= columns) {
          throw new IllegalArgumentException("row " + r + ": label " + label + " outside [0, " + columns + ")");
        }
        if (p > rowStarts[r] && label <= labels[p - 1]) {
          throw new IllegalArgumentException("row " + r + ": labels not strictly increasing at " + label);
        }
      }
    }
    this.rows = rows;
    this.columns = columns;
    this.rowStarts = rowStarts;
    this.labels = labels;
    this.values = values;
  }

  /** Number of documents. */
  public int rows() {
    return rows;
  }

  /** Number of labels. */
  public int columns() {
    return columns;
  }

  /** Number of stored (document, label) entries. */
  public int nonZeros() {
    return labels.length;
  }

  public int rowStart(int row) {
    return rowStarts[row];
  }

  public int rowEnd(int row) {
    return rowStarts[row + 1];
  }

  public int rowSize(int row) {
    return rowStarts[row + 1] - rowStarts[row];
  }

  /** Label id stored at a position in the entry arrays. */
  public int label(int position) {
    return labels[position];
  }

  /** Value stored at a position in the entry arrays. */
  public float value(int position) {
    return values[position];
  }

  /** Returns one row as a sparse vector (copies). */
  public SparseVector row(int row) {
    int start = rowStarts[row];
    int end = rowStarts[row + 1];
    return SparseVector.of(
        java.util.Arrays.copyOfRange(labels, start, end), java.util.Arrays.copyOfRange(values, start, end));
  }

  /** Returns true if document {@code row} has label {@code label}. */
  public boolean contains(int row, int label) {
    return java.util.Arrays.binarySearch(labels, rowStarts[row], rowStarts[row + 1], label) >= 0;
  }

  /** Returns the largest label id present in any row, or -1 for a matrix without entries. */
  public int largestLabel() {
    int largest = -1;
    for (int label : labels) {
      largest = Math.max(largest, label);
    }
    return largest;
  }

  /** Returns the number of documents of each label (column counts of non-zero entries). */
  public int[] labelFrequencies() {
    int[] counts = new int[columns];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** Returns the transpose: row {@code l} lists the documents of label {@code l}. */
  public LabelMatrix transpose() {
    int[] counts = labelFrequencies();
    int[] starts = new int[columns + 1];
    for (int l = 0; l < columns; l++) {
      starts[l + 1] = starts[l] + counts[l];
    }
    int[] fill = java.util.Arrays.copyOf(starts, columns);
    int[] documents = new int[labels.length];
    float[] transposedValues = new float[labels.length];
    for (int r = 0; r < rows; r++) {
      for (int p = rowStarts[r]; p < rowStarts[r + 1]; p++) {
        int slot = fill[labels[p]]++;
        documents[slot] = r;
        transposedValues[slot] = values[p];
      }
    }
    return new LabelMatrix(columns, rows, starts, documents, transposedValues);
  }

  /** Builds a matrix row by row; rows may arrive with unsorted labels, which are sorted on add. */
  public static final class Builder {
    private final int columns;
    private int rows;
    private int[] rowStarts = new int[16];
    private int[] labels = new int[64];
    private float[] values = new float[64];
    private int size;

    public Builder(int columns) {
      this.columns = columns;
    }

    /**
     * Appends one row.
     *
     * @throws IllegalArgumentException if a label is out of range or repeated
     */
    public Builder addRow(int[] rowLabels, float[] rowValues, int count) {
      if (rows + 2 > rowStarts.length) {
        rowStarts = java.util.Arrays.copyOf(rowStarts, rowStarts.length * 2);
      }
      if (size + count > labels.length) {
        int capacity = Math.max(labels.length * 2, size + count);
        labels = java.util.Arrays.copyOf(labels, capacity);
        values = java.util.Arrays.copyOf(values, capacity);
      }
      System.arraycopy(rowLabels, 0, labels, size, count);
      System.arraycopy(rowValues, 0, values, size, count);
      sortRow(size, size + count);
      for (int p = size; p < size + count; p++) {
        if (labels[p] < 0 || labels[p] >= columns) {
          throw new IllegalArgumentException("label " + labels[p] + " outside [0, " + columns + ")");
        }
        if (p > size && labels[p] == labels[p - 1]) {
          throw new IllegalArgumentException("label " + labels[p] + " appears twice in row " + rows);
        }
      }
      size += count;
      rows++;
      rowStarts[rows] = size;
      return this;
    }

    private void sortRow(int from, int to) {
      // Insertion sort: label rows are short (tens of entries).
      for (int i = from + 1; i < to; i++) {
        int label = labels[i];
        float value = values[i];
        int j = i - 1;
        while (j >= from && labels[j] > label) {
          labels[j + 1] = labels[j];
          values[j + 1] = values[j];
          j--;
        }
        labels[j + 1] = label;
        values[j + 1] = value;
      }
    }

    public int rows() {
      return rows;
    }

    public LabelMatrix build() {
      return new LabelMatrix(
          rows,
          columns,
          java.util.Arrays.copyOf(rowStarts, rows + 1),
          java.util.Arrays.copyOf(labels, size),
          java.util.Arrays.copyOf(values, size));
    }
  }
}
