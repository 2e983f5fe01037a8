package io.leverxc.ann;

/**
 * A nearest-neighbour index over the rows of a matrix, built by {@link VectorIndexes#build} and
 * restored by {@link VectorIndexes#fromBytes}. Scores are the index's {@link Similarity}: the
 * cosine, or the raw inner product. Searches are thread-safe.
 *
 * <p>The index keeps a reference to the matrix it was built on and reads rows from it, so the
 * matrix must not change while the index is in use.
 */
public interface VectorIndex extends VectorSearcher {

  /**
   * Returns up to {@code k} rows closest to {@code query}, best first, exploring {@code
   * max(ef, k)} candidates in a graph index. The exact backend ignores {@code ef}.
   *
   * @throws IllegalArgumentException if the query's length differs from {@link #dimension()}, or
   *     {@code k} or {@code ef} is out of range
   */
  Neighbors search(float[] query, int k, int ef);

  /** Searches with the default {@code ef} of {@link #settings()}. */
  @Override
  default Neighbors search(float[] query, int k) {
    return search(query, k, settings().ef());
  }

  /** The scoring function of this index. */
  Similarity similarity();

  /** The settings the index was built with. */
  IndexSettings settings();

  /**
   * Serialises the index (graph and settings, not the vectors) in the envelope that {@link
   * VectorIndexes#fromBytes} reads.
   */
  byte[] toBytes();
}
