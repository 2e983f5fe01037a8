package io.leverxc.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.data.LabelMatrix;
import org.junit.jupiter.api.Test;

class LabelCooccurrenceTest {
  private static LabelMatrix matrix(int columns, int[][] labels, float[][] values) {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(columns);
    for (int row = 0; row < labels.length; row++) {
      builder.addRow(labels[row], values[row], labels[row].length);
    }
    return builder.build();
  }

  @Test
  void labelRowsGetConditionalShares() {
    // Three documents: label 0 always comes with label 2, once with label 1.
    LabelMatrix train = matrix(3, new int[][] {{0, 2}, {0, 1, 2}, {1}}, new float[][] {{1, 1}, {1, 1, 1}, {1}});
    // Targets: the 3 documents, then one row per label (its own text), as LEVER appends them.
    LabelMatrix targets = matrix(3,
        new int[][] {{0, 2}, {0, 1, 2}, {1}, {0}, {1}, {2}},
        new float[][] {{1, 1}, {1, 1, 1}, {1}, {1}, {1}, {1}});

    LabelMatrix result = LabelCooccurrence.addTo(targets, 3, train, 0.5f, 2);

    // Label 0 (2 documents): label 2 in 2 of 2, label 1 in 1 of 2.
    assertEquals(3, result.rowSize(3));
    assertEquals(1f, result.value(result.rowStart(3)));
    assertEquals(0.5f, result.value(result.rowStart(3) + 1), "P(1 | 0)");
    assertEquals(1f, result.value(result.rowStart(3) + 2), "P(2 | 0)");
    // Label 1 (2 documents): label 0 in 1 of 2, label 2 in 1 of 2.
    assertEquals(3, result.rowSize(4));
    // Label 2 (2 documents): label 0 in 2 of 2, label 1 in 1 of 2.
    assertEquals(1f, result.value(result.rowStart(5)), "P(0 | 2)");
    // Document rows are unchanged.
    assertEquals(2, result.rowSize(0));
    assertEquals(3, result.rowSize(1));
  }

  @Test
  void rareLabelsAndLowSharesGetNothing() {
    LabelMatrix train = matrix(2, new int[][] {{0, 1}}, new float[][] {{1, 1}});
    LabelMatrix targets = matrix(2, new int[][] {{0, 1}, {0}, {1}}, new float[][] {{1, 1}, {1}, {1}});
    LabelMatrix result = LabelCooccurrence.addTo(targets, 1, train, 0.5f, 2);
    assertEquals(1, result.rowSize(1));
    assertFalse(result.contains(1, 1));
  }

  @Test
  void invalidThresholdIsRejected() {
    LabelMatrix train = matrix(1, new int[][] {{0}}, new float[][] {{1}});
    LabelMatrix targets = matrix(1, new int[][] {{0}, {0}}, new float[][] {{1}, {1}});
    assertThrows(IllegalArgumentException.class, () -> LabelCooccurrence.addTo(targets, 1, train, 0f, 1));
  }
}
