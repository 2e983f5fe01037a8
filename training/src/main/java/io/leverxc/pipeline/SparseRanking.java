package io.leverxc.pipeline;

import io.leverxc.classifier.RankingQuality;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.model.SparseLabelSearch;
import io.leverxc.vector.SparseVector;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Ranks every label by the sparse classifiers' logit alone, with no shortlist and no dense term,
 * to measure how well the sparse term ranks on its own.
 */
final class SparseRanking {
  private final SparseLabelSearch search;

  SparseRanking(SparseClassifiers sparse) {
    this.search = new SparseLabelSearch(sparse);
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

  /** Returns the {@link RankingQuality#K} labels with the highest logit, best first, the smaller id first on a tie. */
  int[] topLabels(SparseVector features) {
    return search.search(features, RankingQuality.K);
  }
}
