package io.leverxc.model;

import io.leverxc.vector.SparseVector;

/**
 * Maps the sparse text features of a document or label to a dense unit-norm embedding. The same
 * encoder embeds both sides (Siamese), so the cosine of two embeddings scores a pair.
 *
 * <p>Implementations are thread-safe for concurrent {@link #encode} calls.
 */
public interface DocumentEncoder {

  /** Embedding dimension. */
  int dimension();

  /**
   * Writes the unit-norm embedding of {@code features} into {@code out}; an empty feature vector
   * yields the zero vector.
   */
  void encode(SparseVector features, float[] out);
}
