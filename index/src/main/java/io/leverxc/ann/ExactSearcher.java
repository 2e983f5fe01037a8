package io.leverxc.ann;

import io.leverxc.vector.DenseMatrix;
import org.apache.lucene.util.VectorUtil;

/**
 * Brute-force maximum inner product search over every row of a matrix: the exact path used in
 * tests, as the ground truth of recall, and for small label sets.
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
    float[] row = new float[dimension];
    for (int r = 0; r < vectors.rows(); r++) {
      System.arraycopy(data, r * dimension, row, 0, dimension);
      top.offer(r, VectorUtil.dotProduct(query, row));
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
