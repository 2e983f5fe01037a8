package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelTextBaselineTest {
  // Label 0 = feature 0; label 1 = 0.6 f0 + 0.8 f1; label 2 = feature 2; label 3 = feature 3.
  private static final List<SparseVector> LABELS = List.of(
      SparseVector.of(new int[] {0}, new float[] {1f}),
      SparseVector.of(new int[] {0, 1}, new float[] {0.6f, 0.8f}),
      SparseVector.of(new int[] {2}, new float[] {1f}),
      SparseVector.of(new int[] {3}, new float[] {1f}));

  @Test
  void ranksLabelsByCosine() {
    // Document 0.8 f0 + 0.6 f1 scores label 1 at 0.96, label 0 at 0.8, and shares nothing with labels 2 and 3.
    SparseVector document = SparseVector.of(new int[] {0, 1}, new float[] {0.8f, 0.6f});
    int[][] predicted = new LabelTextBaseline(LABELS, 5).predict(List.of(document), 5, PairFilter.NONE, 1);
    assertArrayEquals(new int[] {1, 0}, predicted[0]);
  }

  @Test
  void filteredPairIsSkipped() {
    SparseVector document = SparseVector.of(new int[] {0, 1}, new float[] {0.8f, 0.6f});
    PairFilter filter = (row, label) -> row == 0 && label == 1;
    int[][] predicted = new LabelTextBaseline(LABELS, 5).predict(List.of(document, document), 5, filter, 2);
    assertArrayEquals(new int[] {0}, predicted[0]);
    assertArrayEquals(new int[] {1, 0}, predicted[1]);
  }

  @Test
  void zeroWeightFeatureDoesNotRepeatLabels() {
    SparseVector document = SparseVector.of(new int[] {2, 3}, new float[] {0f, 1f});
    int[][] predicted = new LabelTextBaseline(LABELS, 5).predict(List.of(document), 5, PairFilter.NONE, 1);
    assertArrayEquals(new int[] {3, 2}, predicted[0]);
  }

  @Test
  void featureOutsideDimensionIsRejected() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new LabelTextBaseline(LABELS, 3));
    assertTrue(error.getMessage().contains("label 3 has feature index 3, not below featureDimension 3"),
        error.getMessage());
  }
}
