package io.leverxc.ann;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TaskExecutor;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswConcurrentMergeBuilder;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VectorIndex} on Lucene 10.6's HNSW graph ({@code org.apache.lucene.util.hnsw}), scored on
 * the rows of the matrix in place. After the build the graph is packed into flat int arrays (see
 * {@link PackedHnswGraph}), which is what searches read and what {@link #toBytes()} writes.
 */
final class LuceneHnswIndex implements VectorIndex {
  private static final Logger LOG = LoggerFactory.getLogger(LuceneHnswIndex.class);
  /** Seed of the level assignment, so single-threaded builds are reproducible. */
  private static final long LEVEL_SEED = 42;
  /** Build progress is logged about this many times. */
  private static final int PROGRESS_REPORTS = 10;
  private static final int MIN_PROGRESS_INTERVAL = 1_000;

  private final PackedHnswGraph graph;
  private final SimilaritySpace space;
  private final IndexSettings settings;

  private LuceneHnswIndex(PackedHnswGraph graph, SimilaritySpace space, IndexSettings settings) {
    this.graph = graph;
    this.space = space;
    this.settings = settings;
  }

  /**
   * Builds the graph: node by node with progress logs on one thread, or with Lucene's concurrent
   * builder on several.
   */
  static LuceneHnswIndex build(SimilaritySpace space, IndexSettings settings, int threads) {
    int rows = space.size();
    LuceneScorers.RowSupplier supplier = new LuceneScorers.RowSupplier(space);
    try {
      OnHeapHnswGraph onHeap =
          threads == 1 || rows < MIN_PROGRESS_INTERVAL
              ? buildSerial(supplier, settings, rows)
              : buildConcurrent(supplier, settings, rows, threads);
      return new LuceneHnswIndex(PackedHnswGraph.of(onHeap), space, settings);
    } catch (IOException e) {
      // The scorers read heap arrays and never throw; Lucene's interfaces declare IOException.
      throw new UncheckedIOException("Lucene HNSW build failed", e);
    }
  }

  private static OnHeapHnswGraph buildSerial(
      LuceneScorers.RowSupplier supplier, IndexSettings settings, int rows) throws IOException {
    HnswGraphBuilder builder =
        HnswGraphBuilder.create(supplier, settings.m(), settings.efConstruction(), LEVEL_SEED, rows);
    int interval = Math.max(MIN_PROGRESS_INTERVAL, rows / PROGRESS_REPORTS);
    for (int row = 0; row < rows; row++) {
      builder.addGraphNode(row);
      if ((row + 1) % interval == 0) {
        LOG.info("Lucene graph: {} of {} rows inserted", row + 1, rows);
      }
    }
    return builder.getCompletedGraph();
  }

  private static OnHeapHnswGraph buildConcurrent(
      LuceneScorers.RowSupplier supplier, IndexSettings settings, int rows, int threads)
      throws IOException {
    // An empty builder supplies the graph object, whose constructor is not public.
    OnHeapHnswGraph empty =
        HnswGraphBuilder.create(supplier, settings.m(), settings.efConstruction(), LEVEL_SEED, rows)
            .getGraph();
    ExecutorService executor =
        Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("lever-graph-build-", 0).daemon().factory());
    try {
      HnswConcurrentMergeBuilder builder =
          new HnswConcurrentMergeBuilder(
              new TaskExecutor(executor),
              threads,
              supplier,
              settings.m(),
              settings.efConstruction(),
              empty,
              null);
      LOG.info("Lucene graph: inserting {} rows on {} threads", rows, threads);
      // NOTE: the concurrent builder has no progress hook, so only its start and end are logged.
      return builder.build(rows);
    } finally {
      executor.shutdown();
    }
  }

  /** Restores a graph written by {@link #toBytes()}. */
  static LuceneHnswIndex read(
      ByteBuffer payload, SimilaritySpace space, IndexSettings settings, String source) {
    PackedHnswGraph graph = PackedHnswGraph.fromBytes(payload, space.size(), source);
    return new LuceneHnswIndex(graph, space, settings);
  }

  @Override
  public Neighbors search(float[] query, int k, int ef) {
    SearchArguments.check(space.dimension(), query, k, ef);
    if (k == 0 || space.size() == 0) {
      return new Neighbors(new int[0], new float[0]);
    }
    LuceneScorers.QueryScorer scorer =
        new LuceneScorers.QueryScorer(space, space.prepareQuery(query));
    TopKnnCollector collector = new TopKnnCollector(Math.max(ef, k), Integer.MAX_VALUE);
    try {
      HnswGraphSearcher.search(scorer, collector, graph.cursor(), null);
    } catch (IOException e) {
      throw new UncheckedIOException("Lucene HNSW search failed", e);
    }
    TopDocs top = collector.topDocs();
    int[] candidates = new int[top.scoreDocs.length];
    int count = 0;
    for (ScoreDoc hit : top.scoreDocs) {
      candidates[count++] = hit.doc;
    }
    return space.rescore(query, candidates, count, k);
  }

  /** Number of layers in the graph. */
  int levels() {
    return graph.levels();
  }

  @Override
  public byte[] toBytes() {
    return IndexEnvelope.write(settings, space, graph.toBytes());
  }

  @Override
  public Similarity similarity() {
    return space.similarity();
  }

  @Override
  public IndexSettings settings() {
    return settings;
  }

  @Override
  public int size() {
    return space.size();
  }

  @Override
  public int dimension() {
    return space.dimension();
  }
}
