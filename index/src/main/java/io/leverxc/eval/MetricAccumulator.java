package io.leverxc.eval;

import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accumulates the XC metrics document by document, so the in-memory and the streaming evaluation
 * share one implementation. Memory is proportional to the label space and to max(ks), never to the
 * number of documents beyond the ground truth itself.
 *
 * <p>Definitions follow pyxclib: every mean is over all documents of the ground truth, including
 * documents without labels and documents never added, which count as zero. A document with fewer
 * than k predictions has its missing positions counted as misses, so P@k still divides by k. Filter
 * pairs are removed from the predictions before ranking, and the ground truth is never filtered.
 *
 * <p>Documents must be added in increasing order, each at most once, and the add methods reject any
 * other order with an IllegalArgumentException. Not thread-safe.
 */
public final class MetricAccumulator {
  private final LabelMatrix truth;
  private final Propensity propensity;
  private final FilterPairs filter;
  private final int[] ks;
  private final int maxK;
  private final double[] discounts;
  private final double[] cumulativeDiscounts;
  private final LabelGroups bins;
  private final LabelGroups buckets;

  private final double[][] sums;
  private final double[][] binSums;
  private final double[][] bucketSums;
  private final int[] bestHitRank;

  private final int[] selectedLabels;
  private final double[] selectedScores;
  private final boolean[] hitAtRank;

  private DocumentScores documentScores;

  private int lastDocument = -1;
  private int addedDocuments;
  private long documentsWithFewerThanMaxK;
  private long filteredPredictions;

  /** Indexes into the first dimension of {@link #sums}. */
  private static final int PRECISION = 0;
  private static final int DCG = 1;
  private static final int PSP = 2;
  private static final int PSDCG = 3;
  private static final int RECALL = 4;
  private static final int SUM_KINDS = 5;

  /** Indexes into the first dimension of {@link #binSums} and {@link #bucketSums}: precision then recall per k. */
  private static final int GROUP_SUM_KINDS = 2;

  /**
   * Prepares an accumulator.
   *
   * @param propensity inverse propensities and train frequencies over the same label space as {@code truth}
   * @param ks cut-offs, each positive; sorted and deduplicated here
   * @throws IllegalArgumentException if the truth has no documents, the label spaces differ or ks is empty or invalid
   */
  public MetricAccumulator(LabelMatrix truth, Propensity propensity, FilterPairs filter, int[] ks) {
    if (truth.rows() == 0) {
      throw new IllegalArgumentException("the ground truth has no documents; nothing to evaluate");
    }
    this.truth = truth;
    this.propensity = propensity;
    this.filter = filter;
    this.ks = normaliseKs(ks);
    this.maxK = this.ks[this.ks.length - 1];
    this.bins = LabelGroups.equalPositiveBins(propensity, truth, LabelGroups.DEFAULT_BIN_COUNT);
    this.buckets = LabelGroups.frequencyBuckets(propensity, truth);
    this.discounts = new double[maxK + 1];
    this.cumulativeDiscounts = new double[maxK + 1];
    for (int rank = 1; rank <= maxK; rank++) {
      discounts[rank] = 1 / (Math.log(rank + 1) / Math.log(2));
      cumulativeDiscounts[rank] = cumulativeDiscounts[rank - 1] + discounts[rank];
    }
    this.sums = new double[SUM_KINDS][this.ks.length];
    this.binSums = new double[GROUP_SUM_KINDS * bins.size()][this.ks.length];
    this.bucketSums = new double[GROUP_SUM_KINDS * buckets.size()][this.ks.length];
    this.bestHitRank = new int[truth.columns()];
    Arrays.fill(bestHitRank, Integer.MAX_VALUE);
    this.selectedLabels = new int[maxK];
    this.selectedScores = new double[maxK];
    this.hitAtRank = new boolean[maxK + 1];
  }

  private static int[] normaliseKs(int[] ks) {
    if (ks.length == 0) {
      throw new IllegalArgumentException("at least one cut-off k is required");
    }
    int[] sorted = Arrays.stream(ks).sorted().distinct().toArray();
    if (sorted[0] <= 0) {
      throw new IllegalArgumentException("every k must be positive, got " + Arrays.toString(ks));
    }
    return sorted;
  }

