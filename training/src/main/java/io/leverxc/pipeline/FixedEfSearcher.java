package io.leverxc.pipeline;

import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Neighbors;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorSearcher;

/**
 * A view of a {@link VectorIndex} that searches with its own candidate list size {@code ef}
 * instead of the index's default, for searches that trade recall for speed, such as finding hard
 * negatives, where a near miss is as useful as the exact neighbour.
 */
final class FixedEfSearcher implements VectorSearcher {
  private final VectorIndex index;
  private final int ef;

  /**
   * @throws IllegalArgumentException if {@code ef} is outside [1, {@link IndexSettings#MAX_EF}]
   */
  FixedEfSearcher(VectorIndex index, int ef) {
    if (ef < 1 || ef > IndexSettings.MAX_EF) {
      throw new IllegalArgumentException("ef must be in [1, " + IndexSettings.MAX_EF + "], got " + ef);
    }
    this.index = index;
    this.ef = ef;
  }

  @Override
  public Neighbors search(float[] query, int k) {
    return index.search(query, k, ef);
  }

  @Override
  public int size() {
    return index.size();
  }

  @Override
  public int dimension() {
    return index.dimension();
  }
}
