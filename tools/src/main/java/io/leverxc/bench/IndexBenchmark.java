package io.leverxc.bench;

import io.leverxc.ann.IndexBackend;
import io.leverxc.ann.IndexSettings;
import io.leverxc.ann.Recall;
import io.leverxc.ann.Similarity;
import io.leverxc.ann.VectorIndex;
import io.leverxc.ann.VectorIndexes;
import io.leverxc.vector.DenseMatrix;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recall and single-thread throughput of graph indexes against brute force, over an ef sweep.
 *
 * <p>Every search requests {@link Config#k()} results; recall@10 and recall@k are both computed
 * from that one list against the exact top {@code k}. Queries run one after another on one
 * thread, after one untimed pass over all queries to warm up the JIT.
 */
public final class IndexBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(IndexBenchmark.class);
  /** The smaller recall cut-off reported next to recall@k. */
  public static final int SMALL_K = 10;
  /** Exact searches run untimed before the timed ones, to warm up the JIT. */
  private static final int EXACT_WARMUP_QUERIES = 20;

  /** Benchmark parameters. */
  public record Config(
      Similarity similarity,
      List<IndexBackend> backends,
      int m,
      int efConstruction,
      int[] efs,
      int k,
      int threads) {}

  /** One row of the recall–QPS table; the exact baseline has ef 0. */
  public record Result(
      String backend,
      int ef,
      double recallAtSmallK,
      double recallAtK,
      double queriesPerSecond,
      double speedup,
      double buildSeconds,
      double bytesPerLabel) {}

  /** Exact top-k ids per query and the single-thread QPS of the brute-force search behind them. */
  public record ExactRun(int[][] ids, double queriesPerSecond) {}

  private IndexBenchmark() {}

  /** Searches every query by brute force, timing all but the warm-up queries. */
  public static ExactRun exact(DenseMatrix vectors, DenseMatrix queries, Similarity similarity, int k) {
    VectorIndex exact =
        VectorIndexes.build(vectors, similarity, IndexSettings.defaults(IndexBackend.EXACT), 1);
    int[][] ids = new int[queries.rows()][];
    double qps = timeExact(exact, queries, k, ids);
    return new ExactRun(ids, qps);
  }

  /**
   * Runs the sweep. {@code truth} contains the exact top ids per query from a file, or null to use
   * those of {@code exactRun}.
   */
  public static List<Result> run(
      DenseMatrix vectors, DenseMatrix queries, int[][] truth, ExactRun exactRun, Config config) {
    List<Result> results = new ArrayList<>();
    int[][] exactIds = exactRun.ids();
    double exactQps = exactRun.queriesPerSecond();
    if (truth == null) {
      truth = exactIds;
    } else if (truth.length != queries.rows()) {
      throw new IllegalArgumentException(
          "truth has " + truth.length + " rows but there are " + queries.rows() + " queries");
    }
    results.add(
        new Result("EXACT", 0, recall(truth, exactIds, SMALL_K), recall(truth, exactIds, config.k()),
            exactQps, 1.0, 0.0, 0.0));
    for (IndexBackend backend : config.backends()) {
      IndexSettings settings =
          new IndexSettings(backend, config.m(), config.efConstruction(), config.efs()[0]);
      long start = System.nanoTime();
      VectorIndex index = VectorIndexes.build(vectors, config.similarity(), settings, config.threads());
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      byte[] bytes = index.toBytes();
      double bytesPerLabel = (double) bytes.length / Math.max(1, vectors.rows());
      // Searches run on the restored copy, so every run also checks persistence at this size.
      long loadStart = System.nanoTime();
      index = VectorIndexes.fromBytes(bytes, vectors);
      LOG.info("{}: built in {} s, {} serialised bytes per vector, restored in {} ms", backend,
          String.format(java.util.Locale.ROOT, "%.1f", buildSeconds), String.format(java.util.Locale.ROOT, "%.1f", bytesPerLabel),
          (System.nanoTime() - loadStart) / 1_000_000);
      warmUp(index, queries, config.k(), config.efs()[0]);
      for (int ef : config.efs()) {
        int[][] found = new int[queries.rows()][];
        long searchStart = System.nanoTime();
        for (int q = 0; q < queries.rows(); q++) {
          found[q] = index.search(queries.row(q), config.k(), ef).ids();
        }
        double qps = queries.rows() / ((System.nanoTime() - searchStart) / 1e9);
        Result result = new Result(backend.name(), ef, recall(truth, found, SMALL_K),
            recall(truth, found, config.k()), qps, qps / exactQps, buildSeconds, bytesPerLabel);
        LOG.info("{} ef={}: recall@{}={} recall@{}={} qps={}", backend, ef, SMALL_K,
            String.format(java.util.Locale.ROOT, "%.4f", result.recallAtSmallK()), config.k(),
            String.format(java.util.Locale.ROOT, "%.4f", result.recallAtK()), String.format(java.util.Locale.ROOT, "%.0f", qps));
        results.add(result);
      }
    }
    return results;
  }

  private static double timeExact(VectorIndex exact, DenseMatrix queries, int k, int[][] ids) {
    // At most half of the queries warm up, so that a small query set still gets a timed figure.
    int warmup = Math.min(EXACT_WARMUP_QUERIES, queries.rows() / 2);
    for (int q = 0; q < warmup; q++) {
      ids[q] = exact.search(queries.row(q), k).ids();
    }
    LOG.info("exact search over {} queries for the ground truth", queries.rows());
    long start = System.nanoTime();
    for (int q = warmup; q < queries.rows(); q++) {
      ids[q] = exact.search(queries.row(q), k).ids();
    }
    int timed = queries.rows() - warmup;
    return timed == 0 ? Double.NaN : timed / ((System.nanoTime() - start) / 1e9);
  }

  private static void warmUp(VectorIndex index, DenseMatrix queries, int k, int ef) {
    for (int q = 0; q < queries.rows(); q++) {
      index.search(queries.row(q), k, ef);
    }
  }

  private static double recall(int[][] truth, int[][] found, int k) {
    double sum = 0;
    for (int q = 0; q < truth.length; q++) {
      sum += Recall.at(truth[q], found[q], k);
    }
    return truth.length == 0 ? Double.NaN : sum / truth.length;
  }
}
