package io.leverxc.model;

import io.leverxc.ann.TopK;
import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.SparseVector;

/**
 * Finds the labels with the highest sparse classifier logit over all labels. It keeps the weights
 * transposed to one row per feature, so a document costs the number of weights on its features
 * plus one heap offer per label, not a lookup per label and feature. The transposed copy takes as
 * much memory as the weights themselves.
 */
public final class SparseLabelSearch {
  private final SparseClassifiers sparse;
  private final LabelMatrix byFeature;

  public SparseLabelSearch(SparseClassifiers sparse) {
    this.sparse = sparse;
    this.byFeature = sparse.weights().transpose();
  }

  /**
   * Returns up to {@code count} label ids with the highest logit, best first, the smaller id first
   * on a tie. The logits equal {@link SparseClassifiers#logit} up to float rounding, because the
   * bias is added first rather than last. Features without weights add nothing.
   */
  public int[] search(SparseVector features, int count) {
    float[] logits = sparse.biases().clone();
    for (int i = 0; i < features.size(); i++) {
      int feature = features.index(i);
      if (feature >= byFeature.rows()) {
        continue;
      }
      float value = features.value(i);
      for (int p = byFeature.rowStart(feature); p < byFeature.rowEnd(feature); p++) {
        logits[byFeature.label(p)] += byFeature.value(p) * value;
      }
    }
    TopK top = new TopK(Math.min(count, logits.length));
    for (int label = 0; label < logits.length; label++) {
      top.offer(label, logits[label]);
    }
    return top.toNeighbors().ids();
  }
}
