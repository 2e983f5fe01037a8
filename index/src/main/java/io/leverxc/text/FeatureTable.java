package io.leverxc.text;

/**
 * Open-addressing hash table from a 64-bit feature key to the packed pair (feature id, idf) that
 * {@link #pack} builds. Key and value sit side by side in one array, so a lookup touches one cache
 * line. With hundreds of thousands of features the table does not fit in the CPU caches, and a
 * lookup that needs key, id and idf from three arrays costs three cache misses instead of one.
 *
 * <p>Probing is linear and the table is at most half full. The key is already a well-mixed hash,
 * so its low bits pick the slot directly. Immutable and thread-safe after construction.
 */
final class FeatureTable {
  /** Returned by {@link #lookup} for a key that is not in the table. */
  static final long MISSING = -1;

  private static final long EMPTY = 0;

  private final long[] slots;
  private final int mask;

  /**
   * Builds the table in which feature id i has key {@code keys[i]} and idf {@code idf[i]}.
   *
   * @throws IllegalArgumentException if a key repeats or an idf is not positive
   */
  FeatureTable(long[] keys, float[] idf) {
    if (keys.length != idf.length) {
      throw new IllegalArgumentException("feature table has " + keys.length + " keys but " + idf.length + " idf values");
    }
    int capacity = Integer.highestOneBit(Math.max(2, 2 * keys.length - 1)) << 1;
    this.slots = new long[2 * capacity];
    this.mask = capacity - 1;
    for (int id = 0; id < keys.length; id++) {
      if (!(idf[id] > 0)) {
        throw new IllegalArgumentException("idf of feature " + id + " must be positive, found " + idf[id]);
      }
      int slot = (int) keys[id] & mask;
      while (slots[2 * slot + 1] != EMPTY) {
        if (slots[2 * slot] == keys[id]) {
          throw new IllegalArgumentException(
              "features " + (int) (slots[2 * slot + 1] >>> 32) + " and " + id + " have the same key");
        }
        slot = (slot + 1) & mask;
      }
      slots[2 * slot] = keys[id];
      slots[2 * slot + 1] = pack(id, idf[id]);
    }
  }

  /**
   * Returns the feature id in the upper 32 bits and the raw bits of its idf in the lower 32 bits.
   * The result is positive because the id is non-negative and the idf is positive, so sorting
   * packed values sorts them by id.
   */
  static long pack(int id, float idf) {
    return ((long) id << 32) | (Float.floatToRawIntBits(idf) & 0xFFFF_FFFFL);
  }

  static int packedId(long packed) {
    return (int) (packed >>> 32);
  }

  static float packedIdf(long packed) {
    return Float.intBitsToFloat((int) packed);
  }

  /**
   * Replaces the first {@code count} keys in {@code keys} by their packed (id, idf), drops the keys
   * that are not in the table, and returns how many remain at the front of the array.
   *
   * <p>The first pass reads the home slot of every key with no branch in between, so the CPU can
   * wait for many cache misses at once. The second pass resolves the keys whose home slot contains
   * another key.
   *
   * @param slotKeys scratch of at least {@code count} entries
   * @param slotValues scratch of at least {@code count} entries
   */
  int lookupAll(long[] keys, int count, long[] slotKeys, long[] slotValues) {
    for (int i = 0; i < count; i++) {
      int slot = (int) keys[i] & mask;
      slotKeys[i] = slots[2 * slot];
      slotValues[i] = slots[2 * slot + 1];
    }
    int kept = 0;
    for (int i = 0; i < count; i++) {
      long value;
      if (slotKeys[i] == keys[i] && slotValues[i] != EMPTY) {
        value = slotValues[i];
      } else if (slotValues[i] == EMPTY) {
        continue;
      } else {
        value = lookup(keys[i], ((int) keys[i] + 1) & mask);
        if (value == MISSING) {
          continue;
        }
      }
      keys[kept++] = value;
    }
    return kept;
  }

  /** Returns the packed (id, idf) of {@code key}, or {@link #MISSING}. */
  long lookup(long key) {
    return lookup(key, (int) key & mask);
  }

  private long lookup(long key, int firstSlot) {
    int slot = firstSlot;
    while (true) {
      long value = slots[2 * slot + 1];
      if (value == EMPTY) {
        return MISSING;
      }
      if (slots[2 * slot] == key) {
        return value;
      }
      slot = (slot + 1) & mask;
    }
  }
}
