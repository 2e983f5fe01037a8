package io.leverxc.bench;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.leverxc.ann.Neighbors;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.vector.DenseMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * An approximate inner product searcher over hnswlib, for benchmarks on label sets too large for
 * exact search. Graph builds are not reproducible, because hnswlib draws node levels from a
 * thread-local random source. On 54,000 rows of 128 dimensions a build took over 5 minutes on a
 * heavily shared 2-core machine, longer than exact search of every row against 15,000 labels.
 */
// NOTE: a benchmark-only stand-in until the project's own HNSW searcher is merged.
public final class HnswBenchSearcher implements VectorSearcher {
  private static final int MAX_CONNECTIONS = 16;
  private static final int EF_CONSTRUCTION = 100;
  private static final int EF_SEARCH = 150;

  private final HnswIndex<Integer, float[], VectorItem, Float> index;
  private final int size;
  private final int dimension;

  private record VectorItem(Integer id, float[] vector) implements Item<Integer, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }

  /** Builds the graph over every row of {@code vectors} with {@code threads} threads. */
  public HnswBenchSearcher(DenseMatrix vectors, int threads) {
    this.size = vectors.rows();
    this.dimension = vectors.columns();
    this.index = HnswIndex.newBuilder(dimension, DistanceFunctions.FLOAT_INNER_PRODUCT, Math.max(1, size))
        .withM(MAX_CONNECTIONS)
        .withEfConstruction(EF_CONSTRUCTION)
        .withEf(EF_SEARCH)
        .build();
    List<VectorItem> items = new ArrayList<>(size);
    for (int row = 0; row < size; row++) {
      items.add(new VectorItem(row, vectors.row(row)));
    }
    try {
      index.addAll(items, threads, (done, max) -> {}, Integer.MAX_VALUE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the HNSW graph", e);
    }
  }

  @Override
  public Neighbors search(float[] query, int k) {
    if (query.length != dimension) {
      throw new IllegalArgumentException("query has dimension " + query.length + ", the index has " + dimension);
    }
    List<SearchResult<VectorItem, Float>> results = index.findNearest(query, k);
    int[] ids = new int[results.size()];
    float[] scores = new float[results.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = results.get(i).item().id();
      // hnswlib's inner product distance is 1 − x·y.
      scores[i] = 1f - results.get(i).distance();
    }
    return new Neighbors(ids, scores);
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dimension() {
    return dimension;
  }
}
