package io.leverxc.text;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

/**
 * Fitted feature vocabulary: feature id i has 64-bit key {@code keys[i]} and readable form {@code
 * terms[i]} (family prefix, then the feature string, e.g. "w:substanc").
 *
 * <p>Lookup goes by key alone, so a feature outside the vocabulary whose 64-bit key equals the key
 * of a vocabulary feature would take that feature's id. With a million features the chance that
 * any given unseen feature collides is about 2^-44.
 */
final class Vocabulary {
  private static final int MISSING = -1;

  private final long[] keys;
  private final String[] terms;
  private final Long2IntOpenHashMap ids;

  /**
   * Creates the vocabulary; the arrays become owned by it.
   *
   * @throws IllegalArgumentException if the lengths differ or a key repeats
   */
  Vocabulary(long[] keys, String[] terms) {
    if (keys.length != terms.length) {
      throw new IllegalArgumentException(
          "vocabulary has " + keys.length + " keys but " + terms.length + " terms");
    }
    this.keys = keys;
    this.terms = terms;
    this.ids = new Long2IntOpenHashMap(keys.length);
    ids.defaultReturnValue(MISSING);
    for (int id = 0; id < keys.length; id++) {
      int previous = ids.put(keys[id], id);
      if (previous != MISSING) {
        throw new IllegalArgumentException(
            "vocabulary key of '" + terms[id] + "' repeats the key of '" + terms[previous] + "'");
      }
    }
  }

  /** Returns the feature id of {@code key}, or -1 if the feature is not in the vocabulary. */
  int id(long key) {
    return ids.get(key);
  }

  int size() {
    return keys.length;
  }

  long key(int id) {
    return keys[id];
  }

  String term(int id) {
    return terms[id];
  }
}
