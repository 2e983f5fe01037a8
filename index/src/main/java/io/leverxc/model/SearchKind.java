package io.leverxc.model;

/** Search method for shortlists at query time. */
public enum SearchKind {
  /** The bundle's HNSW graphs, or exact search when the bundle has none. */
  INDEX,
  /** Brute force over every label: slower, and the ground truth of the graphs' recall. */
  EXACT
}
