package io.leverxc.pipeline;

import io.leverxc.ann.TopK;
import io.leverxc.classifier.RankingQuality;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.vector.SparseVector;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ranks every label by the sparse classifiers' logit alone, with no shortlist and no dense term,
 * to measure how well the sparse term ranks on its own. The fused scorer never ranks this way.
 *
 * <p>The logits come from the weights transposed to one row per feature, so a document costs the
 * number of weights on its features rather than a lookup per label and feature.
 */
final class SparseRanking {
  private final SparseClassifiers sparse;
  private final LabelMatrix byFeature;

  SparseRanking(SparseClassifiers sparse) {
    this.sparse = sparse;
    this.byFeature = sparse.weights().transpose();
  }

  /**
   * Returns P@1, P@5, PSP@5 and C@5 of the sparse-only ranking of each document.
   *
   * @param features TF-IDF features of the documents, row for row with {@code truth}
   * @param inversePropensities per-label weights of PSP@5, from the training labels
   */
  RankingQuality quality(List<SparseVector> features, LabelMatrix truth, float[] inversePropensities) {
    int[][] ranked = new int[features.size()][];
    IntStream.range(0, features.size()).parallel().forEach(row -> ranked[row] = topLabels(features.get(row)));
    RankingQuality quality = new RankingQuality(truth, inversePropensities);
    for (int row = 0; row < ranked.length; row++) {
      quality.add(row, ranked[row], ranked[row].length);
    }
    return quality;
  }

  /**
   * Returns the {@link RankingQuality#K} labels with the highest logit, best first, the smaller
   * label id first on a tie. The logits equal {@link SparseClassifiers#logit} up to float rounding.
   */
  int[] topLabels(SparseVector features) {
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
    TopK top = new TopK(Math.min(RankingQuality.K, logits.length));
    for (int label = 0; label < logits.length; label++) {
      top.offer(label, logits[label]);
    }
    return top.toNeighbors().ids();
  }
}
