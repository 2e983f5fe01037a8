package io.leverxc.teacher;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.SparseVector;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds the items of label-wise batches: each item is a label (its text is the anchor) and one
 * positive drawn uniformly from the label's pool, re-drawn every time the label is used.
 *
 * <p>The pool of a label is its training documents with at least one feature, plus, when
 * {@code labelTextAsDocument} is set, the label's own text as one more document. The second
 * source gives labels without training documents a training signal: their text is pushed away
 * from the other labels of the batch. A positive is stored as an int: a document row when
 * non-negative, and {@code -(label + 1)} for the text of {@code label}.
 */
final class LabelBatchSampler {
  private final List<SparseVector> documentFeatures;
  private final List<SparseVector> labelFeatures;
  private final LabelMatrix trainLabels;
  private final int[] poolStarts;
  private final int[] poolDocuments;
  private final boolean labelTextAsDocument;
  private final int[] trainableLabels;

  LabelBatchSampler(
      List<SparseVector> documentFeatures,
      LabelMatrix trainLabels,
      List<SparseVector> labelFeatures,
      boolean labelTextAsDocument) {
    this.documentFeatures = documentFeatures;
    this.labelFeatures = labelFeatures;
    this.trainLabels = trainLabels;
    this.labelTextAsDocument = labelTextAsDocument;

    LabelMatrix labelDocuments = trainLabels.transpose();
    int labels = labelDocuments.rows();
    this.poolStarts = new int[labels + 1];
    int[] documents = new int[labelDocuments.nonZeros()];
    int size = 0;
    for (int label = 0; label < labels; label++) {
      for (int p = labelDocuments.rowStart(label); p < labelDocuments.rowEnd(label); p++) {
        int document = labelDocuments.label(p);
        if (!documentFeatures.get(document).isEmpty()) {
          documents[size++] = document;
        }
      }
      poolStarts[label + 1] = size;
    }
    this.poolDocuments = java.util.Arrays.copyOf(documents, size);

    int[] trainable = new int[labels];
    int count = 0;
    for (int label = 0; label < labels; label++) {
      boolean hasAnchor = !labelFeatures.get(label).isEmpty();
      boolean hasPositive = poolStarts[label + 1] > poolStarts[label] || labelTextAsDocument;
      if (hasAnchor && hasPositive) {
        trainable[count++] = label;
      }
    }
    this.trainableLabels = java.util.Arrays.copyOf(trainable, count);
  }

  /** Labels that can be batch items: a non-empty text and at least one positive. Ascending. */
  int[] trainableLabels() {
    return trainableLabels;
  }

  /** Draws one positive of {@code label}. */
  int drawPositive(int label, SplittableRandom random) {
    int start = poolStarts[label];
    int documents = poolStarts[label + 1] - start;
    int choices = documents + (labelTextAsDocument ? 1 : 0);
    int choice = random.nextInt(choices);
    return choice < documents ? poolDocuments[start + choice] : -(label + 1);
  }

  /** Features of a positive as returned by {@link #drawPositive}. */
  SparseVector positiveFeatures(int positive) {
    return positive >= 0 ? documentFeatures.get(positive) : labelFeatures.get(-(positive + 1));
  }

  /** Features of a label's text, the anchor. */
  SparseVector anchorFeatures(int label) {
    return labelFeatures.get(label);
  }

  /**
   * Returns whether {@code positive} must not serve as a negative of {@code label}: it is one of
   * the label's documents, or it has exactly the label's text. The second case covers label-feature
   * data sets where a document and a label are the same item; scoring its text against itself as a
   * negative would only add a constant violation.
   */
  boolean isPositive(int label, int positive) {
    if (positive < 0) {
      int textLabel = -(positive + 1);
      return textLabel == label || labelFeatures.get(textLabel).equals(labelFeatures.get(label));
    }
    return trainLabels.contains(positive, label) || documentFeatures.get(positive).equals(labelFeatures.get(label));
  }
}
