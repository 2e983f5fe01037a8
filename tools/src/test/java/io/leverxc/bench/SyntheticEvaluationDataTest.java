package io.leverxc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.LabelMatrix;
import io.leverxc.data.SparseMatrixReader;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticEvaluationDataTest {
  @TempDir Path folder;

  @Test
  void labelSpaceSmallerThanRowMaximumFinishes() {
    SyntheticEvaluationData data = new SyntheticEvaluationData(folder, 50, 3, 100, 1);

    // Each row used to draw up to 8 distinct labels, which never ends among 3.
    assertTimeoutPreemptively(Duration.ofSeconds(20), data::generateIfMissing);

    LabelMatrix truth = SparseMatrixReader.read(data.truth());
    assertEquals(50, truth.rows());
    for (int row = 0; row < truth.rows(); row++) {
      assertTrue(truth.rowSize(row) >= 1, "row " + row + ": " + truth.rowSize(row));
      assertTrue(truth.rowSize(row) <= 3, "row " + row + ": " + truth.rowSize(row));
    }
    assertEquals(3, SparseMatrixReader.read(data.predictions()).rowSize(0));
  }
}