  /**
   * Keeps each document's share of the metrics from now on, for {@link #documentScores()}.
   *
   * @throws IllegalStateException if a document has already been added
   */
  public void recordDocumentScores() {
    if (addedDocuments > 0) {
      throw new IllegalStateException("document scores must be requested before the first document is added");
    }
    documentScores = new DocumentScores(ks, truth.rows(), truth.columns());
    idealPropensitySums();
  }

  /**
   * Returns each document's share of the metrics; documents never added score zero.
   *
   * @throws IllegalStateException unless {@link #recordDocumentScores()} was called
   */
  public DocumentScores documentScores() {
    if (documentScores == null) {
      throw new IllegalStateException("document scores were not recorded; call recordDocumentScores() first");
    }
    documentScores.setBestHitRanks(bestHitRank);
    return documentScores;
  }

  /** Returns the cut-offs in increasing order. */
  public int[] ks() {
    return ks.clone();
  }

  /** Returns the largest cut-off: only the first maxK predictions of a document are ever scored. */
  public int maxK() {
    return maxK;
  }

  /**
   * Adds one document's predictions, already ranked best first. Filtered pairs are dropped, then
   * the first max(ks) remaining labels are scored.
   *
   * @throws IllegalArgumentException if the document is out of order or out of range, or a label is
   *     out of range or repeated among the scored labels
   */
  public void addRanked(int document, int[] rankedLabels, int count) {
    checkDocument(document);
    int selectedCount = 0;
    for (int position = 0; position < count && selectedCount < maxK; position++) {
      int label = rankedLabels[position];
      checkLabel(document, label);
      if (filter.contains(document, label)) {
        filteredPredictions++;
        continue;
      }
      for (int earlier = 0; earlier < selectedCount; earlier++) {
        if (selectedLabels[earlier] == label) {
          throw new IllegalArgumentException("document " + document + ": label " + label + " is predicted twice");
        }
      }
      selectedLabels[selectedCount++] = label;
    }
    scoreSelected(document, selectedCount);
  }

  /**
   * Adds one document's scored predictions in any order. Filtered pairs are dropped, the rest are
   * ranked by score (higher first, ties by smaller label id) and the top max(ks) are scored.
   * Repeated labels are the caller's to reject.
   *
   * <p>NOTE: explicit zero and negative scores are ranked like any other score. pyxclib works on
   * sparse score matrices, where an explicit zero may be dropped like an absent entry, so its
   * numbers can differ for files that list zero-scored labels.
   *
   * @throws IllegalArgumentException if the document is out of order or out of range, or a label is out of range
   */
  public void addScored(int document, int[] labels, double[] scores, int count) {
    checkDocument(document);
    int selectedCount = 0;
    for (int position = 0; position < count; position++) {
      int label = labels[position];
      double score = scores[position];
      checkLabel(document, label);
      if (filter.contains(document, label)) {
        filteredPredictions++;
        continue;
      }
      if (selectedCount == maxK && !ranksBefore(label, score, selectedLabels[maxK - 1], selectedScores[maxK - 1])) {
        continue;
      }
      // Insertion into the sorted top list: predictions per document are few, and most candidates
      // fail the test above once the list is full.
      int slot = selectedCount == maxK ? maxK - 1 : selectedCount++;
      while (slot > 0 && ranksBefore(label, score, selectedLabels[slot - 1], selectedScores[slot - 1])) {
        selectedLabels[slot] = selectedLabels[slot - 1];
        selectedScores[slot] = selectedScores[slot - 1];
        slot--;
      }
      selectedLabels[slot] = label;
      selectedScores[slot] = score;
    }
    scoreSelected(document, selectedCount);
  }

  private static boolean ranksBefore(int label, double score, int otherLabel, double otherScore) {
    return score > otherScore || (score == otherScore && label < otherLabel);
  }

  private void checkDocument(int document) {
    if (document <= lastDocument || document >= truth.rows()) {
      throw new IllegalArgumentException(
          "document " + document + " is out of order or out of range: expected " + (lastDocument + 1)
              + " to " + (truth.rows() - 1) + ", each document at most once");
    }
    lastDocument = document;
    addedDocuments++;
  }

