package io.leverxc.text;

/**
 * Fitted feature vocabulary: feature id i has 64-bit key {@code keys[i]} and readable form {@code
 * terms[i]} (family prefix, then the feature string, e.g. "w:substanc").
 *
 * <p>Lookup goes by key alone (see {@link FeatureTable}), so a feature outside the vocabulary whose
 * 64-bit key equals the key of a vocabulary feature would take that feature's id. With a million
 * features the chance that a given unseen feature collides is about 2^-44.
 */
final class Vocabulary {
  private final long[] keys;
  private final String[] terms;

  /**
   * Creates the vocabulary, which takes ownership of the arrays.
   *
   * @throws IllegalArgumentException if the lengths differ
   */
  Vocabulary(long[] keys, String[] terms) {
    if (keys.length != terms.length) {
      throw new IllegalArgumentException(
          "vocabulary has " + keys.length + " keys but " + terms.length + " terms");
    }
    this.keys = keys;
    this.terms = terms;
  }

  int size() {
    return keys.length;
  }

  long key(int id) {
    return keys[id];
  }

  /** The key array itself; callers must not modify it. */
  long[] keys() {
    return keys;
  }

  String term(int id) {
    return terms[id];
  }
}
