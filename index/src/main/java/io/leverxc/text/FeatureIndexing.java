package io.leverxc.text;

/** How a {@link TfidfFeaturizer} maps a feature string to a feature id. */
public enum FeatureIndexing {
  /**
   * A vocabulary fitted on the training and label texts: features below the minimum document
   * frequency, or beyond the maximum vocabulary size, are dropped.
   */
  VOCABULARY,

  /**
   * Feature hashing into 2^hashBits buckets: every feature gets an id, and unrelated features that
   * land in the same bucket share it.
   */
  HASHING
}
