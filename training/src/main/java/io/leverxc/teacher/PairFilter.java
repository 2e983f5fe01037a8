package io.leverxc.teacher;

/**
 * (document, label) pairs to drop from predictions before scoring, such as the reciprocal pairs
 * of label-feature data sets; {@code FilterPairs::contains} fits.
 */
@FunctionalInterface
public interface PairFilter {
  /** A filter that drops nothing. */
  PairFilter NONE = (document, label) -> false;

  boolean excludes(int document, int label);
}
