package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.LabelMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplaySampleTest {
  @Test
  void newRowsFlagsEachReason() {
    // Three documents, then one label-text row for each of the labels 0, 1 and 2. The parent had
    // labels 0 and 1, so label 2 is new.
    LabelMatrix targets = new LabelMatrix.Builder(3)
        .addRow(new int[] {0}, new float[] {1f}, 1)          // old document, old label
        .addRow(new int[] {0, 2}, new float[] {1f, 0.7f}, 2) // old document with a pair on label 2
        .addRow(new int[] {1}, new float[] {1f}, 1)          // document the parent never saw
        .addRow(new int[] {0}, new float[] {1f}, 1)          // label 0's text
        .addRow(new int[] {1, 2}, new float[] {1f, 0.8f}, 2) // label 1's text with a pair on label 2
        .addRow(new int[] {2}, new float[] {1f}, 1)          // label 2's text
        .build();

    boolean[] isNew = ReplaySample.newRows(targets, new boolean[] {false, false, true}, 2);

    assertArrayEquals(new boolean[] {false, true, true, false, true, true}, isNew);
  }

  @Test
  void newRowsRejectsTooManyDocumentFlags() {
    LabelMatrix targets = new LabelMatrix.Builder(1).addRow(new int[] {0}, new float[] {1f}, 1).build();

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> ReplaySample.newRows(targets, new boolean[2], 1));

    assertEquals("there are 2 document flags but only 1 target rows", error.getMessage());
  }

  @Test
  void selectKeepsEveryNewRow() {
    SplittableRandom random = new SplittableRandom(7);
    for (double fraction : new double[] {0, 0.1, 0.25, 0.5, 0.9, 1}) {
      boolean[] isNew = new boolean[500];
      int newCount = 0;
      for (int row = 0; row < isNew.length; row++) {
        isNew[row] = random.nextInt(3) == 0;
        newCount += isNew[row] ? 1 : 0;
      }
      int oldCount = isNew.length - newCount;

      int[] rows = ReplaySample.select(isNew, fraction, 42);

      boolean[] chosen = new boolean[isNew.length];
      for (int row : rows) {
        chosen[row] = true;
      }
      for (int row = 0; row < isNew.length; row++) {
        assertTrue(!isNew[row] || chosen[row], "new row " + row + " missing at fraction " + fraction);
      }
      assertEquals(newCount + Math.round(fraction * oldCount), rows.length, "row count at fraction " + fraction);
      int[] sorted = rows.clone();
      Arrays.sort(sorted);
      assertArrayEquals(sorted, rows, "rows not ascending at fraction " + fraction);
      assertEquals(rows.length, Arrays.stream(rows).distinct().count(), "repeated row at fraction " + fraction);
    }
  }

  @Test
  void selectIsSeededAndReproducible() {
    boolean[] isNew = new boolean[1000];
    for (int row = 0; row < isNew.length; row += 4) {
      isNew[row] = true;
    }

    int[] first = ReplaySample.select(isNew, 0.3, 11);
    int[] again = ReplaySample.select(isNew, 0.3, 11);
    int[] otherSeed = ReplaySample.select(isNew, 0.3, 12);

    assertArrayEquals(first, again);
    assertEquals(first.length, otherSeed.length);
    assertFalse(Arrays.equals(first, otherSeed), "seeds 11 and 12 drew the same sample");
  }

  @Test
  void selectBoundaryFractions() {
    boolean[] isNew = {true, false, false, true, false};

    assertArrayEquals(new int[] {0, 3}, ReplaySample.select(isNew, 0, 1));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, ReplaySample.select(isNew, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> ReplaySample.select(isNew, 1.5, 1));
    assertThrows(IllegalArgumentException.class, () -> ReplaySample.select(isNew, Double.NaN, 1));
  }
}
