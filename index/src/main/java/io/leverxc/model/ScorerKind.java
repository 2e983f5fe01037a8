package io.leverxc.model;

/** Scores that rank the labels of a query. */
public enum ScorerKind {
  /** The fused score of the classifiers and the teacher's cosine over the union shortlist. */
  FUSED,
  /** The one-vs-all classifiers alone, over the same shortlist. */
  CLASSIFIER,
  /** The teacher alone: labels nearest to the document embedding by cosine. */
  TEACHER
}
