package io.leverxc.ann;

/** Argument checks shared by every {@link VectorIndex} backend. */
final class SearchArguments {
  private SearchArguments() {}

  static void check(int dimension, float[] query, int k, int ef) {
    if (query.length != dimension) {
      throw new IllegalArgumentException(
          "query has dimension " + query.length + ", the index has " + dimension);
    }
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    IndexSettings.checkRange("ef", ef, 1, IndexSettings.MAX_EF);
  }
}