  private void checkLabel(int document, int label) {
    if (label < 0 || label >= truth.columns()) {
      throw new IllegalArgumentException(
          "document " + document + ": label " + label + " outside the label space [0, " + truth.columns() + ")");
    }
  }

  /** Scores the first {@code count} entries of {@link #selectedLabels}, best first. */
  private void scoreSelected(int document, int count) {
    if (count < maxK) {
      documentsWithFewerThanMaxK++;
    }
    int truthSize = truth.rowSize(document);
    if (truthSize == 0) {
      return;
    }
    double recallScale = 1.0 / truthSize;
    int hits = 0;
    double dcg = 0;
    double psp = 0;
    double psDcg = 0;
    int kIndex = 0;
    for (int rank = 1; rank <= maxK; rank++) {
      int label = rank <= count ? selectedLabels[rank - 1] : -1;
      hitAtRank[rank] = label >= 0 && truth.contains(document, label);
      if (hitAtRank[rank]) {
        double weight = propensity.inverse(label);
        hits++;
        dcg += discounts[rank];
        psp += weight;
        psDcg += weight * discounts[rank];
        bestHitRank[label] = Math.min(bestHitRank[label], rank);
      }
      while (kIndex < ks.length && ks[kIndex] == rank) {
        int k = rank;
        double normaliser = idealDcg(truthSize, k);
        sums[PRECISION][kIndex] += (double) hits / k;
        sums[DCG][kIndex] += dcg / normaliser;
        sums[PSP][kIndex] += psp / k;
        sums[PSDCG][kIndex] += psDcg / normaliser;
        sums[RECALL][kIndex] += hits * recallScale;
        if (documentScores != null) {
          documentScores.setRank(document, kIndex, (double) hits / k, psp / k);
        }
        kIndex++;
      }
    }
    if (hits > 0) {
      addGroupContributions(count, recallScale, bins, binSums);
      addGroupContributions(count, recallScale, buckets, bucketSums);
    }
  }

  private void addGroupContributions(int count, double recallScale, LabelGroups groups, double[][] groupSums) {
    for (int rank = 1; rank <= Math.min(count, maxK); rank++) {
      if (!hitAtRank[rank]) {
        continue;
      }
      int group = groups.groupOf(selectedLabels[rank - 1]);
      for (int kIndex = 0; kIndex < ks.length; kIndex++) {
        if (ks[kIndex] >= rank) {
          groupSums[GROUP_SUM_KINDS * group][kIndex] += 1.0 / ks[kIndex];
          groupSums[GROUP_SUM_KINDS * group + 1][kIndex] += recallScale;
        }
      }
    }
  }

  /** Returns the DCG of a perfect ranking, {@code Σ_{r ≤ min(k, truthSize)} 1/log2(r+1)}. */
  private double idealDcg(int truthSize, int k) {
    return cumulativeDiscounts[Math.min(k, truthSize)];
  }

