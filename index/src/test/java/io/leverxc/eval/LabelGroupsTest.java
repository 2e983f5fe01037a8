package io.leverxc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelGroupsTest {
  // Train frequencies of labels 0..4 and a truth with 4, 2, 2, 1, 1 positives per label (10 in all).
  private static final int[] TRAIN_FREQUENCIES = {10, 0, 3, 3, 1};

  private static LabelMatrix truth() {
    return EvaluationTest.matrix(5,
        new int[] {0, 1, 2}, new int[] {0, 1, 2}, new int[] {0, 3}, new int[] {0, 4});
  }

  private static Propensity propensity() {
    return Propensity.fromFrequencies(TRAIN_FREQUENCIES, 20, PropensityConstants.DEFAULT);
  }

  @Test
  void binsFollowCumulativeTestPositives() {
    // Rarest first: label 1 (starts at positive 0 -> bin 1), 4 (2 -> bin 2), 2 (3 -> bin 2),
    // 3 (5 -> bin 3), 0 (6 -> bin 4); a label is never split, so bin 5 stays empty.
    LabelGroups bins = LabelGroups.equalPositiveBins(propensity(), truth(), 5);

    assertEquals(List.of(
        new LabelGroups.Group("bin 1", 0, 0, 1, 2),
        new LabelGroups.Group("bin 2", 1, 3, 2, 3),
        new LabelGroups.Group("bin 3", 3, 3, 1, 1),
        new LabelGroups.Group("bin 4", 10, 10, 1, 4),
        new LabelGroups.Group("bin 5", -1, -1, 0, 0)), bins.groups());
    assertEquals(3, bins.groupOf(0));
    assertEquals(1, bins.groupOf(2));
  }

  @Test
  void bucketsUseFixedFrequencyRanges() {
    LabelGroups buckets = LabelGroups.frequencyBuckets(propensity(), truth());

    assertEquals(List.of(
        new LabelGroups.Group("0", 0, 0, 1, 2),
        new LabelGroups.Group("1", 1, 1, 1, 1),
        new LabelGroups.Group("2-5", 3, 3, 2, 3),
        new LabelGroups.Group("6-20", 10, 10, 1, 4),
        new LabelGroups.Group("21-100", -1, -1, 0, 0),
        new LabelGroups.Group(">100", -1, -1, 0, 0)), buckets.groups());
  }

  @Test
  void contributionsSplitPrecisionByBucket() {
    // Doc 0 hits label 1 (bucket "0") at rank 1 and label 0 (bucket "6-20") at rank 2; doc 3 hits
    // label 4 (bucket "1") at rank 1. Over 4 documents, P@2 contributions are (1/2)/4 each.
    int[][] ranked = {{1, 0}, {3}, {}, {4}};

    EvaluationResult result = Evaluation.evaluate(truth(), ranked, propensity(), FilterPairs.none(), new int[] {1, 2});

    assertEquals(0.25, result.buckets().get(0).contribution("P@1"), 1e-12);
    assertEquals(0.125, result.buckets().get(0).contribution("P@2"), 1e-12);
    assertEquals(0.25, result.buckets().get(1).contribution("P@1"), 1e-12);
    assertEquals(0.0, result.buckets().get(3).contribution("P@1"), 1e-12);
    assertEquals(0.125, result.buckets().get(3).contribution("P@2"), 1e-12);
    // Recall: doc 0 has 3 labels, doc 3 has 2.
    assertEquals((1.0 / 3) / 4, result.buckets().get(3).contribution("R@2"), 1e-12);
    assertEquals((1.0 / 2) / 4, result.buckets().get(1).contribution("R@1"), 1e-12);
    assertEquals(0.5, result.metric("P@1"), 1e-12);
  }
}
