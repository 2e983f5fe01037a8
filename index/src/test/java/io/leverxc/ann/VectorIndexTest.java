package io.leverxc.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.DenseMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorIndexTest {
  private static final int THREADS = 2;
  private static final float TOLERANCE = 1e-5f;

  private static IndexSettings settings(IndexBackend backend) {
    return new IndexSettings(backend, 8, 64, 32);
  }

  private static DenseMatrix matrix(float[][] rows) {
    DenseMatrix matrix = new DenseMatrix(rows.length, rows[0].length);
    for (int r = 0; r < rows.length; r++) {
      matrix.setRow(r, rows[r]);
    }
    return matrix;
  }

  /**
   * Builds with far more threads than processors. hnswlib 1.2.1 stopped making progress there, so
   * the build runs under a time limit that a working build of 2,000 small rows never nears.
   */
  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void manyThreadsStillBuild(IndexBackend backend) {
    java.util.Random random = new java.util.Random(3);
    DenseMatrix vectors = new DenseMatrix(2_000, 8);
    for (int row = 0; row < vectors.rows(); row++) {
      float[] values = new float[8];
      for (int column = 0; column < values.length; column++) {
        values[column] = (float) random.nextGaussian();
      }
      vectors.setRow(row, values);
    }
    int threads = 256 * Runtime.getRuntime().availableProcessors();

    VectorIndex index = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(120),
        () -> VectorIndexes.build(vectors, Similarity.COSINE, settings(backend), threads));

    assertEquals(2_000, index.size());
    assertEquals(7, index.search(vectors.row(7), 1).ids()[0]);
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void cosineRanksHandBuiltRows(IndexBackend backend) {
    DenseMatrix vectors =
        matrix(new float[][] {{1, 0}, {0, 1}, {-1, 0}, {0.6f, 0.8f}, {0, 2}});
    VectorIndex index = VectorIndexes.build(vectors, Similarity.COSINE, settings(backend), 1);

    Neighbors result = index.search(new float[] {1, 0.1f}, 5);

    // cos((1, 0.1), row) = row·(1, 0.1) / (|row| * sqrt(1.01)); rows 1 and 4 tie, the lower id wins.
    float queryNorm = (float) Math.sqrt(1.01);
    assertArrayEquals(new int[] {0, 3, 1, 4, 2}, result.ids());
    assertArrayEquals(
        new float[] {
          1 / queryNorm, 0.68f / queryNorm, 0.1f / queryNorm, 0.1f / queryNorm, -1 / queryNorm
        },
        result.scores(),
        TOLERANCE);
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void innerProductRanksByRawProduct(IndexBackend backend) {
    DenseMatrix vectors = matrix(new float[][] {{1, 0}, {3, 0}, {0, 2}, {-1, -1}});
    VectorIndex index =
        VectorIndexes.build(vectors, Similarity.INNER_PRODUCT, settings(backend), 1);

    Neighbors result = index.search(new float[] {1, 1}, 3);

    // Inner products with (1, 1): 1, 3, 2, -2. Cosine would rank all three first rows equal.
    assertArrayEquals(new int[] {1, 2, 0}, result.ids());
    assertArrayEquals(new float[] {3, 2, 1}, result.scores(), TOLERANCE);
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void searchReturnsAtMostSizeResults(IndexBackend backend) {
    DenseMatrix vectors = matrix(new float[][] {{1, 0}, {0, 1}});
    VectorIndex index = VectorIndexes.build(vectors, Similarity.COSINE, settings(backend), 1);

    assertEquals(2, index.search(new float[] {1, 1}, 10).size());
    assertEquals(0, index.search(new float[] {1, 1}, 0).size());
    assertEquals(2, index.size());
    assertEquals(2, index.dimension());
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void emptyMatrixBuildsAndSearches(IndexBackend backend) {
    VectorIndex index =
        VectorIndexes.build(new DenseMatrix(0, 4), Similarity.COSINE, settings(backend), 1);

    assertEquals(0, index.search(new float[4], 3).size());
    VectorIndex restored = VectorIndexes.fromBytes(index.toBytes(), new DenseMatrix(0, 4));
    assertEquals(0, restored.search(new float[4], 3).size());
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void searchRejectsWrongDimension(IndexBackend backend) {
    DenseMatrix vectors = matrix(new float[][] {{1, 0}, {0, 1}});
    VectorIndex index = VectorIndexes.build(vectors, Similarity.COSINE, settings(backend), 1);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[3], 1));
    assertEquals("query has dimension 3, the index has 2", error.getMessage());
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void roundTripGivesIdenticalResults(IndexBackend backend, @TempDir Path folder) {
    GaussianMixture mixture = new GaussianMixture(16, 20, 0.5, 0, 7);
    DenseMatrix vectors = mixture.sample(600, 7);
    DenseMatrix queries = mixture.sample(30, 8);
    VectorIndex index = VectorIndexes.build(vectors, Similarity.COSINE, settings(backend), THREADS);

    VectorIndex fromBytes = VectorIndexes.fromBytes(index.toBytes(), vectors);
    Path file = folder.resolve("labels.index");
    VectorIndexes.write(index, file);
    VectorIndex fromFile = VectorIndexes.read(file, vectors);

    assertEquals(index.settings(), fromBytes.settings());
    assertEquals(Similarity.COSINE, fromBytes.similarity());
    for (int q = 0; q < queries.rows(); q++) {
      Neighbors expected = index.search(queries.row(q), 10);
      Neighbors restored = fromBytes.search(queries.row(q), 10);
      Neighbors read = fromFile.search(queries.row(q), 10);
      assertArrayEquals(expected.ids(), restored.ids(), "query " + q);
      assertArrayEquals(expected.scores(), restored.scores(), "query " + q);
      assertArrayEquals(expected.ids(), read.ids(), "query " + q);
    }
    assertTrue(Files.notExists(folder.resolve("labels.index.tmp")));
  }

  @ParameterizedTest
  @EnumSource(IndexBackend.class)
  void concurrentSearchesWithMixedEfMatchSerial(IndexBackend backend) throws Exception {
    GaussianMixture mixture = new GaussianMixture(16, 20, 0.5, 0, 21);
    DenseMatrix vectors = mixture.sample(500, 21);
    DenseMatrix queries = mixture.sample(40, 22);
    VectorIndex index = VectorIndexes.build(vectors, Similarity.COSINE, settings(backend), 1);
    int[] efs = {10, 80};
    int[][][] serial = new int[efs.length][queries.rows()][];
    for (int e = 0; e < efs.length; e++) {
      for (int q = 0; q < queries.rows(); q++) {
        serial[e][q] = index.search(queries.row(q), 5, efs[e]).ids();
      }
    }

    // Two threads alternate between the ef values, so hnswlib switches its ef under contention.
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int offset = t;
        outcomes.add(
            pool.submit(
                () -> {
                  boolean same = true;
                  for (int round = 0; round < 5; round++) {
                    for (int q = 0; q < queries.rows(); q++) {
                      int e = (q + offset + round) % efs.length;
                      int[] ids = index.search(queries.row(q), 5, efs[e]).ids();
                      same &= Arrays.equals(serial[e][q], ids);
                    }
                  }
                  return same;
                }));
      }
      for (Future<Boolean> outcome : outcomes) {
        assertTrue(outcome.get(1, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(value = IndexBackend.class, names = {"HNSWLIB", "LUCENE"})
  void roundTripAtFiveThousandRows(IndexBackend backend) {
    // More rows than the 1000 object references the deserialisation filter allows.
    DenseMatrix vectors = new GaussianMixture(4, 50, 0.3, 0, 31).sample(5_000, 31);
    VectorIndex index =
        VectorIndexes.build(vectors, Similarity.COSINE, new IndexSettings(backend, 4, 8, 8), THREADS);

    VectorIndex restored = VectorIndexes.fromBytes(index.toBytes(), vectors);

    float[] query = {0.5f, -0.5f, 0.5f, 0.5f};
    assertArrayEquals(index.search(query, 10).ids(), restored.search(query, 10).ids());
  }
}
