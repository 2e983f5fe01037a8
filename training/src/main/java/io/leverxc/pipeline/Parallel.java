package io.leverxc.pipeline;

import io.leverxc.parallel.RangeWorkers;
import io.leverxc.text.TextFeaturizer;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Data-parallel helpers for the pipeline's embarrassingly parallel steps. */
final class Parallel {
  private Parallel() {}

  /**
   * Runs {@code work} on a fork-join pool of {@code threads} threads and returns its result. The
   * parallel streams that {@code work} starts then run on that pool rather than the JVM-wide common
   * pool, which uses every processor, so {@code --threads} bounds them too. Steps with
   * their own executors (teacher, classifiers, graphs) size those from the settings.
   *
   * @throws RuntimeException or Error as thrown by {@code work}, unchanged
   */
  static <T> T within(int threads, Supplier<T> work) {
    ForkJoinPool pool = new ForkJoinPool(threads, Parallel::trainingThread, null, false);
    try {
      // A CompletableFuture hands back the work's own exception; a ForkJoinTask may rethrow a copy.
      return CompletableFuture.supplyAsync(work, pool).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (ExecutionException e) {
      throw RangeWorkers.unchecked(e.getCause(), "training failed");
    } finally {
      pool.shutdown();
    }
  }

  /** Makes a pool thread named lever-train-N, so that log lines name the training, not a pool number. */
  private static java.util.concurrent.ForkJoinWorkerThread trainingThread(ForkJoinPool pool) {
    java.util.concurrent.ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
    thread.setName("lever-train-" + thread.getPoolIndex());
    return thread;
  }

  /** Extracts the features of every text, in order, on {@code threads} threads. */
  static List<SparseVector> features(TextFeaturizer featurizer, List<String> texts, int threads) {
    SparseVector[] result = new SparseVector[texts.size()];
    int chunks = Math.max(1, threads * 4);
    int chunkSize = (texts.size() + chunks - 1) / chunks;
    Runnable job =
        () -> IntStream.range(0, chunks)
            .parallel()
            .forEach(
                chunk -> {
                  int end = Math.min(texts.size(), (chunk + 1) * chunkSize);
                  for (int i = chunk * chunkSize; i < end; i++) {
                    result[i] = featurizer.features(texts.get(i));
                  }
                });
    var pool = new java.util.concurrent.ForkJoinPool(threads);
    try {
      pool.submit(job).join();
    } finally {
      pool.shutdown();
    }
    return Arrays.asList(result);
  }
}
