package io.leverxc.text;

/** Receives the features of one text from a {@link FeatureExtractor}, one call per occurrence. */
interface FeatureSink {
  /**
   * Accepts one feature occurrence.
   *
   * @param key the feature's 64-bit hash
   * @param chars buffer that holds the feature string; valid only during this call
   */
  void accept(long key, FeatureFamily family, char[] chars, int offset, int length);
}
