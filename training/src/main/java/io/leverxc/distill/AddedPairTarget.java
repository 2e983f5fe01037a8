package io.leverxc.distill;

/**
 * Target of a (document, label) pair that the teacher added and the ground truth lacks, so
 * {@code y = 0} for it.
 */
public enum AddedPairTarget {
  /** {@code (1 − λ) · p̂}: the LEVER objective taken literally with {@code y = 0}. */
  MIXED,
  /** {@code p̂}: the value the LEVER reference code stores in its augmented label matrix. */
  TEACHER
}
