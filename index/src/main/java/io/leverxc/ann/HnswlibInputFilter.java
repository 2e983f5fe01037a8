package io.leverxc.ann;

import java.io.ObjectInputFilter;

/**
 * Allow-list for deserialising an hnswlib graph: only the classes that {@link HnswlibIndex}
 * writes may be created, so bytes naming any other serialisable class (a gadget chain) are
 * rejected before that class is instantiated. Depth, reference count and array size are bounded
 * as well.
 */
final class HnswlibInputFilter {
  /** Maximum array length in the stream. hnswlib writes its graph lists as raw ints, not arrays. */
  private static final int MAX_ARRAY = 1 << 20;

  static final ObjectInputFilter INSTANCE =
      ObjectInputFilter.Config.createFilter(
          String.join(
              ";",
              "maxdepth=20",
              "maxrefs=1000",
              "maxarray=" + MAX_ARRAY,
              "com.github.jelmerk.hnswlib.core.hnsw.HnswIndex",
              "io.leverxc.ann.HnswlibDistance",
              "io.leverxc.ann.HnswlibSerializers$Ids",
              "io.leverxc.ann.HnswlibSerializers$Rows",
              "java.util.Comparators$NaturalOrderComparator",
              "java.lang.Enum",
              "!*"));

  private HnswlibInputFilter() {}
}
