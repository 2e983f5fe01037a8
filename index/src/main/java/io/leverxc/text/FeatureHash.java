package io.leverxc.text;

/**
 * The 64-bit hash that identifies a feature string. It runs FNV-1a over UTF-16 code units, starting
 * from a state that mixes in the seed and the feature family, then applies the 64-bit finalizer of
 * MurmurHash3 so that every output bit depends on every input bit. Vocabulary lookup and hashing
 * both use the key, so no feature string is ever allocated on the feature path.
 *
 * <p>The function is part of the model bundle format: changing it changes every feature id.
 */
final class FeatureHash {
  private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
  private static final long FMIX_MULTIPLIER_1 = 0xff51afd7ed558ccdL;
  private static final long FMIX_MULTIPLIER_2 = 0xc4ceb9fe1a85ec53L;

  private FeatureHash() {}

  /** Returns the starting state for a feature of {@code family} under {@code seed}. */
  static long start(int seed, FeatureFamily family) {
    return mix(FNV_OFFSET_BASIS ^ ((seed + 1L) * GOLDEN_GAMMA) ^ (family.ordinal() + 1L));
  }

  /** Returns the state after adding {@code length} code units of {@code chars} from {@code offset}. */
  static long update(long state, char[] chars, int offset, int length) {
    long hash = state;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      hash = (hash ^ chars[i]) * FNV_PRIME;
    }
    return hash;
  }

  /** Returns the state after adding one code unit. */
  static long update(long state, char c) {
    return (state ^ c) * FNV_PRIME;
  }

  /** Returns the key of the feature whose code units produced {@code state}. */
  static long finish(long state) {
    return mix(state);
  }

  /** Returns the key of one contiguous feature string. */
  static long hash(int seed, FeatureFamily family, char[] chars, int offset, int length) {
    return finish(update(start(seed, family), chars, offset, length));
  }

  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= FMIX_MULTIPLIER_1;
    h ^= h >>> 33;
    h *= FMIX_MULTIPLIER_2;
    h ^= h >>> 33;
    return h;
  }
}
