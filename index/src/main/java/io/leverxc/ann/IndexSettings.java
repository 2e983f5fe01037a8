package io.leverxc.ann;

/**
 * Validated settings of an HNSW index.
 *
 * @param backend implementation to build
 * @param m maximum number of neighbours per node on the upper layers (layer 0 keeps up to {@code
 *     2 * m}); more neighbours raise recall, memory and build time
 * @param efConstruction candidate list size while inserting a node; larger builds a better graph
 *     more slowly
 * @param ef candidate list size of a search that names none; larger raises recall and lowers speed.
 *     A search never uses fewer candidates than the number of results it returns. The fused scorer
 *     takes it as an upper bound for its label and classifier graph searches, which use twice the
 *     labels they return up to this size.
 */
public record IndexSettings(IndexBackend backend, int m, int efConstruction, int ef) {
  /** Smallest allowed {@code m}: with one neighbour per node the graph degenerates to a list. */
  public static final int MIN_M = 2;
  /** Largest allowed {@code m}; Lucene rejects larger values too. */
  public static final int MAX_M = 512;
  /** Smallest allowed {@code efConstruction}: Lucene's graph builder fails with a candidate list of 1. */
  public static final int MIN_EF_CONSTRUCTION = 2;
  /** Largest allowed {@code efConstruction}, as in Lucene's beam width limit. */
  public static final int MAX_EF_CONSTRUCTION = 3200;
  /** Largest allowed search {@code ef}. */
  public static final int MAX_EF = 100_000;

  /**
   * Backend of {@link #defaults()}. Lucene's graph reached higher recall at the same ef and more
   * queries per second than hnswlib in {@code lever bench index}, and it loads without Java
   * deserialisation.
   */
  public static final IndexBackend DEFAULT_BACKEND = IndexBackend.LUCENE;

  public static final int DEFAULT_M = 16;
  public static final int DEFAULT_EF_CONSTRUCTION = 100;
  public static final int DEFAULT_EF = 200;

  /**
   * Checks every setting against its range.
   *
   * @throws IllegalArgumentException naming the first setting out of range, its value and the range
   */
  public IndexSettings {
    if (backend == null) {
      throw new IllegalArgumentException("backend is missing; use one of HNSWLIB, LUCENE, EXACT");
    }
    checkRange("m", m, MIN_M, MAX_M);
    checkRange("efConstruction", efConstruction, MIN_EF_CONSTRUCTION, MAX_EF_CONSTRUCTION);
    checkRange("ef", ef, 1, MAX_EF);
  }

  /** Returns the default settings on the default backend. */
  public static IndexSettings defaults() {
    return defaults(DEFAULT_BACKEND);
  }

  /** Returns the default settings for {@code backend}. */
  public static IndexSettings defaults(IndexBackend backend) {
    return new IndexSettings(backend, DEFAULT_M, DEFAULT_EF_CONSTRUCTION, DEFAULT_EF);
  }

  /** Returns a copy with another search {@code ef}. */
  public IndexSettings withEf(int newEf) {
    return new IndexSettings(backend, m, efConstruction, newEf);
  }

  static void checkRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "invalid index setting " + name + "=" + value + ": expected " + min + " to " + max);
    }
  }
}
