package io.leverxc.pipeline;

import io.leverxc.data.LabelMatrix;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.teacher.PairFilter;
import io.leverxc.text.TextFeaturizer;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.BitSet;
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

  /** Largest k selected by insertion into a sorted array, whose cost grows with k times the candidates. */
  private static final int MAX_INSERTION_K = 64;

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

  /**
   * Precision at 1 and at 5 over the evaluated documents, their count, and which of them (by
   * evaluation order) have a true label first.
   */
  public record Result(double precisionAt1, double precisionAt5, int documents, BitSet firstLabelHits) {}

  /** Evaluates on one thread; see {@link #evaluate(TextFeaturizer, List, LabelMatrix, PairFilter, int, int, int)}. */
  public Result evaluate(
      TextFeaturizer featurizer,
      List<String> queryTexts,
      LabelMatrix queryLabels,
      PairFilter filter,
      int stride,
      int neighbours) {
    return evaluate(featurizer, queryTexts, queryLabels, filter, stride, neighbours, 1);
  }

  /**
   * Evaluates every {@code stride}-th query document, starting at row 0.
   *
   * @param filter pairs of a query row and a label that are never predicted
   * @param neighbours number of nearest training documents whose labels are summed
   * @param threads threads that share the query documents; the result does not depend on it
   */
  public Result evaluate(
      TextFeaturizer featurizer,
      List<String> queryTexts,
      LabelMatrix queryLabels,
      PairFilter filter,
      int stride,
      int neighbours,
      int threads) {
    int evaluated = (queryTexts.size() + stride - 1) / stride;
    int workers = Math.max(1, Math.min(threads, evaluated));
    long[][] hits = new long[workers][];
    BitSet[] partHits = new BitSet[workers];
    RangeWorkers.run(workers, "lever-title-probe", evaluated, (worker, from, to) -> {
      partHits[worker] = new BitSet();
      hits[worker] = new Worker(neighbours, partHits[worker]).run(featurizer, queryTexts, queryLabels, filter, stride, from, to);
    });
    BitSet firstLabelHits = new BitSet(evaluated);
    for (int w = 0; w < workers; w++) {
      if (partHits[w] != null) {
        firstLabelHits.or(partHits[w]);
      }
    }
    long hitsAt1 = 0;
    long hitsAt5 = 0;
    for (long[] part : hits) {
      if (part == null) {
        continue;
      }
      hitsAt1 += part[0];
      hitsAt5 += part[1];
    }
    return new Result(
        (double) hitsAt1 / evaluated, (double) hitsAt5 / (TOP_LABELS * (double) evaluated), evaluated, firstLabelHits);
  }

  /** Scratch state of one thread, sized to the training documents and the labels. */
  private final class Worker {
    private final int neighbours;
    private final BitSet firstLabelHits;
    private final float[] similarity = new float[trainLabels.rows()];
    private final int[] touched = new int[trainLabels.rows()];
    private final float[] labelScores = new float[trainLabels.columns()];
    private final int[] scoredLabels = new int[trainLabels.columns()];

    /** Creates scratch state that records each first-label hit in {@code firstLabelHits}, which it alone writes. */
    Worker(int neighbours, BitSet firstLabelHits) {
      this.neighbours = neighbours;
      this.firstLabelHits = firstLabelHits;
    }

    /** Returns the hits at 1 and at 5 of the evaluated documents {@code from} to {@code to}, exclusive. */
    long[] run(
        TextFeaturizer featurizer,
        List<String> queryTexts,
        LabelMatrix queryLabels,
        PairFilter filter,
        int stride,
        int from,
        int to) {
      long hitsAt1 = 0;
      long hitsAt5 = 0;
      for (int evaluatedIndex = from; evaluatedIndex < to; evaluatedIndex++) {
        int row = evaluatedIndex * stride;
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
              firstLabelHits.set(evaluatedIndex);
            }
          }
        }
        for (int i = 0; i < touchedCount; i++) {
          similarity[touched[i]] = 0;
        }
        for (int i = 0; i < scoredCount; i++) {
          labelScores[scoredLabels[i]] = 0;
        }
      }
      return new long[] {hitsAt1, hitsAt5};
    }
  }

  /**
   * Returns up to {@code k} of the candidate indices with the highest scores, best first; ties go
   * to the lower index so that the result is deterministic. It keeps the best {@code k} in a small
   * sorted array, so a query that touches every training document costs one pass over them.
   */
  static int[] topIndices(float[] scores, int[] candidates, int count, int k) {
    if (k > MAX_INSERTION_K) {
      return sortedTop(scores, candidates, count, k);
    }
    int[] top = new int[Math.min(k, count)];
    int size = 0;
    for (int i = 0; i < count; i++) {
      int candidate = candidates[i];
      if (size == top.length && !ranksBefore(scores, candidate, top[size - 1])) {
        continue;
      }
      int position = size == top.length ? size - 1 : size++;
      while (position > 0 && ranksBefore(scores, candidate, top[position - 1])) {
        top[position] = top[position - 1];
        position--;
      }
      top[position] = candidate;
    }
    return top;
  }

  /** Returns the top {@code k} by sorting every candidate, for a k where insertion would be slow. */
  private static int[] sortedTop(float[] scores, int[] candidates, int count, int k) {
    long[] keys = new long[count];
    for (int i = 0; i < count; i++) {
      // Ascending keys: the highest score first, then the lower index. Flipping the bits of a
      // float's sortable integer form reverses its order.
      int bits = Float.floatToIntBits(scores[candidates[i]]);
      int sortable = bits ^ ((bits >> 31) & Integer.MAX_VALUE);
      keys[i] = ((long) ~sortable << 32) | (candidates[i] & 0xFFFFFFFFL);
    }
    Arrays.sort(keys);
    int[] top = new int[Math.min(k, count)];
    for (int i = 0; i < top.length; i++) {
      top[i] = (int) keys[i];
    }
    return top;
  }

  private static boolean ranksBefore(float[] scores, int a, int b) {
    return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
  }
}
