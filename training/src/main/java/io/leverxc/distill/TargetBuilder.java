package io.leverxc.distill;

import io.leverxc.data.LabelMatrix;
import java.util.Arrays;

/**
 * Collects (row, label, value) entries in any order and builds a compressed-row matrix with the
 * labels of each row sorted. Adding the same (row, label) twice is an internal error.
 */
final class TargetBuilder {
  private final int rows;
  private final int columns;
  private int[] entryRows = new int[1024];
  private int[] entryLabels = new int[1024];
  private float[] entryValues = new float[1024];
  private int size;

  TargetBuilder(int rows, int columns) {
    this.rows = rows;
    this.columns = columns;
  }

  void add(int row, int label, float value) {
    if (size == entryRows.length) {
      int capacity = size * 2;
      entryRows = Arrays.copyOf(entryRows, capacity);
      entryLabels = Arrays.copyOf(entryLabels, capacity);
      entryValues = Arrays.copyOf(entryValues, capacity);
    }
    entryRows[size] = row;
    entryLabels[size] = label;
    entryValues[size] = value;
    size++;
  }

  LabelMatrix build() {
    int[] rowStarts = new int[rows + 1];
    for (int i = 0; i < size; i++) {
      rowStarts[entryRows[i] + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      rowStarts[r + 1] += rowStarts[r];
    }
    int[] fill = Arrays.copyOf(rowStarts, rows);
    int[] labels = new int[size];
    float[] values = new float[size];
    for (int i = 0; i < size; i++) {
      int slot = fill[entryRows[i]]++;
      labels[slot] = entryLabels[i];
      values[slot] = entryValues[i];
    }
    for (int r = 0; r < rows; r++) {
      sortRow(labels, values, rowStarts[r], rowStarts[r + 1]);
    }
    // The LabelMatrix constructor rejects a repeated label within a row.
    return new LabelMatrix(rows, columns, rowStarts, labels, values);
  }

  private static void sortRow(int[] labels, float[] values, int from, int to) {
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
}
