package io.leverxc.eval;

/**
 * Each document's share of P@k and PSP@k, and each label's best rank among the correct
 * predictions, for one prediction set, kept so that two prediction sets can be compared on
 * resampled data ({@link PairedBootstrap}). A {@link MetricAccumulator} fills it while it
 * evaluates, after filtering, so every number here agrees with its {@link EvaluationResult}.
 *
 * <p>Memory is {@code 3 · documents · ks} doubles and one int per label, so it is kept only on request.
 */
public final class DocumentScores {
  private final int[] ks;
  private final int documents;
  private final double[] precision;
  private final double[] propensityScored;
  private final double[] idealPropensityScored;
  private final int[] bestHitRanks;

  DocumentScores(int[] ks, int documents, int labels) {
    this.ks = ks.clone();
    this.documents = documents;
    this.bestHitRanks = new int[labels];
    java.util.Arrays.fill(bestHitRanks, Integer.MAX_VALUE);
    int entries = Math.multiplyExact(documents, ks.length);
    this.precision = new double[entries];
    this.propensityScored = new double[entries];
    this.idealPropensityScored = new double[entries];
  }

  /** Returns the cut-offs in increasing order. */
  public int[] ks() {
    return ks.clone();
  }

  public int documents() {
    return documents;
  }

  /** Returns the size of the label space. */
  public int labelCount() {
    return bestHitRanks.length;
  }

  void setRank(int document, int kIndex, double precisionAtK, double propensityScoredAtK) {
    precision[document * ks.length + kIndex] = precisionAtK;
    propensityScored[document * ks.length + kIndex] = propensityScoredAtK;
  }

  void setIdeal(int document, int kIndex, double idealAtK) {
    idealPropensityScored[document * ks.length + kIndex] = idealAtK;
  }

  void setBestHitRanks(int[] ranks) {
    System.arraycopy(ranks, 0, bestHitRanks, 0, bestHitRanks.length);
  }

  /** Returns the hits within k divided by k. */
  double precision(int document, int kIndex) {
    return precision[document * ks.length + kIndex];
  }

  /** Returns the sum of the inverse propensities of the hits within k, divided by k. */
  double propensityScored(int document, int kIndex) {
    return propensityScored[document * ks.length + kIndex];
  }

  /** Returns the best achievable value of {@link #propensityScored} for the document's true labels. */
  double idealPropensityScored(int document, int kIndex) {
    return idealPropensityScored[document * ks.length + kIndex];
  }

  /** Returns the best (1-based) rank at which any document predicts the label correctly, or {@link Integer#MAX_VALUE}. */
  int bestHitRank(int label) {
    return bestHitRanks[label];
  }
}
