package io.leverxc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.vector.DenseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GraphUpdateBenchmarkTest {
  private static final int ROWS = 600;
  private static final int BASE = 450;
  private static final int DIMENSION = 16;

  private static DenseMatrix unitVectors() {
    SplittableRandom random = new SplittableRandom(5);
    DenseMatrix matrix = new DenseMatrix(ROWS, DIMENSION);
    float[] data = matrix.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    matrix.normalizeRows();
    return matrix;
  }

  @Test
  void bothGraphsHoldEveryRow() throws InterruptedException {
    GraphUpdateBenchmark benchmark =
        new GraphUpdateBenchmark(unitVectors(), BASE, IndexSettings.defaults(IndexBackend.HNSWLIB), 1);
    int[] queries = benchmark.sampleQueries(100, 3);

    GraphUpdateBenchmark.Outcome rebuild = benchmark.fullRebuild(queries, 10);
    GraphUpdateBenchmark.Outcome update = benchmark.incrementalUpdate(queries, 10);

    assertEquals(ROWS, rebuild.size());
    assertEquals(ROWS, update.size());
    assertEquals(0, rebuild.addedNotFound());
    assertTrue(rebuild.recall() > 0.9, "rebuild recall " + rebuild.recall());
    assertTrue(rebuild.recall() <= 1.0, "rebuild recall " + rebuild.recall());
    assertTrue(update.recall() > 0.9, "update recall " + update.recall());
    assertTrue(update.recall() <= 1.0, "update recall " + update.recall());
  }

  @Test
  void queriesAlternateBetweenAddedAndBaseRows() {
    GraphUpdateBenchmark benchmark =
        new GraphUpdateBenchmark(unitVectors(), BASE, IndexSettings.defaults(IndexBackend.HNSWLIB), 1);
    int[] queries = benchmark.sampleQueries(50, 3);
    for (int i = 0; i < queries.length; i++) {
      assertEquals(i % 2 == 0, queries[i] >= BASE, "query " + i + " is row " + queries[i]);
    }
  }

  @Test
  void baseOutsideRowsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> new GraphUpdateBenchmark(unitVectors(), ROWS, IndexSettings.defaults(IndexBackend.HNSWLIB), 1));
    assertThrows(IllegalArgumentException.class,
        () -> new GraphUpdateBenchmark(unitVectors(), 0, IndexSettings.defaults(IndexBackend.HNSWLIB), 1));
  }
}
