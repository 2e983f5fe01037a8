package io.leverxc.ann;

import io.leverxc.vector.DenseMatrix;

/**
 * The similarity that graph backends navigate by, computed on the rows of a matrix in place.
 *
 * <p>For {@link Similarity#COSINE} it is the cosine: the space keeps one inverse norm per row and
 * normalises each query once.
 *
 * <p>For {@link Similarity#INNER_PRODUCT} it reduces maximum inner product search to cosine
 * search by appending one coordinate: with {@code M} the largest row norm, row
 * {@code x} becomes the unit vector {@code [x / M, sqrt(1 - |x|^2 / M^2)]} and the query becomes
 * {@code [q / |q|, 0]}. Their cosine is {@code q·x / (M |q|)}, which ranks rows exactly as the
 * inner product does. The extra coordinate is stored as one float per row instead of copying the
 * matrix. Graph edges between rows use the full {@code d + 1} dimensional cosine.
 *
 * <p>The space reads the matrix on every call, so rows changed after construction make the stored
 * norms stale; rebuild the index after changing the vectors.
 */
final class SimilaritySpace {
  private final DenseMatrix vectors;
  private final Similarity similarity;
  private final float[] data;
  private final int dimension;
  /** COSINE: 1 / |x| (0 for a zero row). INNER_PRODUCT: the appended coordinate. */
  private final float[] rowTerm;
  /** INNER_PRODUCT: 1 / M, the inverse of the largest row norm (0 when every row is zero). */
  private final float inverseMaxNorm;

  SimilaritySpace(DenseMatrix vectors, Similarity similarity) {
    this.vectors = vectors;
    this.similarity = similarity;
    this.data = vectors.data();
    this.dimension = vectors.columns();
    this.rowTerm = new float[vectors.rows()];
    double[] norms = new double[vectors.rows()];
    double maxNorm = 0;
    for (int row = 0; row < norms.length; row++) {
      int offset = vectors.offset(row);
      norms[row] = Math.sqrt(DotProducts.dot(data, offset, data, offset, dimension));
      maxNorm = Math.max(maxNorm, norms[row]);
    }
    if (similarity == Similarity.COSINE) {
      for (int row = 0; row < norms.length; row++) {
        rowTerm[row] = norms[row] > 0 ? (float) (1 / norms[row]) : 0f;
      }
      inverseMaxNorm = 0f;
    } else {
      for (int row = 0; row < norms.length; row++) {
        double ratio = maxNorm > 0 ? norms[row] / maxNorm : 0;
        rowTerm[row] = (float) Math.sqrt(Math.max(0, 1 - ratio * ratio));
      }
      inverseMaxNorm = maxNorm > 0 ? (float) (1 / maxNorm) : 0f;
    }
  }

  DenseMatrix vectors() {
    return vectors;
  }

  Similarity similarity() {
    return similarity;
  }

  int size() {
    return rowTerm.length;
  }

  int dimension() {
    return dimension;
  }

  /** Returns the graph similarity of two rows, in [-1, 1]. */
  float rowSimilarity(int a, int b) {
    float dot = DotProducts.dot(data, a * dimension, data, b * dimension, dimension);
    if (similarity == Similarity.COSINE) {
      return dot * rowTerm[a] * rowTerm[b];
    }
    return dot * inverseMaxNorm * inverseMaxNorm + rowTerm[a] * rowTerm[b];
  }

  /**
   * Returns the query scaled to unit norm, the form {@link #querySimilarity} expects. A zero query
   * stays zero and scores 0 against every row.
   */
  float[] prepareQuery(float[] query) {
    if (query.length != dimension) {
      throw new IllegalArgumentException(
          "query has dimension " + query.length + ", the index has " + dimension);
    }
    float norm = (float) Math.sqrt(DotProducts.dot(query, query));
    if (norm == 0) {
      return query.clone();
    }
    float[] unit = new float[dimension];
    for (int i = 0; i < dimension; i++) {
      unit[i] = query[i] / norm;
    }
    return unit;
  }

  /** Returns the graph similarity of a prepared query and a row, in [-1, 1]. */
  float querySimilarity(float[] preparedQuery, int row) {
    float dot = DotProducts.dot(preparedQuery, 0, data, row * dimension, dimension);
    return dot * (similarity == Similarity.COSINE ? rowTerm[row] : inverseMaxNorm);
  }

  /**
   * Returns the score a caller sees for the original (unprepared) query: the cosine or the raw
   * inner product.
   */
  float score(float[] query, int row) {
    return score(query, (float) Math.sqrt(DotProducts.dot(query, query)), row);
  }

  /** Same as {@link #score(float[], int)} with the query's Euclidean norm computed by the caller. */
  float score(float[] query, float queryNorm, int row) {
    float dot = DotProducts.dot(query, 0, data, row * dimension, dimension);
    if (similarity == Similarity.INNER_PRODUCT) {
      return dot;
    }
    return queryNorm > 0 ? dot * rowTerm[row] / queryNorm : 0f;
  }

  /** Scores the first {@code count} candidate rows with {@link #score} and keeps the best {@code k}. */
  Neighbors rescore(float[] query, int[] candidates, int count, int k) {
    float queryNorm = (float) Math.sqrt(DotProducts.dot(query, query));
    TopK top = new TopK(Math.min(k, count));
    for (int i = 0; i < count; i++) {
      top.offer(candidates[i], score(query, queryNorm, candidates[i]));
    }
    return top.toNeighbors();
  }
}