  /** Computes the metrics over every document of the ground truth; documents never added count as zero. */
  public EvaluationResult result() {
    double documents = truth.rows();
    double[][] ideal = idealPropensitySums();

    int testLabels = 0;
    int[] testFrequencies = truth.labelFrequencies();
    for (int frequency : testFrequencies) {
      if (frequency > 0) {
        testLabels++;
      }
    }

    double[] precision = new double[ks.length];
    double[] dcg = new double[ks.length];
    double[] psp = new double[ks.length];
    double[] psDcg = new double[ks.length];
    double[] recall = new double[ks.length];
    double[] coverage = new double[ks.length];
    double[] coverageAll = new double[ks.length];
    double[] pspUnnormalised = new double[ks.length];
    double[] psDcgUnnormalised = new double[ks.length];
    for (int kIndex = 0; kIndex < ks.length; kIndex++) {
      int covered = 0;
      for (int rank : bestHitRank) {
        if (rank <= ks[kIndex]) {
          covered++;
        }
      }
      precision[kIndex] = sums[PRECISION][kIndex] / documents;
      dcg[kIndex] = sums[DCG][kIndex] / documents;
      psp[kIndex] = ratio(sums[PSP][kIndex], ideal[0][kIndex]);
      psDcg[kIndex] = ratio(sums[PSDCG][kIndex], ideal[1][kIndex]);
      recall[kIndex] = sums[RECALL][kIndex] / documents;
      coverage[kIndex] = ratio(covered, testLabels);
      coverageAll[kIndex] = ratio(covered, truth.columns());
      pspUnnormalised[kIndex] = sums[PSP][kIndex] / documents;
      psDcgUnnormalised[kIndex] = sums[PSDCG][kIndex] / documents;
    }

    Map<String, Double> metrics = new LinkedHashMap<>();
    putForEachK(metrics, "P@", "", precision);
    putForEachK(metrics, "nDCG@", "", dcg);
    putForEachK(metrics, "PSP@", "", psp);
    putForEachK(metrics, "PSnDCG@", "", psDcg);
    putForEachK(metrics, "R@", "", recall);
    putForEachK(metrics, "C@", "", coverage);
    putForEachK(metrics, "C@", "_all", coverageAll);
    putForEachK(metrics, "PSP@", "_unnormalised", pspUnnormalised);
    putForEachK(metrics, "PSnDCG@", "_unnormalised", psDcgUnnormalised);

    return new EvaluationResult(
        ks.clone(),
        java.util.Collections.unmodifiableMap(metrics),
        groupContributions(bins, binSums, documents),
        groupContributions(buckets, bucketSums, documents),
        truth.rows(),
        truth.columns(),
        testLabels,
        propensity.constants(),
        documentsWithFewerThanMaxK + (truth.rows() - addedDocuments),
        filteredPredictions);
  }

  private void putForEachK(Map<String, Double> metrics, String prefix, String suffix, double[] values) {
    for (int kIndex = 0; kIndex < ks.length; kIndex++) {
      metrics.put(prefix + ks[kIndex] + suffix, values[kIndex]);
    }
  }

  private static double ratio(double numerator, double denominator) {
    return denominator == 0 ? 0 : numerator / denominator;
  }

  /**
   * Sums over all documents the best achievable PSP@k (row 0) and PSnDCG@k (row 1): the document's
   * own labels ranked by decreasing inverse propensity. Also stores each document's ideal PSP@k
   * in {@link #documentScores} when they are recorded.
   */
  private double[][] idealPropensitySums() {
    double[][] ideal = new double[2][ks.length];
    double[] weights = new double[0];
    for (int document = 0; document < truth.rows(); document++) {
      int size = truth.rowSize(document);
      if (size == 0) {
        continue;
      }
      if (weights.length < size) {
        weights = new double[Math.max(size, 2 * weights.length)];
      }
      int start = truth.rowStart(document);
      for (int position = 0; position < size; position++) {
        weights[position] = -propensity.inverse(truth.label(start + position));
      }
      Arrays.sort(weights, 0, size);
      double psp = 0;
      double psDcg = 0;
      int kIndex = 0;
      for (int rank = 1; rank <= maxK; rank++) {
        if (rank <= size) {
          psp -= weights[rank - 1];
          psDcg -= weights[rank - 1] * discounts[rank];
        }
        while (kIndex < ks.length && ks[kIndex] == rank) {
          ideal[0][kIndex] += psp / rank;
          if (documentScores != null) {
            documentScores.setIdeal(document, kIndex, psp / rank);
          }
          ideal[1][kIndex] += psDcg / idealDcg(size, rank);
          kIndex++;
        }
      }
    }
    return ideal;
  }

  private List<EvaluationResult.GroupContribution> groupContributions(
      LabelGroups groups, double[][] groupSums, double documents) {
    List<EvaluationResult.GroupContribution> result = new java.util.ArrayList<>();
    for (int group = 0; group < groups.size(); group++) {
      Map<String, Double> contributions = new LinkedHashMap<>();
      for (int kIndex = 0; kIndex < ks.length; kIndex++) {
        contributions.put("P@" + ks[kIndex], groupSums[GROUP_SUM_KINDS * group][kIndex] / documents);
      }
      for (int kIndex = 0; kIndex < ks.length; kIndex++) {
        contributions.put("R@" + ks[kIndex], groupSums[GROUP_SUM_KINDS * group + 1][kIndex] / documents);
      }
      result.add(new EvaluationResult.GroupContribution(
          groups.groups().get(group), java.util.Collections.unmodifiableMap(contributions)));
    }
    return List.copyOf(result);
  }
}
