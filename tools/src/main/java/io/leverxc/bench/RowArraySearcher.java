package io.leverxc.bench;

import io.leverxc.ann.Neighbors;
import io.leverxc.ann.TopK;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.vector.DenseMatrix;
import org.apache.lucene.util.VectorUtil;

/**
 * Exact maximum inner product search that keeps one array per row, so that every comparison is a
 * single SIMD dot product from Lucene without copying the row first. Uses about as much memory as
 * the matrix itself.
 */
public final class RowArraySearcher implements VectorSearcher {
  private final float[][] rows;
  private final int dimension;

  public RowArraySearcher(DenseMatrix vectors) {
    this.dimension = vectors.columns();
    this.rows = new float[vectors.rows()][];
    for (int row = 0; row < rows.length; row++) {
      rows[row] = vectors.row(row);
    }
  }

  @Override
  public Neighbors search(float[] query, int k) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has dimension " + query.length + ", the index has " + dimension);
    }
    TopK top = new TopK(Math.min(k, rows.length));
    for (int row = 0; row < rows.length; row++) {
      top.offer(row, VectorUtil.dotProduct(query, rows[row]));
    }
    return top.toNeighbors();
  }

  @Override
  public int size() {
    return rows.length;
  }

  @Override
  public int dimension() {
    return dimension;
  }
}
