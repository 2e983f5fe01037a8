package io.leverxc.pipeline;

import io.leverxc.text.TextFeaturizer;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Data-parallel helpers for the pipeline's embarrassingly parallel steps. */
final class Parallel {
  private Parallel() {}

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
