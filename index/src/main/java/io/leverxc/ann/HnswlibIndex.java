package io.leverxc.ann;

import com.github.jelmerk.hnswlib.core.SearchResult;
import com.github.jelmerk.hnswlib.core.hnsw.HnswIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link VectorIndex} on the HNSW graph of jelmerk hnswlib 1.2.1, with distances computed on the
 * rows of the matrix in place.
 *
 * <p>hnswlib keeps one search {@code ef} per index. A search with the current {@code ef} runs
 * under a shared lock. A search with another {@code ef} takes the exclusive lock, switches the
 * index to that {@code ef} and leaves it there, so a run of searches with one {@code ef} (an ef
 * sweep, a server with a fixed setting) stays concurrent.
 */
final class HnswlibIndex implements VectorIndex {
  private static final Logger LOG = LoggerFactory.getLogger(HnswlibIndex.class);
  /** Build progress is logged about this many times. */
  private static final int PROGRESS_REPORTS = 10;
  private static final int MIN_PROGRESS_INTERVAL = 1_000;

  private final HnswIndex<Integer, HnswlibRow, HnswlibRow, Float> graph;
  private final SimilaritySpace space;
  private final IndexSettings settings;
  private final ReadWriteLock efLock = new ReentrantReadWriteLock();

  private HnswlibIndex(
      HnswIndex<Integer, HnswlibRow, HnswlibRow, Float> graph,
      SimilaritySpace space,
      IndexSettings settings) {
    this.graph = graph;
    this.space = space;
    this.settings = settings;
  }

  /**
   * Inserts every row of {@code space} into a new graph on {@code threads} threads.
   *
   * <p>NOTE: hnswlib 1.2.1 draws each item's level from ThreadLocalRandom, which cannot be seeded,
   * so two builds of the same rows differ, and so do trainings that search the graph for negatives.
   */
  static HnswlibIndex build(SimilaritySpace space, IndexSettings settings, int threads) {
    int rows = space.size();
    int dimension = space.dimension();
    HnswIndex<Integer, HnswlibRow, HnswlibRow, Float> graph =
        HnswIndex.<HnswlibRow, Float>newBuilder(
                dimension, new HnswlibDistance(space), Math.max(1, rows))
            .withM(settings.m())
            .withEfConstruction(settings.efConstruction())
            .withEf(settings.ef())
            .withCustomSerializers(new HnswlibSerializers.Ids(), new HnswlibSerializers.Rows(dimension))
            .build();
    List<HnswlibRow> items = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      items.add(HnswlibRow.ofRow(row, dimension));
    }
    int interval = Math.max(MIN_PROGRESS_INTERVAL, rows / PROGRESS_REPORTS);
    // NOTE: hnswlib 1.2.1 keeps a pool of visited-set buffers sized by the available processors,
    // and a build on many more threads than that (300 on 2 cores) stopped making progress with
    // every worker waiting on the pool. More threads than cores would not speed the build anyway.
    int workers = Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors()));
    try {
      graph.addAll(
          items,
          workers,
          (done, total) -> LOG.info("hnswlib graph: {} of {} rows inserted", done, total),
          interval);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the hnswlib graph", e);
    }
    return new HnswlibIndex(graph, space, settings);
  }

  /**
   * Deserialises a graph written by {@link #payload()}, accepting only the classes in {@link
   * HnswlibInputFilter}, and checks it against {@code settings} and {@code space}.
   */
  static HnswlibIndex read(
      ByteBuffer payload, SimilaritySpace space, IndexSettings settings, String source) {
    Object object;
    try (ObjectInputStream in =
        new ObjectInputStream(
            new ByteArrayInputStream(payload.array(), payload.arrayOffset(), payload.remaining()))) {
      in.setObjectInputFilter(HnswlibInputFilter.INSTANCE);
      // NOTE: the filter limits classes, not the sizes hnswlib reads from its own header: a crafted
      // graph with a valid checksum can still request a huge node array and exhaust the heap.
      object = in.readObject();
    } catch (InvalidClassException e) {
      throw new CorruptIndexException(
          source, "hnswlib graph contains a class outside the allow-list: " + e.getMessage(), e);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new CorruptIndexException(source, "cannot read the hnswlib graph: " + e, e);
    }
    if (!(object instanceof HnswIndex<?, ?, ?, ?> loaded)
        || !(loaded.getDistanceFunction() instanceof HnswlibDistance distance)) {
      throw new CorruptIndexException(
          source, "expected an hnswlib HnswIndex over Lever-XC rows, found " + object.getClass());
    }
    @SuppressWarnings("unchecked")
    HnswIndex<Integer, HnswlibRow, HnswlibRow, Float> graph =
        (HnswIndex<Integer, HnswlibRow, HnswlibRow, Float>) loaded;
    checkLoaded(graph, space, settings, source);
    distance.attach(space);
    return new HnswlibIndex(graph, space, settings);
  }

  private static void checkLoaded(
      HnswIndex<Integer, HnswlibRow, HnswlibRow, Float> graph,
      SimilaritySpace space,
      IndexSettings settings,
      String source) {
    if (graph.getM() != settings.m() || graph.getEfConstruction() != settings.efConstruction()) {
      throw new CorruptIndexException(
          source,
          "hnswlib graph has m="
              + graph.getM()
              + ", efConstruction="
              + graph.getEfConstruction()
              + " but the header records m="
              + settings.m()
              + ", efConstruction="
              + settings.efConstruction());
    }
    if (graph.size() != space.size() || graph.getDimensions() != space.dimension()) {
      throw new CorruptIndexException(
          source,
          "hnswlib graph holds "
              + graph.size()
              + " rows of dimension "
              + graph.getDimensions()
              + ", expected "
              + space.size()
              + " of dimension "
              + space.dimension());
    }
    for (HnswlibRow item : graph.items()) {
      if (item.row < 0 || item.row >= space.size()) {
        throw new CorruptIndexException(
            source,
            "hnswlib graph refers to row " + item.row + ", expected 0 to " + (space.size() - 1));
      }
    }
    graph.setEf(settings.ef());
  }

  @Override
  public Neighbors search(float[] query, int k, int ef) {
    SearchArguments.check(space.dimension(), query, k, ef);
    if (k == 0 || space.size() == 0) {
      return new Neighbors(new int[0], new float[0]);
    }
    HnswlibRow prepared = HnswlibRow.ofQuery(space.prepareQuery(query));
    List<SearchResult<HnswlibRow, Float>> results = findNearest(prepared, k, ef);
    int[] candidates = new int[results.size()];
    for (int i = 0; i < candidates.length; i++) {
      candidates[i] = results.get(i).item().row;
    }
    return space.rescore(query, candidates, candidates.length, k);
  }

  private List<SearchResult<HnswlibRow, Float>> findNearest(HnswlibRow query, int k, int ef) {
    efLock.readLock().lock();
    try {
      if (graph.getEf() == ef) {
        return graph.findNearest(query, k);
      }
    } finally {
      efLock.readLock().unlock();
    }
    efLock.writeLock().lock();
    try {
      graph.setEf(ef);
      return graph.findNearest(query, k);
    } finally {
      efLock.writeLock().unlock();
    }
  }

  /** Returns hnswlib's own serialisation of the graph. */
  byte[] payload() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    efLock.writeLock().lock();
    try {
      // The saved ef is irrelevant: loading resets it to the header's ef.
      graph.save(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialise the hnswlib graph", e);
    } finally {
      efLock.writeLock().unlock();
    }
    return out.toByteArray();
  }

  @Override
  public byte[] toBytes() {
    return IndexEnvelope.write(settings, space, payload());
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
