package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.data.LabelMatrix;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {
  @Test
  void carveCoversEveryRowOnce() {
    ValidationSplit split = ValidationSplit.carve(100, 0.05, 3L);
    assertEquals(5, split.validationRows().length);
    assertEquals(95, split.trainRows().length);
    BitSet seen = new BitSet();
    for (int row : split.trainRows()) {
      seen.set(row);
    }
    for (int row : split.validationRows()) {
      assertEquals(false, seen.get(row), "row " + row + " in both parts");
      seen.set(row);
    }
    assertEquals(100, seen.cardinality());
  }

  @Test
  void carveIsSeeded() {
    assertArrayEquals(
        ValidationSplit.carve(50, 0.2, 9L).validationRows(), ValidationSplit.carve(50, 0.2, 9L).validationRows());
  }

  @Test
  void emptyPartIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ValidationSplit.carve(10, 0.01, 1L));
    assertThrows(IllegalArgumentException.class, () -> ValidationSplit.carve(10, 1.0, 1L));
  }

  @Test
  void selectKeepsRowsInGivenOrder() {
    LabelMatrix matrix = new LabelMatrix(3, 4, new int[] {0, 1, 3, 4}, new int[] {2, 0, 3, 1}, new float[] {1f, 1f, 0.5f, 1f});
    LabelMatrix selected = ValidationSplit.select(matrix, new int[] {2, 1});
    assertEquals(2, selected.rows());
    assertEquals(1, selected.label(selected.rowStart(0)));
    assertEquals(0, selected.label(selected.rowStart(1)));
    assertEquals(0.5f, selected.value(selected.rowStart(1) + 1));
  }
}
