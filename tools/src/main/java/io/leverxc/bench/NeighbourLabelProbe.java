package io.leverxc.bench;

import io.leverxc.data.LabelMatrix;
import io.leverxc.teacher.PairFilter;
import io.leverxc.text.TextFeaturizer;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;

/**
 * Measures how well text features separate labels, without training a model. Each query document
 * takes the labels of its k nearest training documents by cosine similarity of their features. A
 * label scores the summed similarity of those neighbours that have it, and the probe reports
 * precision at 1 and at 5. Pairs that the filter excludes are never predicted.
 *
 * <p>The search is exact, over an inverted index of the training vectors. The vectors are
 * L2-normalised, so a dot product is a cosine.
 */
public final class NeighbourLabelProbe {
  private static final int TOP_LABELS = 5;

  private final LabelMatrix trainLabels;
  private final int[] postingStarts;
  private final int[] postingDocuments;
  private final float[] postingWeights;

  /** Indexes the features of every training text. */
  public NeighbourLabelProbe(TextFeaturizer featurizer, List<String> trainTexts, LabelMatrix trainLabels) {
    this.trainLabels = trainLabels;
    SparseVector[] vectors = new SparseVector[trainTexts.size()];
    int[] counts = new int[featurizer.dimension() + 1];
    for (int document = 0; document < vectors.length; document++) {
      vectors[document] = featurizer.features(trainTexts.get(document));
      for (int feature : vectors[document].indices()) {
        counts[feature + 1]++;
      }
    }
    for (int feature = 0; feature < featurizer.dimension(); feature++) {
      counts[feature + 1] += counts[feature];
    }
    postingStarts = counts.clone();
    postingDocuments = new int[counts[featurizer.dimension()]];
    postingWeights = new float[postingDocuments.length];
    for (int document = 0; document < vectors.length; document++) {
      SparseVector vector = vectors[document];
      for (int i = 0; i < vector.size(); i++) {
        int position = counts[vector.index(i)]++;
        postingDocuments[position] = document;
        postingWeights[position] = vector.value(i);
      }
    }
  }

  /** Precision at 1 and at 5 over the evaluated documents, and their count. */
  public record Result(double precisionAt1, double precisionAt5, int documents) {}

  /**
   * Evaluates every {@code stride}-th query document, starting at row 0.
   *
   * @param filter pairs of a query row and a label that are never predicted
   * @param neighbours number of nearest training documents whose labels are summed
   */
  public Result evaluate(
      TextFeaturizer featurizer,
      List<String> queryTexts,
      LabelMatrix queryLabels,
      PairFilter filter,
      int stride,
      int neighbours) {
    float[] similarity = new float[trainLabels.rows()];
    int[] touched = new int[trainLabels.rows()];
    float[] labelScores = new float[trainLabels.columns()];
    int[] scoredLabels = new int[trainLabels.columns()];
    long hitsAt1 = 0;
    long hitsAt5 = 0;
    int evaluated = 0;
    for (int row = 0; row < queryTexts.size(); row += stride) {
      SparseVector query = featurizer.features(queryTexts.get(row));
      int touchedCount = 0;
      for (int i = 0; i < query.size(); i++) {
        int feature = query.index(i);
        float weight = query.value(i);
        for (int p = postingStarts[feature]; p < postingStarts[feature + 1]; p++) {
          int document = postingDocuments[p];
          if (similarity[document] == 0) {
            touched[touchedCount++] = document;
          }
          similarity[document] += weight * postingWeights[p];
        }
      }
      int[] nearest = topIndices(similarity, touched, touchedCount, neighbours);
      int scoredCount = 0;
      for (int document : nearest) {
        for (int p = trainLabels.rowStart(document); p < trainLabels.rowEnd(document); p++) {
          int label = trainLabels.label(p);
          if (filter.excludes(row, label)) {
            continue;
          }
          if (labelScores[label] == 0) {
            scoredLabels[scoredCount++] = label;
          }
          labelScores[label] += similarity[document];
        }
      }
      int[] predicted = topIndices(labelScores, scoredLabels, scoredCount, TOP_LABELS);
      for (int rank = 0; rank < predicted.length; rank++) {
        if (queryLabels.contains(row, predicted[rank])) {
          hitsAt5++;
          if (rank == 0) {
            hitsAt1++;
          }
        }
      }
      for (int i = 0; i < touchedCount; i++) {
        similarity[touched[i]] = 0;
      }
      for (int i = 0; i < scoredCount; i++) {
        labelScores[scoredLabels[i]] = 0;
      }
      evaluated++;
    }
    return new Result((double) hitsAt1 / evaluated, (double) hitsAt5 / (TOP_LABELS * (double) evaluated), evaluated);
  }

  /** Returns up to {@code k} of the candidate indices with the highest scores, best first. */
  private static int[] topIndices(float[] scores, int[] candidates, int count, int k) {
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = candidates[i];
    }
    // Ties go to the lower index so that the result is deterministic.
    Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
    int[] top = new int[Math.min(k, count)];
    for (int i = 0; i < top.length; i++) {
      top[i] = order[i];
    }
    return top;
  }
}
