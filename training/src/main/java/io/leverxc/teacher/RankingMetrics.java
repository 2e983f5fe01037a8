package io.leverxc.teacher;

import io.leverxc.data.LabelMatrix;

/**
 * Ranking quality of top-k predictions: precision, propensity-scored precision and coverage at k,
 * computed as the XC literature reports them (pyxclib's definitions; coverage after Schultheis et
 * al. 2022). Values are fractions in [0, 1], not percentages.
 *
 * @param precisionAt1 P@1: share of rows whose best prediction is a true label
 * @param precisionAt5 P@5: mean over rows of (true labels among the top 5) / 5
 * @param propensityPrecisionAt5 PSP@5: the mean of inverse-propensity-weighted hits at 5 divided
 *     by the mean of the best achievable weighted hits (a ratio of means, as pyxclib computes it)
 * @param coverageAt5 C@5: share of the labels present in the ground truth that are a correct
 *     top-5 prediction of at least one row
 */
public record RankingMetrics(
    double precisionAt1, double precisionAt5, double propensityPrecisionAt5, double coverageAt5) {

  static final int K = 5;

  /** Propensity constants A and B of Jain et al. (2016) for data sets outside the Amazon and Wiki families. */
  public static final double DEFAULT_PROPENSITY_A = 0.55;

  public static final double DEFAULT_PROPENSITY_B = 1.5;

  /**
   * Scores {@code predictions} (label ids per row, best first, already without filtered pairs)
   * against {@code truth}. Rows without true labels count as zero, as in pyxclib.
   *
   * @throws IllegalArgumentException if the row counts differ
   */
  public static RankingMetrics compute(int[][] predictions, LabelMatrix truth, float[] inversePropensities) {
    if (predictions.length != truth.rows()) {
      throw new IllegalArgumentException(
          predictions.length + " prediction rows for " + truth.rows() + " ground-truth rows");
    }
    int rows = truth.rows();
    if (rows == 0) {
      return new RankingMetrics(0, 0, 0, 0);
    }
    double hitsAt1 = 0;
    double hitsAt5 = 0;
    double weightedHits = 0;
    double bestWeightedHits = 0;
    boolean[] present = new boolean[truth.columns()];
    boolean[] covered = new boolean[truth.columns()];
    float[] bestWeights = new float[K];
    for (int row = 0; row < rows; row++) {
      int[] predicted = predictions[row];
      for (int rank = 0; rank < Math.min(K, predicted.length); rank++) {
        int label = predicted[rank];
        if (truth.contains(row, label)) {
          hitsAt5++;
          weightedHits += inversePropensities[label];
          covered[label] = true;
          if (rank == 0) {
            hitsAt1++;
          }
        }
      }
      bestWeightedHits += topWeightSum(truth, row, inversePropensities, bestWeights, present);
    }
    int presentCount = 0;
    int coveredCount = 0;
    for (int label = 0; label < present.length; label++) {
      if (present[label]) {
        presentCount++;
        if (covered[label]) {
          coveredCount++;
        }
      }
    }
    return new RankingMetrics(
        hitsAt1 / rows,
        hitsAt5 / (K * (double) rows),
        bestWeightedHits == 0 ? 0 : weightedHits / bestWeightedHits,
        presentCount == 0 ? 0 : coveredCount / (double) presentCount);
  }

  // Sum of the K largest inverse propensities among the row's true labels; marks them present.
  private static double topWeightSum(
      LabelMatrix truth, int row, float[] inversePropensities, float[] best, boolean[] present) {
    java.util.Arrays.fill(best, 0f);
    for (int p = truth.rowStart(row); p < truth.rowEnd(row); p++) {
      int label = truth.label(p);
      present[label] = true;
      float weight = inversePropensities[label];
      int slot = K - 1;
      if (weight <= best[slot]) {
        continue;
      }
      while (slot > 0 && best[slot - 1] < weight) {
        best[slot] = best[slot - 1];
        slot--;
      }
      best[slot] = weight;
    }
    double sum = 0;
    for (float weight : best) {
      sum += weight;
    }
    return sum;
  }

  /**
   * Returns the inverse propensity {@code 1 + C (N_l + B)^-A} of every label, with
   * {@code C = (ln N - 1)(B + 1)^A}, {@code N} the number of training documents and {@code N_l}
   * the number of training documents of label {@code l} (Jain et al. 2016). Rare labels get
   * larger weights.
   */
  public static float[] inversePropensities(int[] labelFrequencies, int trainDocuments, double a, double b) {
    double c = (Math.log(trainDocuments) - 1) * Math.pow(b + 1, a);
    float[] weights = new float[labelFrequencies.length];
    for (int label = 0; label < weights.length; label++) {
      weights[label] = (float) (1 + c * Math.pow(labelFrequencies[label] + b, -a));
    }
    return weights;
  }
}
