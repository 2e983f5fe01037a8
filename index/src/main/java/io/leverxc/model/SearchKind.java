package io.leverxc.model;

/** How shortlists are found at query time. */
public enum SearchKind {
  /** The bundle's HNSW graphs, or exact search when the bundle has none. */
  INDEX,
  /** Brute force over every label: slower, and the ground truth of the graphs' recall. */
  EXACT
}
