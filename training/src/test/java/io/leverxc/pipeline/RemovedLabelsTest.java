package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.data.DataFormatException;
import io.leverxc.data.LabelMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemovedLabelsTest {
  @TempDir Path folder;

  @Test
  void missingFileRemovesNothing() {
    assertArrayEquals(new int[0], RemovedLabels.read(folder, 5));
  }

  @Test
  void readSortsAndDeduplicates() throws IOException {
    Files.write(folder.resolve(RemovedLabels.FILE_NAME), List.of("4", " 1 ", "", "4"));
    assertArrayEquals(new int[] {1, 4}, RemovedLabels.read(folder, 5));
  }

  @Test
  void nonNumberNamesLine() throws IOException {
    Files.write(folder.resolve(RemovedLabels.FILE_NAME), List.of("0", "two"));
    DataFormatException error = assertThrows(DataFormatException.class, () -> RemovedLabels.read(folder, 5));
    assertEquals(2, error.line());
  }

  @Test
  void unionMergesSorted() {
    assertArrayEquals(new int[] {0, 2, 3, 7}, RemovedLabels.union(new int[] {3, 7}, new int[] {0, 3, 2}));
  }

  @Test
  void stripDropsOnlyRemovedEntries() {
    LabelMatrix matrix = new LabelMatrix.Builder(4)
        .addRow(new int[] {0, 2}, new float[] {1f, 0.5f}, 2)
        .addRow(new int[] {2}, new float[] {1f}, 1)
        .addRow(new int[] {1, 3}, new float[] {1f, 0.25f}, 2)
        .build();

    LabelMatrix stripped = RemovedLabels.strip(matrix, new int[] {2});

    assertEquals(3, stripped.rows());
    assertEquals(4, stripped.columns());
    assertEquals(3, stripped.nonZeros());
    assertEquals(1, stripped.rowSize(0));
    assertEquals(0, stripped.label(0));
    assertEquals(0, stripped.rowSize(1));
    assertEquals(2, stripped.rowSize(2));
    assertEquals(1, stripped.label(1));
    assertEquals(3, stripped.label(2));
    assertEquals(0.25f, stripped.value(2));
    assertSame(matrix, RemovedLabels.strip(matrix, new int[0]));
  }
}
