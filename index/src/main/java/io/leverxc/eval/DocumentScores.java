package io.leverxc.eval;

/**
 * Each document's share of P@k, PSP@k and C@k for one prediction set, kept so that two prediction
 * sets can be compared on resampled documents ({@link PairedBootstrap}). A {@link MetricAccumulator}
 * fills it while it evaluates, after filtering, so every number here agrees with its {@link
 * EvaluationResult}.
 *
 * <p>Memory is {@code documents × (3 · ks + max(ks))} numbers, so it is kept only on request.
 */
public final class DocumentScores {
  /** Marks a rank whose prediction is not among the document's true labels, or is missing. */
  static final int NO_HIT = -1;

  private final int[] ks;
  private final int documents;
  private final int maxK;
  private final double[] precision;
  private final double[] propensityScored;
  private final double[] idealPropensityScored;
  private final int[] hitLabels;

  DocumentScores(int[] ks, int documents) {
    this.ks = ks.clone();
    this.documents = documents;
    this.maxK = ks[ks.length - 1];
    this.precision = new double[documents * ks.length];
    this.propensityScored = new double[documents * ks.length];
    this.idealPropensityScored = new double[documents * ks.length];
    this.hitLabels = new int[Math.multiplyExact(documents, maxK)];
    java.util.Arrays.fill(hitLabels, NO_HIT);
  }

  /** Returns the cut-offs in increasing order. */
  public int[] ks() {
    return ks.clone();
  }

  public int documents() {
    return documents;
  }

  int maxK() {
    return maxK;
  }

  void setRank(int document, int kIndex, double precisionAtK, double propensityScoredAtK) {
    precision[document * ks.length + kIndex] = precisionAtK;
    propensityScored[document * ks.length + kIndex] = propensityScoredAtK;
  }

  void setIdeal(int document, int kIndex, double idealAtK) {
    idealPropensityScored[document * ks.length + kIndex] = idealAtK;
  }

  void setHit(int document, int rank, int label) {
    hitLabels[document * maxK + rank - 1] = label;
  }

  /** Hits within k divided by k. */
  double precision(int document, int kIndex) {
    return precision[document * ks.length + kIndex];
  }

  /** Sum of the inverse propensities of the hits within k, divided by k. */
  double propensityScored(int document, int kIndex) {
    return propensityScored[document * ks.length + kIndex];
  }

  /** The best achievable value of {@link #propensityScored} for the document's true labels. */
  double idealPropensityScored(int document, int kIndex) {
    return idealPropensityScored[document * ks.length + kIndex];
  }

  /** Label predicted correctly at {@code rank} (1-based), or {@link #NO_HIT}. */
  int hitLabel(int document, int rank) {
    return hitLabels[document * maxK + rank - 1];
  }
}
