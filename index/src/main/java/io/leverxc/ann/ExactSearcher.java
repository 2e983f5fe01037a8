package io.leverxc.ann;

import io.leverxc.vector.DenseMatrix;

/**
 * Brute-force maximum inner product search over every row of a matrix: the exact path used in
 * tests, as the ground truth of recall, and for small label sets. Rows are read in place from the
 * matrix's backing array with the SIMD kernel of {@link DotProducts}.
 */
public final class ExactSearcher implements VectorSearcher {
  private final DenseMatrix vectors;

  public ExactSearcher(DenseMatrix vectors) {
    this.vectors = vectors;
  }

  @Override
  public Neighbors search(float[] query, int k) {
    int dimension = vectors.columns();
    if (query.length != dimension) {
      throw new IllegalArgumentException(
          "query has dimension " + query.length + ", the index has " + dimension);
    }
    int count = Math.min(k, vectors.rows());
    TopK top = new TopK(count);
    float[] data = vectors.data();
    for (int r = 0; r < vectors.rows(); r++) {
      top.offer(r, DotProducts.dot(query, 0, data, r * dimension, dimension));
    }
    return top.toNeighbors();
  }

  @Override
  public int size() {
    return vectors.rows();
  }

  @Override
  public int dimension() {
    return vectors.columns();
  }
}
