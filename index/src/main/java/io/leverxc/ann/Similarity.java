package io.leverxc.ann;

/** Scoring function of a {@link VectorIndex}: a higher score means a closer vector. */
public enum Similarity {
  /** Cosine of the angle; rows need not be normalised, because the index divides by the norms. */
  COSINE,
  /**
   * Raw inner product, for unnormalised vectors such as one-vs-all classifier weights. Graph
   * backends reduce it to cosine by appending one coordinate to every row (see {@link
   * SimilaritySpace}), so the graph finds the maximum inner product neighbours.
   */
  INNER_PRODUCT
}
