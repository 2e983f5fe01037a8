package io.leverxc.classifier;

import io.leverxc.data.LabelMatrix;
import io.leverxc.teacher.PairFilter;
import java.util.BitSet;

/**
 * Accumulates P@1, P@5, PSP@5 and coverage@5 over ranked predictions, as pyxclib and napkinXC define
 * them: PSP@5 is the ratio of the summed propensity-weighted hits to the summed best possible
 * values, and coverage@5 is the share of labels with a test positive that are hit at least once.
 */
public final class RankingQuality {
  public static final int K = 5;

  private final LabelMatrix truth;
  private final float[] inversePropensities;
  private final BitSet covered = new BitSet();
  private double hitsAt1;
  private double hitsAt5;
  private double weightedHits;
  private double idealWeightedHits;
  private int documents;

  public RankingQuality(LabelMatrix truth, float[] inversePropensities) {
    this.truth = truth;
    this.inversePropensities = inversePropensities;
  }

  /**
   * Adds the ranked labels of document {@code row} without those that {@code filter} excludes for
   * it, as an evaluation with a filter file ranks them; the first {@link #K} that remain count.
   */
  public void add(int row, int[] ranked, int count, PairFilter filter) {
    int[] unfiltered = new int[count];
    int unfilteredCount = 0;
    for (int i = 0; i < count; i++) {
      if (!filter.excludes(row, ranked[i])) {
        unfiltered[unfilteredCount++] = ranked[i];
      }
    }
    add(row, unfiltered, unfilteredCount);
  }

  /** Adds the ranked labels of document {@code row}, best first; only the first {@link #K} count. */
  public void add(int row, int[] ranked, int count) {
    documents++;
    int top = Math.min(K, count);
    for (int i = 0; i < top; i++) {
      int label = ranked[i];
      if (truth.contains(row, label)) {
        if (i == 0) {
          hitsAt1++;
        }
        hitsAt5++;
        weightedHits += inversePropensities[label];
        covered.set(label);
      }
    }
    idealWeightedHits += idealWeightedHits(row);
  }

  // The sum of the K largest inverse propensities among the document's true labels.
  private double idealWeightedHits(int row) {
    float[] best = new float[K];
    int kept = 0;
    for (int p = truth.rowStart(row); p < truth.rowEnd(row); p++) {
      float weight = inversePropensities[truth.label(p)];
      if (kept < K) {
        best[kept++] = weight;
      } else {
        int smallest = 0;
        for (int i = 1; i < K; i++) {
          if (best[i] < best[smallest]) {
            smallest = i;
          }
        }
        if (weight > best[smallest]) {
          best[smallest] = weight;
        }
      }
    }
    double sum = 0;
    for (int i = 0; i < kept; i++) {
      sum += best[i];
    }
    return sum;
  }

  public double precisionAt1() {
    return documents == 0 ? 0 : hitsAt1 / documents;
  }

  /** Returns the share of the first {@link #K} positions, over all documents, that hold a true label. */
  public double precisionAt5() {
    return documents == 0 ? 0 : hitsAt5 / ((double) K * documents);
  }

  public double pspAt5() {
    return idealWeightedHits == 0 ? 0 : weightedHits / idealWeightedHits;
  }

  public double coverageAt5() {
    int positiveLabels = 0;
    int[] frequencies = truth.labelFrequencies();
    for (int frequency : frequencies) {
      if (frequency > 0) {
        positiveLabels++;
      }
    }
    return positiveLabels == 0 ? 0 : (double) covered.cardinality() / positiveLabels;
  }

  public double value(TuningObjective objective) {
    return switch (objective) {
      case PRECISION_AT_1 -> precisionAt1();
      case PSP_AT_5 -> pspAt5();
      case BALANCED -> precisionAt1() + pspAt5() + coverageAt5();
      case HEAD_GUARDED -> pspAt5() + coverageAt5();
    };
  }
}
