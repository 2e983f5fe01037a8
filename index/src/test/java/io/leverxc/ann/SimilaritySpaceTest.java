package io.leverxc.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.api.Test;

class SimilaritySpaceTest {
  private static final float TOLERANCE = 1e-6f;
  // Row norms 3, 1 and sqrt(2); the largest norm M is 3.
  private static final DenseMatrix ROWS = new DenseMatrix(3, 2, new float[] {3, 0, 0, 1, 1, 1});

  @Test
  void cosineRowsAndQuery() {
    SimilaritySpace space = new SimilaritySpace(ROWS, Similarity.COSINE);
    float[] query = {2, 0};

    assertEquals(0f, space.rowSimilarity(0, 1), TOLERANCE);
    assertEquals((float) (1 / Math.sqrt(2)), space.rowSimilarity(0, 2), TOLERANCE);
    assertEquals(1f, space.querySimilarity(space.prepareQuery(query), 0), TOLERANCE);
    assertEquals((float) (1 / Math.sqrt(2)), space.score(query, 2), TOLERANCE);
  }

  @Test
  void innerProductLinksRowsByScaledProduct() {
    SimilaritySpace space = new SimilaritySpace(ROWS, Similarity.INNER_PRODUCT);
    float[] query = {2, 0};

    // x·y / M^2: (3,0)·(1,1) = 3 gives 1/3, and a row with itself (1,1)·(1,1) = 2 gives 2/9.
    assertEquals(1f / 3, space.rowSimilarity(0, 2), TOLERANCE);
    assertEquals(2f / 9, space.rowSimilarity(2, 2), TOLERANCE);
    // q·x / (|q| M): (2,0)·(3,0) / (2 * 3) = 1.
    assertEquals(1f, space.querySimilarity(space.prepareQuery(query), 0), TOLERANCE);
    // Callers see the raw inner product.
    assertEquals(6f, space.score(query, 0), TOLERANCE);
    assertEquals(2f, space.score(query, 2), TOLERANCE);
  }

  @Test
  void zeroQueryScoresZero() {
    SimilaritySpace space = new SimilaritySpace(ROWS, Similarity.COSINE);
    float[] zero = {0, 0};

    assertEquals(0f, space.querySimilarity(space.prepareQuery(zero), 0), TOLERANCE);
    assertEquals(0f, space.score(zero, 0), TOLERANCE);
  }
}
