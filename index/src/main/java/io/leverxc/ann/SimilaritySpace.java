package io.leverxc.ann;

import io.leverxc.vector.DenseMatrix;

/**
 * The similarity that graph backends navigate by, computed on the rows of a matrix in place.
 *
 * <p>For {@link Similarity#COSINE} it is the cosine: the space keeps one inverse norm per row and
 * normalises each query once.
 *
 * <p>For {@link Similarity#INNER_PRODUCT}, with {@code M} the largest row norm, a query scores
 * {@code q·x / (|q| M)} and two rows score {@code x·y / M^2}. Both lie in [-1, 1], and the query
 * score ranks rows exactly as the raw inner product does. Graph edges therefore follow the inner
 * product itself, not the reduction to cosine that appends the coordinate {@code sqrt(1 - |x|^2 /
 * M^2)} to every row. With that coordinate, rows of small norm from all clusters become near
 * duplicates, the neighbour-diversity heuristic of both HNSW libraries prunes most edges, and
 * {@code lever bench index} measured recall@10 of 0.15 to 0.46 on 50k unnormalised 256-dimensional
 * rows, against 1.0 for the inner-product graph (docs/benchmarks/vector-index.md).
 *
 * <p>The space reads the matrix on every call, so rows changed after construction make the stored
 * norms stale. Rebuild the index after changing the vectors.
 */
final class SimilaritySpace {
  private final DenseMatrix vectors;
  private final Similarity similarity;
  private final float[] data;
  private final int dimension;
  /** COSINE: 1 / |x| per row (0 for a zero row). INNER_PRODUCT: unused and empty. */
  private final float[] inverseNorms;
  /** INNER_PRODUCT: 1 / M, the inverse of the largest row norm (0 when every row is zero). */
  private final float inverseMaxNorm;
  private final int rows;

  SimilaritySpace(DenseMatrix vectors, Similarity similarity) {
    this.vectors = vectors;
    this.similarity = similarity;
    this.data = vectors.data();
    this.dimension = vectors.columns();
    int rows = vectors.rows();
    double maxNorm = 0;
    float[] inverse = new float[similarity == Similarity.COSINE ? rows : 0];
    for (int row = 0; row < rows; row++) {
      int offset = vectors.offset(row);
      double norm = Math.sqrt(DotProducts.dot(data, offset, data, offset, dimension));
      maxNorm = Math.max(maxNorm, norm);
      if (similarity == Similarity.COSINE) {
        inverse[row] = norm > 0 ? (float) (1 / norm) : 0f;
      }
    }
    this.inverseNorms = inverse;
    this.inverseMaxNorm = maxNorm > 0 ? (float) (1 / maxNorm) : 0f;
    this.rows = rows;
  }

  DenseMatrix vectors() {
    return vectors;
  }

  Similarity similarity() {
    return similarity;
  }

  int size() {
    return rows;
  }

  int dimension() {
    return dimension;
  }

  /** Returns the graph similarity of two rows, in [-1, 1]. */
  float rowSimilarity(int a, int b) {
    float dot = DotProducts.dot(data, a * dimension, data, b * dimension, dimension);
    if (similarity == Similarity.COSINE) {
      return dot * inverseNorms[a] * inverseNorms[b];
    }
    return dot * inverseMaxNorm * inverseMaxNorm;
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
    return dot * (similarity == Similarity.COSINE ? inverseNorms[row] : inverseMaxNorm);
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
    return queryNorm > 0 ? dot * inverseNorms[row] / queryNorm : 0f;
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
