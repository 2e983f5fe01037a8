package io.leverxc.model;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.SparseVector;

/**
 * One-vs-all linear classifiers on the sparse TF-IDF features: label {@code l} scores a document's
 * features {@code x} with the logit {@code w_l · x + b_l}, where {@code w_l} is row {@code l} of
 * {@code weights}. Each row stores only the features that the label's training documents and label
 * text contain, so a label costs memory in proportion to its vocabulary, not to the feature count.
 * These weights see exact word cues that the dense embeddings blur.
 *
 * @param weights labels × feature dimension; row {@code l} lists label {@code l}'s feature ids,
 *     strictly increasing, with their weights
 * @param biases one bias per label
 */
public record SparseClassifiers(LabelMatrix weights, float[] biases) {
  public SparseClassifiers {
    if (weights.rows() != biases.length) {
      throw new IllegalArgumentException(
          "sparse weights have " + weights.rows() + " label rows but there are " + biases.length + " biases");
    }
  }

  public int labelCount() {
    return biases.length;
  }

  /** Returns the number of feature ids the weights cover, the featurizer's dimension. */
  public int featureDimension() {
    return weights.columns();
  }

  /** Returns the number of stored weights over all labels. */
  public int nonZeros() {
    return weights.nonZeros();
  }

  /**
   * Returns the logit {@code w_l · x + b_l} of one label. Each document feature is looked up by
   * binary search in the label's row, from just after the previous match, because both lists are
   * sorted. A document has tens of features and a frequent label tens of thousands, so this costs
   * far less than a merge of the two lists. A feature without a weight adds nothing.
   */
  public float logit(int label, SparseVector features) {
    int low = weights.rowStart(label);
    int end = weights.rowEnd(label);
    float sum = 0f;
    for (int entry = 0; entry < features.size() && low < end; entry++) {
      int position = find(features.index(entry), low, end);
      if (position >= 0) {
        sum += weights.value(position) * features.value(entry);
        low = position + 1;
      } else {
        low = -position - 1;
      }
    }
    return sum + biases[label];
  }

  /** Returns the position of {@code feature} in {@code [from, to)}, or {@code −(insertion point) − 1}. */
  private int find(int feature, int from, int to) {
    int low = from;
    int high = to - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      int value = weights.label(middle);
      if (value < feature) {
        low = middle + 1;
      } else if (value > feature) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -low - 1;
  }
}
