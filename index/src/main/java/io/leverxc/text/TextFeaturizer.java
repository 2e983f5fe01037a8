package io.leverxc.text;

import io.leverxc.vector.SparseVector;

/**
 * Turns a short text into an L2-normalised sparse feature vector. Training and serving use the
 * same fitted instance, so the same text always yields bit-identical vectors.
 *
 * <p>Implementations are thread-safe: each thread may call {@link #features} concurrently.
 */
public interface TextFeaturizer {

  /** Returns the features of {@code text}; an empty vector when the text has no known feature. */
  SparseVector features(String text);

  /** Number of feature dimensions (vocabulary size or hash buckets). */
  int dimension();
}
