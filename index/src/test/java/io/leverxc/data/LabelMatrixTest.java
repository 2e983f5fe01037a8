package io.leverxc.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LabelMatrixTest {
  /** Documents × labels: row 0 = {2: 0.5, 0: 1}, row 1 = {}, row 2 = {1: 2, 2: 1, 3: 0.25}. */
  private static LabelMatrix sample() {
    return new LabelMatrix.Builder(4)
        .addRow(new int[] {2, 0}, new float[] {0.5f, 1f}, 2)
        .addRow(new int[0], new float[0], 0)
        .addRow(new int[] {3, 1, 2}, new float[] {0.25f, 2f, 1f}, 3)
        .build();
  }

  @Test
  void builderSortsEachRowWithItsValues() {
    LabelMatrix matrix = sample();

    assertEquals(3, matrix.rows());
    assertEquals(4, matrix.columns());
    assertEquals(5, matrix.nonZeros());
    assertEquals(0, matrix.label(matrix.rowStart(0)));
    assertEquals(1f, matrix.value(matrix.rowStart(0)));
    assertEquals(2, matrix.label(matrix.rowStart(0) + 1));
    assertEquals(0.5f, matrix.value(matrix.rowStart(0) + 1));
    assertEquals(0, matrix.rowSize(1));
    assertArrayEquals(new int[] {1, 2, 3}, new int[] {
        matrix.label(matrix.rowStart(2)), matrix.label(matrix.rowStart(2) + 1), matrix.label(matrix.rowStart(2) + 2)});
    assertEquals(2f, matrix.value(matrix.rowStart(2)));
    assertEquals(0.25f, matrix.value(matrix.rowEnd(2) - 1));
  }

  @Test
  void containsFindsOnlyTheRowsOwnLabels() {
    LabelMatrix matrix = sample();

    assertTrue(matrix.contains(0, 0));
    assertTrue(matrix.contains(0, 2));
    assertFalse(matrix.contains(0, 1));
    assertFalse(matrix.contains(1, 0));
    assertTrue(matrix.contains(2, 3));
    assertFalse(matrix.contains(2, 0));
  }

  @Test
  void labelFrequenciesCountDocumentsPerLabel() {
    assertArrayEquals(new int[] {1, 1, 2, 1}, sample().labelFrequencies());
  }

  @Test
  void transposeListsDocumentsOfEachLabelWithValues() {
    LabelMatrix byLabel = sample().transpose();

    assertEquals(4, byLabel.rows());
    assertEquals(3, byLabel.columns());
    assertEquals(5, byLabel.nonZeros());
    assertEquals(0, byLabel.rowStart(0));
    assertEquals(1, byLabel.rowSize(0));
    assertEquals(0, byLabel.label(byLabel.rowStart(0)));
    assertEquals(1, byLabel.rowSize(1));
    assertEquals(2, byLabel.label(byLabel.rowStart(1)));
    assertEquals(2f, byLabel.value(byLabel.rowStart(1)));
    assertEquals(2, byLabel.rowSize(2));
    assertEquals(0, byLabel.label(byLabel.rowStart(2)));
    assertEquals(0.5f, byLabel.value(byLabel.rowStart(2)));
    assertEquals(2, byLabel.label(byLabel.rowStart(2) + 1));
    assertEquals(1f, byLabel.value(byLabel.rowStart(2) + 1));
    assertEquals(1, byLabel.rowSize(3));
    assertEquals(0.25f, byLabel.value(byLabel.rowStart(3)));
    assertEquals(5, byLabel.rowEnd(3));
  }

  @Test
  void transposeTwiceGivesTheMatrixBack() {
    LabelMatrix matrix = sample();
    LabelMatrix twice = matrix.transpose().transpose();

    for (int row = 0; row < matrix.rows(); row++) {
      assertEquals(matrix.rowStart(row), twice.rowStart(row));
      for (int p = matrix.rowStart(row); p < matrix.rowEnd(row); p++) {
        assertEquals(matrix.label(p), twice.label(p));
        assertEquals(matrix.value(p), twice.value(p));
      }
    }
  }

  @Test
  void builderRejectsRepeatedAndOutOfRangeLabels() {
    IllegalArgumentException repeated = assertThrows(IllegalArgumentException.class,
        () -> new LabelMatrix.Builder(4).addRow(new int[] {1, 1}, new float[] {1f, 1f}, 2));
    assertEquals("label 1 appears twice in row 0", repeated.getMessage());
    IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
        () -> new LabelMatrix.Builder(4).addRow(new int[] {4}, new float[] {1f}, 1));
    assertEquals("label 4 outside [0, 4)", outside.getMessage());
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> new LabelMatrix.Builder(4).addRow(new int[] {-1}, new float[] {1f}, 1));
    assertEquals("label -1 outside [0, 4)", negative.getMessage());
  }

  @Test
  void constructorRejectsUnsortedRowsAndBadStarts() {
    IllegalArgumentException unsorted = assertThrows(IllegalArgumentException.class,
        () -> new LabelMatrix(1, 4, new int[] {0, 2}, new int[] {2, 1}, new float[] {1f, 1f}));
    assertEquals("row 0: labels not strictly increasing at 1", unsorted.getMessage());
    IllegalArgumentException starts = assertThrows(IllegalArgumentException.class,
        () -> new LabelMatrix(2, 4, new int[] {0, 1}, new int[] {1}, new float[] {1f}));
    assertEquals("row starts do not describe 2 rows of 1 entries", starts.getMessage());
  }

  @Test
  void manyRowsGrowTheBuilder() {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(100);
    for (int row = 0; row < 50; row++) {
      builder.addRow(new int[] {row, row + 1, row + 2}, new float[] {1f, 1f, 1f}, 3);
    }
    LabelMatrix matrix = builder.build();

    assertEquals(50, matrix.rows());
    assertEquals(150, matrix.nonZeros());
    assertTrue(matrix.contains(49, 51));
    assertEquals(147, matrix.rowStart(49));
  }
}
