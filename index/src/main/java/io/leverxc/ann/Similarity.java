package io.leverxc.ann;

/** Scoring function of a {@link VectorIndex}: a higher score means a closer vector. */
public enum Similarity {
  /** Cosine of the angle; rows need not be normalised, because the index divides by the norms. */
  COSINE,
  /**
   * Raw inner product, for unnormalised vectors such as one-vs-all classifier weights. Graph
   * backends link rows by their inner product, scaled by the largest row norm (see {@link
   * SimilaritySpace}).
   */
  INNER_PRODUCT
}
