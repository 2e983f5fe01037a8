package io.leverxc.bench;

import io.leverxc.classifier.BagOfEmbeddings;
import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stand-in teacher for benchmarks: the TF-IDF bag of words of a text, projected to a few
 * hundred dimensions by a fixed Gaussian random vector per word, then scaled to unit length.
 * Random projection roughly keeps the cosine of two TF-IDF vectors, so this encoder gives real,
 * if weak, embeddings for measuring the classifiers before a trained teacher is available. Its
 * word table can be fine-tuned as a {@link BagOfEmbeddings}.
 */
public final class HashedProjectionEncoder {
  private final Map<String, Integer> vocabulary = new HashMap<>();
  private final float[] inverseDocumentFrequency;
  private final DenseMatrix table;

  /** Fits the vocabulary and inverse document frequencies on {@code corpus}. */
  public HashedProjectionEncoder(List<String> corpus, int dimension, long seed) {
    Map<String, Integer> documentFrequency = new HashMap<>();
    for (String text : corpus) {
      for (String word : new HashSet<>(tokens(text))) {
        documentFrequency.merge(word, 1, Integer::sum);
      }
    }
    List<String> words = documentFrequency.keySet().stream().sorted().toList();
    inverseDocumentFrequency = new float[words.size()];
    table = new DenseMatrix(words.size(), dimension);
    double size = corpus.size();
    SplittableRandom random = new SplittableRandom(seed);
    float scale = (float) (1 / Math.sqrt(dimension));
    for (int id = 0; id < words.size(); id++) {
      String word = words.get(id);
      vocabulary.put(word, id);
      inverseDocumentFrequency[id] = (float) (Math.log((1 + size) / (1 + documentFrequency.get(word))) + 1);
      for (int c = 0; c < dimension; c++) {
        table.set(id, c, (float) random.nextGaussian() * scale);
      }
    }
  }

  private static List<String> tokens(String text) {
    return java.util.Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
        .filter(word -> !word.isEmpty())
        .toList();
  }

  /** Returns the word table, one random row per vocabulary word, which training may update in place. */
  public DenseMatrix table() {
    return table;
  }

  /** Returns the TF-IDF weights of {@code texts}, texts × vocabulary; unknown words are dropped. */
  public LabelMatrix features(List<String> texts) {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(inverseDocumentFrequency.length);
    for (String text : texts) {
      Map<Integer, Integer> counts = new HashMap<>();
      for (String word : tokens(text)) {
        Integer id = vocabulary.get(word);
        if (id != null) {
          counts.merge(id, 1, Integer::sum);
        }
      }
      int[] ids = new int[counts.size()];
      float[] weights = new float[counts.size()];
      int i = 0;
      for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
        ids[i] = entry.getKey();
        weights[i] = (float) (1 + Math.log(entry.getValue())) * inverseDocumentFrequency[entry.getKey()];
        i++;
      }
      builder.addRow(ids, weights, ids.length);
    }
    return builder.build();
  }

  /** Returns the unit embeddings of {@code texts} under the current table; texts without known words give zero rows. */
  public DenseMatrix encode(List<String> texts) {
    return BagOfEmbeddings.encodeAll(features(texts), table);
  }
}
