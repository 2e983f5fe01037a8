package io.leverxc.teacher;

import io.leverxc.ann.TopK;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;

/**
 * The plain TF-IDF baseline the teacher must beat: a document's labels are the labels whose text
 * has the largest cosine with the document, both as sparse TF-IDF vectors. An inverted index over
 * the label features makes each query cost the summed posting lengths of its features.
 *
 * <p>Label feature vectors are expected to be unit-norm, as {@code TextFeaturizer} returns them,
 * so dot products are cosines. Thread-safe after construction.
 */
public final class LabelTextBaseline {
  private final int labelCount;
  private final int[] postingStarts;
  private final int[] postingLabels;
  private final float[] postingValues;

  /**
   * Indexes the label texts' features.
   *
   * @param labelFeatures one feature vector per label id
   * @param featureDimension number of text features; every index must be below it
   * @throws IllegalArgumentException if a feature index is not below {@code featureDimension}
   */
  public LabelTextBaseline(List<SparseVector> labelFeatures, int featureDimension) {
    this.labelCount = labelFeatures.size();
    int[] counts = new int[featureDimension + 1];
    for (int label = 0; label < labelCount; label++) {
      SparseVector features = labelFeatures.get(label);
      for (int p = 0; p < features.size(); p++) {
        int feature = features.index(p);
        if (feature >= featureDimension) {
          throw new IllegalArgumentException(
              "label " + label + " has feature index " + feature + ", not below featureDimension " + featureDimension);
        }
        counts[feature + 1]++;
      }
    }
    for (int f = 0; f < featureDimension; f++) {
      counts[f + 1] += counts[f];
    }
    this.postingStarts = counts;
    this.postingLabels = new int[counts[featureDimension]];
    this.postingValues = new float[counts[featureDimension]];
    int[] fill = Arrays.copyOf(counts, featureDimension);
    for (int label = 0; label < labelCount; label++) {
      SparseVector features = labelFeatures.get(label);
      for (int p = 0; p < features.size(); p++) {
        int slot = fill[features.index(p)]++;
        postingLabels[slot] = label;
        postingValues[slot] = features.value(p);
      }
    }
  }

  /**
   * Returns up to {@code k} label ids per document, best first, skipping pairs that {@code filter}
   * excludes. Labels sharing no feature with a document are never returned.
   */
  public int[][] predict(List<SparseVector> documents, int k, PairFilter filter, int threads) {
    int[][] predictions = new int[documents.size()][];
    try (RangeWorkers parallel = new RangeWorkers(threads, "tfidf-baseline")) {
      parallel.forEachRange(documents.size(), (worker, from, to) -> {
        float[] scores = new float[labelCount];
        int[] touched = new int[labelCount];
        boolean[] seen = new boolean[labelCount];
        TopK top = new TopK(k);
        for (int document = from; document < to; document++) {
          int touchedCount = accumulate(documents.get(document), scores, touched, seen);
          for (int t = 0; t < touchedCount; t++) {
            int label = touched[t];
            if (!filter.excludes(document, label)) {
              top.offer(label, scores[label]);
            }
            scores[label] = 0f;
            seen[label] = false;
          }
          predictions[document] = top.toNeighbors().ids();
        }
      });
    }
    return predictions;
  }

  // Adds each posting's contribution to scores and lists every label touched once.
  private int accumulate(SparseVector document, float[] scores, int[] touched, boolean[] seen) {
    int count = 0;
    for (int p = 0; p < document.size(); p++) {
      int feature = document.index(p);
      if (feature + 1 >= postingStarts.length) {
        continue;
      }
      float weight = document.value(p);
      for (int q = postingStarts[feature]; q < postingStarts[feature + 1]; q++) {
        int label = postingLabels[q];
        if (!seen[label]) {
          seen[label] = true;
          touched[count++] = label;
        }
        scores[label] += weight * postingValues[q];
      }
    }
    return count;
  }
}
