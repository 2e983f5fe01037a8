package io.leverxc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics on small cases worked out by hand. The main case has 4 test documents over 7 labels
 * whose inverse propensities are 1, 2, ..., 7 (label l weighs l + 1):
 *
 * <pre>
 * doc  truth     ranked predictions      after the filter (3, 5)
 * 0    {0, 2}    2, 1, 0                 hits at ranks 1 and 3
 * 1    {}        1, 3                    no labels: counts as zero everywhere
 * 2    {3, 4, 5} 4                       one prediction only: ranks 2 and 3 are misses
 * 3    {1}       5, 1                    5 is filtered, so 1 moves to rank 1
 * </pre>
 */
class EvaluationTest {
  private static final double EPSILON = 1e-12;
  private static final int[] KS = {1, 3};

  @TempDir Path folder;

  static LabelMatrix matrix(int columns, int[]... rows) {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(columns);
    for (int[] row : rows) {
      float[] ones = new float[row.length];
      java.util.Arrays.fill(ones, 1f);
      builder.addRow(row, ones, row.length);
    }
    return builder.build();
  }

  private static LabelMatrix handTruth() {
    return matrix(7, new int[] {0, 2}, new int[] {}, new int[] {3, 4, 5}, new int[] {1});
  }

  private static Propensity handWeights() {
    return Propensity.withInverseWeights(new double[] {1, 2, 3, 4, 5, 6, 7}, new int[] {9, 8, 7, 6, 5, 4, 3}, 10);
  }

  private FilterPairs handFilter() throws IOException {
    Path file = folder.resolve("tst_filter_labels.txt");
    Files.writeString(file, "3 5\n");
    return FilterPairs.read(file, 4, 7);
  }

  private static final int[][] HAND_RANKED = {{2, 1, 0}, {1, 3}, {4}, {5, 1}};

  @Test
  void handWorkedPrecisionAndNdcg() throws IOException {
    EvaluationResult result = Evaluation.evaluate(handTruth(), HAND_RANKED, handWeights(), handFilter(), KS);

    // P@1 = (1 + 0 + 1 + 1) / 4; P@3 = (2/3 + 0 + 1/3 + 1/3) / 4.
    assertEquals(0.75, result.metric("P@1"), EPSILON);
    assertEquals(1.0 / 3, result.metric("P@3"), EPSILON);
    assertEquals(0.75, result.metric("nDCG@1"), EPSILON);
    // nDCG@3: doc 0 = (1 + 1/log2 4) / (1 + 1/log2 3), doc 2 = 1 / (1 + 1/log2 3 + 1/log2 4), doc 3 = 1.
    assertEquals(0.597249878792736, result.metric("nDCG@3"), EPSILON);
  }

  @Test
  void handWorkedPropensityScoredMetrics() throws IOException {
    EvaluationResult result = Evaluation.evaluate(handTruth(), HAND_RANKED, handWeights(), handFilter(), KS);

    // Hits at rank 1 weigh 3 (doc 0), 5 (doc 2) and 2 (doc 3); the best rank-1 labels weigh 3, 6 and 2.
    assertEquals(10.0 / 11, result.metric("PSP@1"), EPSILON);
    assertEquals(10.0 / 4, result.metric("PSP@1_unnormalised"), EPSILON);
    // Ratio of means: (4/3 + 5/3 + 2/3) / ((3 + 1)/3 + (6 + 5 + 4)/3 + 2/3) = (11/3) / (21/3).
    assertEquals(11.0 / 21, result.metric("PSP@3"), EPSILON);
    assertEquals(11.0 / 12, result.metric("PSP@3_unnormalised"), EPSILON);
    assertEquals(10.0 / 11, result.metric("PSnDCG@1"), EPSILON);
    // With d(r) = 1/log2(r+1): doc 0 gives (3 + 1·d(3)) / (1 + d(2)) against (3 + 1·d(2)) / (1 + d(2)),
    // doc 2 gives 5 / (1 + d(2) + d(3)) against (6 + 5·d(2) + 4·d(3)) / (1 + d(2) + d(3)), doc 3 gives 2 against 2.
    assertEquals(0.686233407542169, result.metric("PSnDCG@3"), EPSILON);
    assertEquals(1.6231022011982215, result.metric("PSnDCG@3_unnormalised"), EPSILON);
  }

  @Test
  void handWorkedRecallAndCoverage() throws IOException {
    EvaluationResult result = Evaluation.evaluate(handTruth(), HAND_RANKED, handWeights(), handFilter(), KS);

    // R@1 = (1/2 + 0 + 1/3 + 1) / 4; R@3 = (1 + 0 + 1/3 + 1) / 4.
    assertEquals(11.0 / 24, result.metric("R@1"), EPSILON);
    assertEquals(7.0 / 12, result.metric("R@3"), EPSILON);
    // Correct in the top 1 of some document: labels 1, 2, 4 of the 6 labels present in the truth (7 in all).
    assertEquals(3.0 / 6, result.metric("C@1"), EPSILON);
    assertEquals(3.0 / 7, result.metric("C@1_all"), EPSILON);
    // Top 3 adds label 0.
    assertEquals(4.0 / 6, result.metric("C@3"), EPSILON);
    assertEquals(4.0 / 7, result.metric("C@3_all"), EPSILON);
  }

