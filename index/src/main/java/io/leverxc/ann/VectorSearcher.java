package io.leverxc.ann;

/**
 * Finds the items whose vectors have the largest inner product with a query. For unit vectors
 * this is cosine similarity. Implementations are thread-safe for concurrent searches.
 */
public interface VectorSearcher {

  /**
   * Returns up to {@code k} items with the largest inner product with {@code query}, best first.
   *
   * @throws IllegalArgumentException if the query's length differs from {@link #dimension()}
   */
  Neighbors search(float[] query, int k);

  /** Number of indexed items. */
  int size();

  /** Vector dimension. */
  int dimension();
}
