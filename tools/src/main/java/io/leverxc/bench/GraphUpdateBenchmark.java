package io.leverxc.bench;

import com.github.jelmerk.hnswlib.core.DistanceFunctions;
import com.github.jelmerk.hnswlib.core.Item;
import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import io.leverxc.ann.ExactSearcher;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Recall;
import io.leverxc.vector.DenseMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Compares two ways to get an hnswlib 1.2.1 graph over {@code rows} unit vectors when the first
 * {@code baseRows} are already indexed: a full rebuild, and growing the existing graph with
 * {@code resize} and {@code addAll} of the new rows. It reports both times, recall@k against exact
 * search, and the checks for the library's known hazards: that no item is lost and that every added
 * row is found by its own vector.
 *
 * <p>Vectors are compared by inner product, which is the cosine for unit rows.
 */
public final class GraphUpdateBenchmark {
  private final DenseMatrix vectors;
  private final int baseRows;
  private final IndexSettings settings;
  private final int threads;

  /** One graph's cost and quality. */
  public record Outcome(double seconds, double recall, int size, int addedNotFound) {}

  public GraphUpdateBenchmark(DenseMatrix vectors, int baseRows, IndexSettings settings, int threads) {
    if (baseRows < 1 || baseRows >= vectors.rows()) {
      throw new IllegalArgumentException(
          "--base (the rows the graph starts with) must be in [1, " + (vectors.rows() - 1) + "], one below the "
              + vectors.rows() + " vectors, got " + baseRows);
    }
    this.vectors = vectors;
    this.baseRows = baseRows;
    this.settings = settings;
    this.threads = threads;
  }

  /** Builds one graph over all rows from scratch, timing the whole build. */
  public Outcome fullRebuild(int[] queries, int k) throws InterruptedException {
    HnswIndex<Integer, float[], Row, Float> graph = newGraph(vectors.rows());
    long start = System.nanoTime();
    graph.addAll(rows(0, vectors.rows()), threads, (done, total) -> {}, Integer.MAX_VALUE);
    double seconds = (System.nanoTime() - start) / 1e9;
    return measure(graph, seconds, queries, k);
  }

  /** Builds a graph over the base rows (not timed), then grows it by the rest (timed). */
  public Outcome incrementalUpdate(int[] queries, int k) throws InterruptedException {
    HnswIndex<Integer, float[], Row, Float> graph = newGraph(baseRows);
    graph.addAll(rows(0, baseRows), threads, (done, total) -> {}, Integer.MAX_VALUE);
    long start = System.nanoTime();
    graph.resize(vectors.rows());
    graph.addAll(rows(baseRows, vectors.rows()), threads, (done, total) -> {}, Integer.MAX_VALUE);
    double seconds = (System.nanoTime() - start) / 1e9;
    return measure(graph, seconds, queries, k);
  }

  /** Returns {@code count} distinct query rows, half of them drawn from the added rows. */
  public int[] sampleQueries(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] queries = new int[Math.min(count, vectors.rows())];
    for (int i = 0; i < queries.length; i++) {
      boolean added = i % 2 == 0;
      queries[i] = added
          ? baseRows + random.nextInt(vectors.rows() - baseRows)
          : random.nextInt(baseRows);
    }
    return queries;
  }

  private HnswIndex<Integer, float[], Row, Float> newGraph(int capacity) {
    return HnswIndex.<float[], Float>newBuilder(vectors.columns(), DistanceFunctions.FLOAT_INNER_PRODUCT, capacity)
        .withM(settings.m())
        .withEfConstruction(settings.efConstruction())
        .withEf(settings.ef())
        .build();
  }

  private List<Row> rows(int from, int to) {
    List<Row> rows = new ArrayList<>(to - from);
    for (int row = from; row < to; row++) {
      rows.add(new Row(row, vectors.row(row)));
    }
    return rows;
  }

  private Outcome measure(HnswIndex<Integer, float[], Row, Float> graph, double seconds, int[] queries, int k) {
    ExactSearcher exact = new ExactSearcher(vectors);
    double recallSum = 0;
    for (int query : queries) {
      float[] vector = vectors.row(query);
      recallSum += Recall.at(exact.search(vector, k).ids(), ids(graph.findNearest(vector, k)), k);
    }
    int addedNotFound = 0;
    for (int row = baseRows; row < vectors.rows(); row++) {
      if (!foundByOwnVector(graph, row)) {
        addedNotFound++;
      }
    }
    return new Outcome(seconds, recallSum / queries.length, graph.size(), addedNotFound);
  }

  // A row counts as found when it, or a row with an identical vector, is the nearest result.
  private boolean foundByOwnVector(HnswIndex<Integer, float[], Row, Float> graph, int row) {
    float[] vector = vectors.row(row);
    List<SearchResult<Row, Float>> nearest = graph.findNearest(vector, 1);
    if (nearest.isEmpty()) {
      return false;
    }
    int top = nearest.getFirst().item().id();
    return top == row || java.util.Arrays.equals(vectors.row(top), vector);
  }

  private static int[] ids(List<SearchResult<Row, Float>> results) {
    int[] ids = new int[results.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = results.get(i).item().id();
    }
    return ids;
  }

  /** One matrix row as an hnswlib item. */
  record Row(Integer id, float[] vector) implements Item<Integer, float[]> {
    @Override
    public int dimensions() {
      return vector.length;
    }
  }
}
