package io.leverxc.bench;

import io.leverxc.vector.DenseMatrix;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A stand-in teacher for benchmarks: the TF-IDF bag of words of a text, projected to a few
 * hundred dimensions by a fixed Gaussian random vector per word, then scaled to unit length.
 * Random projection roughly keeps the cosine of two TF-IDF vectors, so this encoder gives real,
 * if weak, embeddings for measuring the classifiers before a trained teacher is available.
 */
public final class HashedProjectionEncoder {
  private final int dimension;
  private final long seed;
  private final Map<String, Float> inverseDocumentFrequency;
  private final Map<String, float[]> wordVectors = new ConcurrentHashMap<>();

  /** Fits the inverse document frequencies on {@code corpus}. */
  public HashedProjectionEncoder(List<String> corpus, int dimension, long seed) {
    this.dimension = dimension;
    this.seed = seed;
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (String text : corpus) {
      for (String word : new java.util.HashSet<>(tokens(text))) {
        documentFrequency.merge(word, 1, Integer::sum);
      }
    }
    Map<String, Float> idf = new HashMap<>(documentFrequency.size() * 2);
    double size = corpus.size();
    documentFrequency.forEach((word, count) -> idf.put(word, (float) (Math.log((1 + size) / (1 + count)) + 1)));
    this.inverseDocumentFrequency = idf;
  }

  private static List<String> tokens(String text) {
    return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(word -> !word.isEmpty())
        .toList();
  }

  /** Returns the unit embeddings of {@code texts}, one row each; texts without known words give zero rows. */
  public DenseMatrix encode(List<String> texts) {
    DenseMatrix embeddings = new DenseMatrix(texts.size(), dimension);
    IntStream.range(0, texts.size()).parallel().forEach(row -> {
      Map<String, Integer> counts = new HashMap<>();
      for (String word : tokens(texts.get(row))) {
        counts.merge(word, 1, Integer::sum);
      }
      float[] data = embeddings.data();
      int offset = embeddings.offset(row);
      counts.forEach((word, count) -> {
        Float idf = inverseDocumentFrequency.get(word);
        if (idf == null) {
          return;
        }
        float weight = (float) (1 + Math.log(count)) * idf;
        float[] vector = wordVectors.computeIfAbsent(word, this::randomVector);
        for (int c = 0; c < dimension; c++) {
          data[offset + c] += weight * vector[c];
        }
      });
    });
    embeddings.normalizeRows();
    return embeddings;
  }

  private float[] randomVector(String word) {
    SplittableRandom random = new SplittableRandom(seed ^ (word.hashCode() * 0x9E3779B97F4A7C15L));
    float[] vector = new float[dimension];
    for (int c = 0; c < dimension; c++) {
      vector[c] = (float) random.nextGaussian();
    }
    return vector;
  }
}
