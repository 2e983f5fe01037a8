package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.classifier.RankingQuality;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.vector.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparseRankingTest {
  private static final int LABELS = 6;
  private static final int FEATURES = 3;

  /**
   * Label l has bias −l / 10. Labels 0 and 1 weigh feature 0 by 1 and 2, and labels 4 and 5 weigh
   * feature 2 by 3 and −1.
   */
  private static SparseClassifiers classifiers() {
    int[] rowStarts = {0, 1, 2, 2, 2, 3, 4};
    int[] features = {0, 0, 2, 2};
    float[] values = {1f, 2f, 3f, -1f};
    float[] biases = {0f, -0.1f, -0.2f, -0.3f, -0.4f, -0.5f};
    return new SparseClassifiers(new LabelMatrix(LABELS, FEATURES, rowStarts, features, values), biases);
  }

  @Test
  void topLabelsFollowTheLogits() {
    SparseRanking ranking = new SparseRanking(classifiers());
    // Logits: 0.5, 0.9, −0.2, −0.3, 1.1, −1.0.
    SparseVector document = SparseVector.of(new int[] {0, 2}, new float[] {0.5f, 0.5f});

    assertArrayEquals(new int[] {4, 1, 0, 2, 3}, ranking.topLabels(document));
    // Without features only the biases rank, and they all differ.
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, ranking.topLabels(SparseVector.empty()));
  }

  @Test
  void qualityCountsHitsOfTheRanking() {
    SparseRanking ranking = new SparseRanking(classifiers());
    List<SparseVector> documents =
        List.of(SparseVector.of(new int[] {0, 2}, new float[] {0.5f, 0.5f}), SparseVector.empty());
    LabelMatrix.Builder truth = new LabelMatrix.Builder(LABELS);
    truth.addRow(new int[] {4}, new float[] {1f}, 1);
    truth.addRow(new int[] {5}, new float[] {1f}, 1);
    float[] inversePropensities = {1f, 1f, 1f, 1f, 1f, 1f};

    RankingQuality quality = ranking.quality(documents, truth.build(), inversePropensities);

    // Label 4 is first for the first document; label 5 is sixth for the second, so out of the top 5.
    assertEquals(0.5, quality.precisionAt1(), 1e-12);
    assertEquals(0.1, quality.precisionAt5(), 1e-12);
    assertEquals(0.5, quality.pspAt5(), 1e-12);
    assertEquals(0.5, quality.coverageAt5(), 1e-12);
  }
}
