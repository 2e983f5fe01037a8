package io.leverxc.eval;

import java.util.List;
import java.util.Map;

/**
 * The metrics of one prediction set against one ground truth.
 *
 * <p>Keys of {@link #metrics()}, each for every k of {@link #ks()} and in this order: {@code P@k},
 * {@code nDCG@k}, {@code PSP@k}, {@code PSnDCG@k} (both normalised by the best achievable value, as
 * pyxclib reports them), {@code R@k}, {@code C@k} (coverage over the labels present in the test
 * ground truth), {@code C@k_all} (coverage over the whole label space), {@code PSP@k_unnormalised}
 * and {@code PSnDCG@k_unnormalised}. Every value is a fraction in [0, 1] except the unnormalised
 * ones, which are means of inverse-propensity weights (each at least 1) and can exceed 1.
 *
 * @param ks cut-offs in increasing order
 * @param bins per-bin contributions of {@link LabelGroups#equalPositiveBins}, rarest labels first
 * @param buckets per-bucket contributions of {@link LabelGroups#frequencyBuckets}
 * @param documents number of test documents, the denominator of every mean
 * @param labels size of the label space
 * @param testLabels number of distinct labels present in the test ground truth
 * @param propensity the constants behind the PSP metrics
 * @param documentsWithFewerThanMaxK documents with fewer than max(ks) predictions left after
 *     filtering; their missing positions count as misses
 * @param filteredPredictions predictions dropped because the filter lists their (document, label) pair
 */
public record EvaluationResult(
    int[] ks,
    Map<String, Double> metrics,
    List<GroupContribution> bins,
    List<GroupContribution> buckets,
    int documents,
    int labels,
    int testLabels,
    PropensityConstants propensity,
    long documentsWithFewerThanMaxK,
    long filteredPredictions) {

  /**
   * The share of P@k and R@k that comes from correct predictions of one label group. Over all
   * groups of a partition the contributions sum to the overall P@k and R@k.
   *
   * @param contributions keys {@code P@k} and {@code R@k} for each k
   */
  public record GroupContribution(LabelGroups.Group group, Map<String, Double> contributions) {
    /**
     * Returns one contribution.
     *
     * @throws IllegalArgumentException if the key is not present
     */
    public double contribution(String key) {
      Double value = contributions.get(key);
      if (value == null) {
        throw new IllegalArgumentException("no contribution '" + key + "'; present: " + contributions.keySet());
      }
      return value;
    }
  }

  /**
   * Returns one metric, such as {@code "PSP@5"}.
   *
   * @throws IllegalArgumentException if the key is not present
   */
  public double metric(String key) {
    Double value = metrics.get(key);
    if (value == null) {
      throw new IllegalArgumentException("no metric '" + key + "'; present: " + metrics.keySet());
    }
    return value;
  }
}
