package io.leverxc.eval;

import io.leverxc.data.LabelMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A partition of the label space into groups by train frequency, used to show which labels a
 * model's correct predictions come from. Two partitions are standard in XC papers:
 * {@link #equalPositiveBins} (bins that each hold about the same number of test positives, as in
 * the papers' contribution plots) and {@link #frequencyBuckets} (fixed train-frequency ranges).
 * Immutable.
 */
public final class LabelGroups {
  /** Number of bins of {@link #equalPositiveBins} that XC papers use. */
  public static final int DEFAULT_BIN_COUNT = 5;

  /** Upper train-frequency bounds of the fixed buckets: 0, 1, 2–5, 6–20, 21–100, then above 100. */
  private static final int[] BUCKET_UPPER_BOUNDS = {0, 1, 5, 20, 100};

  private final int[] groupOfLabel;
  private final List<Group> groups;

  /**
   * One group of labels.
   *
   * @param name display name, such as {@code "bin 1"} or {@code "2-5"}
   * @param minTrainFrequency smallest train frequency of a label in the group, or -1 when the group is empty
   * @param maxTrainFrequency largest train frequency of a label in the group, or -1 when the group is empty
   * @param labelCount number of labels in the group
   * @param testPositives number of (test document, label) ground-truth pairs whose label is in the group
   */
  public record Group(String name, int minTrainFrequency, int maxTrainFrequency, int labelCount, long testPositives) {}

  private LabelGroups(int[] groupOfLabel, List<Group> groups) {
    this.groupOfLabel = groupOfLabel;
    this.groups = List.copyOf(groups);
  }

  /**
   * Splits labels into {@code binCount} bins of about equal test positives. Labels are ordered by
   * train frequency (rarest first, ties by label id) and a label goes to the bin in which its first
   * test positive falls, so bin 1 contains the tail labels and the last bin the head labels. A label is never split,
   * so a single very frequent label can make its bin larger than the others.
   *
   * @throws IllegalArgumentException if {@code binCount} is not positive or the label counts differ
   */
  public static LabelGroups equalPositiveBins(Propensity propensity, LabelMatrix truth, int binCount) {
    if (binCount <= 0) {
      throw new IllegalArgumentException("bin count must be positive, got " + binCount);
    }
    checkLabelCount(propensity, truth);
    int labelCount = truth.columns();
    int[] testPositives = truth.labelFrequencies();
    Integer[] order = new Integer[labelCount];
    for (int label = 0; label < labelCount; label++) {
      order[label] = label;
    }
    Arrays.sort(order, (x, y) -> {
      int byFrequency = Integer.compare(propensity.trainFrequency(x), propensity.trainFrequency(y));
      return byFrequency != 0 ? byFrequency : Integer.compare(x, y);
    });
    long total = truth.nonZeros();
    int[] groupOfLabel = new int[labelCount];
    long positivesBefore = 0;
    for (int label : order) {
      int bin = total == 0 ? 0 : (int) Math.min(binCount - 1, positivesBefore * binCount / total);
      groupOfLabel[label] = bin;
      positivesBefore += testPositives[label];
    }
    List<String> names = new ArrayList<>();
    for (int bin = 1; bin <= binCount; bin++) {
      names.add("bin " + bin);
    }
    return new LabelGroups(groupOfLabel, describe(groupOfLabel, names, propensity, testPositives));
  }

  /**
   * Groups labels into fixed train-frequency buckets: 0 (absent from train), 1, 2–5, 6–20, 21–100
   * and more than 100 train documents.
   *
   * @throws IllegalArgumentException if the label counts differ
   */
  public static LabelGroups frequencyBuckets(Propensity propensity, LabelMatrix truth) {
    checkLabelCount(propensity, truth);
    int labelCount = truth.columns();
    int[] groupOfLabel = new int[labelCount];
    for (int label = 0; label < labelCount; label++) {
      int frequency = propensity.trainFrequency(label);
      int bucket = 0;
      while (bucket < BUCKET_UPPER_BOUNDS.length && frequency > BUCKET_UPPER_BOUNDS[bucket]) {
        bucket++;
      }
      groupOfLabel[label] = bucket;
    }
    List<String> names = List.of("0", "1", "2-5", "6-20", "21-100", ">100");
    return new LabelGroups(groupOfLabel, describe(groupOfLabel, names, propensity, truth.labelFrequencies()));
  }

  private static void checkLabelCount(Propensity propensity, LabelMatrix truth) {
    if (propensity.labelCount() != truth.columns()) {
      throw new IllegalArgumentException(
          "the train labels cover " + propensity.labelCount() + " labels but the ground truth has " + truth.columns());
    }
  }

  private static List<Group> describe(int[] groupOfLabel, List<String> names, Propensity propensity, int[] testPositives) {
    int groupCount = names.size();
    int[] minFrequency = new int[groupCount];
    int[] maxFrequency = new int[groupCount];
    int[] labelCounts = new int[groupCount];
    long[] positives = new long[groupCount];
    Arrays.fill(minFrequency, -1);
    Arrays.fill(maxFrequency, -1);
    for (int label = 0; label < groupOfLabel.length; label++) {
      int group = groupOfLabel[label];
      int frequency = propensity.trainFrequency(label);
      if (labelCounts[group] == 0 || frequency < minFrequency[group]) {
        minFrequency[group] = frequency;
      }
      maxFrequency[group] = Math.max(maxFrequency[group], frequency);
      labelCounts[group]++;
      positives[group] += testPositives[label];
    }
    List<Group> groups = new ArrayList<>();
    for (int group = 0; group < groupCount; group++) {
      groups.add(new Group(names.get(group), minFrequency[group], maxFrequency[group], labelCounts[group], positives[group]));
    }
    return groups;
  }

  /** Returns the index in {@link #groups()} of a label's group. */
  public int groupOf(int label) {
    return groupOfLabel[label];
  }

  /** Returns the groups in order: bins rarest first, buckets by increasing train frequency. */
  public List<Group> groups() {
    return groups;
  }

  public int size() {
    return groups.size();
  }
}