  @Test
  void handWorkedCountsOfShortAndFilteredRows() throws IOException {
    EvaluationResult result = Evaluation.evaluate(handTruth(), HAND_RANKED, handWeights(), handFilter(), KS);

    assertEquals(3, result.documentsWithFewerThanMaxK());
    assertEquals(1, result.filteredPredictions());
    assertEquals(4, result.documents());
    assertEquals(7, result.labels());
    assertEquals(6, result.testLabels());
  }

  @Test
  void withoutFilterThePairCountsAsMiss() {
    EvaluationResult result = Evaluation.evaluate(handTruth(), HAND_RANKED, handWeights(), FilterPairs.none(), KS);

    // Doc 3 now has 5 (a miss) at rank 1 and 1 at rank 2.
    assertEquals(0.5, result.metric("P@1"), EPSILON);
    assertEquals(1.0 / 3, result.metric("P@3"), EPSILON);
    assertEquals(0, result.filteredPredictions());
  }

  @Test
  void pyxclibWorkedExamplePspBelowPrecision() {
    // Truth {1..6} with inverse propensities 4, 5, 6, 1, 2, 3; predicting 4, 5, 6 is fully precise
    // but collects weight 1 + 2 + 3 out of the best 6 + 5 + 4.
    LabelMatrix truth = matrix(7, new int[] {1, 2, 3, 4, 5, 6});
    Propensity weights =
        Propensity.withInverseWeights(new double[] {1, 4, 5, 6, 1, 2, 3}, new int[] {1, 1, 1, 1, 1, 1, 1}, 10);

    EvaluationResult result =
        Evaluation.evaluate(truth, new int[][] {{4, 5, 6}}, weights, FilterPairs.none(), new int[] {3});

    assertEquals(1.0, result.metric("P@3"), EPSILON);
    assertEquals(0.4, result.metric("PSP@3"), EPSILON);
  }

  @Test
  void tiedScoresRankSmallerLabelFirst() {
    LabelMatrix truth = matrix(4, new int[] {1});
    MetricAccumulator accumulator =
        new MetricAccumulator(truth, Propensity.fromTrainLabels(truth, PropensityConstants.DEFAULT), FilterPairs.none(), new int[] {1, 2});

    accumulator.addScored(0, new int[] {3, 1, 2}, new double[] {0.5, 0.5, 0.9}, 3);
    EvaluationResult result = accumulator.result();

    // Ranking 2, 1, 3: label 1 wins the tie with 3 and lands at rank 2.
    assertEquals(0.0, result.metric("P@1"), EPSILON);
    assertEquals(0.5, result.metric("P@2"), EPSILON);
  }

  @Test
  void labelAbsentFromTrainGetsLargestWeight() {
    LabelMatrix train = matrix(3, new int[] {0}, new int[] {0, 1}, new int[] {0}, new int[] {0});
    Propensity propensity = Propensity.fromTrainLabels(train, PropensityConstants.DEFAULT);
    LabelMatrix truth = matrix(3, new int[] {2}, new int[] {1, 2});

    EvaluationResult result = Evaluation.evaluate(
        truth, new int[][] {{2}, {1}}, propensity, FilterPairs.none(), new int[] {1});

    // With N = 4: label 2 (no train document) weighs 1.5116054719900802, label 1 (one) weighs ln 4.
    // Doc 0 gets its best; doc 1 predicts label 1 where label 2 would have weighed more.
    double expected = (1.5116054719900802 + Math.log(4)) / (2 * 1.5116054719900802);
    assertEquals(expected, result.metric("PSP@1"), 1e-12);
    assertEquals(1.0, result.metric("P@1"), EPSILON);
  }

  @Test
  void mismatchedDocumentCountIsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.evaluate(handTruth(), new int[][] {{1}}, handWeights(), FilterPairs.none(), KS));
    assertTrue(error.getMessage().contains("cover 1 documents but the ground truth has 4"), error.getMessage());
  }

  @Test
  void repeatedRankedLabelIsRejected() {
    int[][] ranked = {{2, 2}, {}, {}, {}};
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.evaluate(handTruth(), ranked, handWeights(), FilterPairs.none(), KS));
    assertTrue(error.getMessage().contains("document 0: label 2 is predicted twice"), error.getMessage());
  }

  @Test
  void labelOutsideLabelSpaceIsRejected() {
    int[][] ranked = {{7}, {}, {}, {}};
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> Evaluation.evaluate(handTruth(), ranked, handWeights(), FilterPairs.none(), KS));
    assertTrue(error.getMessage().contains("label 7 outside the label space [0, 7)"), error.getMessage());
  }

  @Test
  void nonPositiveKIsRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Evaluation.evaluate(handTruth(), HAND_RANKED, handWeights(), FilterPairs.none(), new int[] {0, 1}));
  }
}
