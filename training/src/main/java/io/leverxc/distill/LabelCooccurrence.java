package io.leverxc.distill;

import io.leverxc.data.LabelMatrix;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;

/**
 * Soft targets for the appended label-text rows from label co-occurrence in the training data:
 * the row of label {@code l} gets target {@code P(l' | l)}, the share of {@code l}'s training
 * documents that also carry {@code l'}, wherever that share reaches a threshold.
 *
 * <p>Without it, a label-text row is a negative for every other label. In a hierarchy (a WordNet
 * synset and its ancestors, a product category and its parents) that teaches the classifiers of
 * the ancestors that the label's own text is irrelevant to them, which costs precision on head
 * labels. The empirical conditional is a low-variance estimate of that relevance for labels with
 * enough documents, in the spirit of LEVER's soft targets.
 */
public final class LabelCooccurrence {
  private LabelCooccurrence() {}

  /**
   * Returns {@code targets} with co-occurrence entries added to the label rows (rows
   * {@code originalRows + l}); an existing entry keeps the larger of the two values.
   *
   * @param trainLabels the binary training labels the co-occurrence is counted on
   * @param threshold minimum share in (0, 1]; labels with fewer than {@code minDocuments}
   *     documents get no entries, because their shares are too noisy
   * @throws IllegalArgumentException if the targets have no label rows or the threshold is out of range
   */
  public static LabelMatrix addTo(
      LabelMatrix targets, int originalRows, LabelMatrix trainLabels, float threshold, int minDocuments) {
    int labels = trainLabels.columns();
    if (!(threshold > 0f && threshold <= 1f)) {
      throw new IllegalArgumentException("co-occurrence threshold must be in (0, 1], got " + threshold);
    }
    if (targets.rows() != originalRows + labels) {
      throw new IllegalArgumentException(
          "targets have " + targets.rows() + " rows, expected " + originalRows + " documents + " + labels + " label rows");
    }
    LabelMatrix byLabel = trainLabels.transpose();
    LabelMatrix.Builder builder = new LabelMatrix.Builder(labels);
    int[] rowLabels = new int[16];
    float[] rowValues = new float[16];
    for (int row = 0; row < targets.rows(); row++) {
      Int2IntOpenHashMap counts = new Int2IntOpenHashMap();
      int label = row - originalRows;
      int documents = label >= 0 ? byLabel.rowSize(label) : 0;
      if (label >= 0 && documents >= minDocuments) {
        for (int p = byLabel.rowStart(label); p < byLabel.rowEnd(label); p++) {
          int document = byLabel.label(p);
          for (int q = trainLabels.rowStart(document); q < trainLabels.rowEnd(document); q++) {
            int other = trainLabels.label(q);
            if (other != label) {
              counts.addTo(other, 1);
            }
          }
        }
      }
      int size = 0;
      Int2IntOpenHashMap positions = new Int2IntOpenHashMap();
      for (int p = targets.rowStart(row); p < targets.rowEnd(row); p++) {
        if (size == rowLabels.length) {
          rowLabels = java.util.Arrays.copyOf(rowLabels, size * 2);
          rowValues = java.util.Arrays.copyOf(rowValues, size * 2);
        }
        positions.put(targets.label(p), size);
        rowLabels[size] = targets.label(p);
        rowValues[size++] = targets.value(p);
      }
      for (var entry : counts.int2IntEntrySet()) {
        float share = entry.getIntValue() / (float) documents;
        if (share < threshold) {
          continue;
        }
        int other = entry.getIntKey();
        if (positions.containsKey(other)) {
          int position = positions.get(other);
          rowValues[position] = Math.max(rowValues[position], share);
          continue;
        }
        if (size == rowLabels.length) {
          rowLabels = java.util.Arrays.copyOf(rowLabels, size * 2);
          rowValues = java.util.Arrays.copyOf(rowValues, size * 2);
        }
        rowLabels[size] = other;
        rowValues[size++] = share;
      }
      builder.addRow(rowLabels, rowValues, size);
    }
    return builder.build();
  }
}
