package io.leverxc.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {
  private static final int[] KS = {1, 3};
  private static final double TOLERANCE = 1e-12;

  /** Three documents over five labels; label 4 has no test positive. */
  private static LabelMatrix truth() {
    return EvaluationTest.matrix(5, new int[] {0, 1}, new int[] {2}, new int[] {3, 0});
  }

  private static Propensity propensity() {
    return Propensity.fromFrequencies(new int[] {40, 10, 3, 1, 5}, 50, PropensityConstants.DEFAULT);
  }

  /** Evaluates with {@link #propensity()} over five labels, or with the truth as train labels over more. */
  private static Evaluation.WithDocumentScores evaluate(LabelMatrix truth, int[][] ranked) {
    Propensity propensity =
        truth.columns() == 5 ? propensity() : Propensity.fromTrainLabels(truth, PropensityConstants.DEFAULT);
    return Evaluation.evaluateWithDocumentScores(truth, ranked, propensity, FilterPairs.none(), KS);
  }

  private static PairedBootstrap.Difference find(List<PairedBootstrap.Difference> differences, String metric) {
    return differences.stream().filter(d -> d.metric().equals(metric)).findFirst().orElseThrow();
  }

  @Test
  void handWorkedDifferences() {
    // First: only document 0's label 0 at rank 1. Second: also document 1's label 2 at rank 1 and
    // document 2's label 3 at rank 2.
    Evaluation.WithDocumentScores first = evaluate(truth(), new int[][] {{0, 4}, {4}, {4}});
    Evaluation.WithDocumentScores second = evaluate(truth(), new int[][] {{0, 4}, {2}, {4, 3}});

    List<PairedBootstrap.Difference> differences =
        new PairedBootstrap(truth(), 200, 7L, 2).compare(first.documents(), second.documents());

    assertEquals(List.of("P@1", "P@3", "PSP@1", "PSP@3", "C@1", "C@3"),
        differences.stream().map(PairedBootstrap.Difference::metric).toList());
    assertEquals(1.0 / 3, find(differences, "P@1").difference(), TOLERANCE);
    assertEquals(2.0 / 9, find(differences, "P@3").difference(), TOLERANCE);
    // Four labels are present in the test ground truth: first covers label 0, second labels 0, 2 and 3.
    assertEquals(1.0 / 4, find(differences, "C@1").difference(), TOLERANCE);
    assertEquals(2.0 / 4, find(differences, "C@3").difference(), TOLERANCE);
  }

  @Test
  void observedDifferenceEqualsResultDifference() {
    Evaluation.WithDocumentScores first = evaluate(truth(), new int[][] {{1, 0}, {4, 3}, {0}});
    Evaluation.WithDocumentScores second = evaluate(truth(), new int[][] {{0, 1}, {2}, {3, 0, 1}});

    List<PairedBootstrap.Difference> differences =
        new PairedBootstrap(truth(), 100, 1L, 2).compare(first.documents(), second.documents());

    for (PairedBootstrap.Difference difference : differences) {
      double expected = second.result().metric(difference.metric()) - first.result().metric(difference.metric());
      assertEquals(expected, difference.difference(), TOLERANCE, difference.metric());
    }
  }

  @Test
  void identicalPredictionsGiveZeroInterval() {
    int[][] ranked = {{0, 1}, {2}, {3}};
    Evaluation.WithDocumentScores scores = evaluate(truth(), ranked);

    for (PairedBootstrap.Difference difference :
        new PairedBootstrap(truth(), 100, 3L, 2).compare(scores.documents(), evaluate(truth(), ranked).documents())) {
      assertEquals(0, difference.difference(), difference.metric());
      assertEquals(0, difference.lower(), difference.metric());
      assertEquals(0, difference.upper(), difference.metric());
      assertFalse(difference.excludesZero(), difference.metric());
    }
  }

  @Test
  void swappingModelsNegatesInterval() {
    DocumentScores first = evaluate(truth(), new int[][] {{0, 4}, {4}, {4}}).documents();
    DocumentScores second = evaluate(truth(), new int[][] {{0, 4}, {2}, {4, 3}}).documents();
    PairedBootstrap bootstrap = new PairedBootstrap(truth(), 300, 11L, 2);

    List<PairedBootstrap.Difference> forward = bootstrap.compare(first, second);
    List<PairedBootstrap.Difference> backward = bootstrap.compare(second, first);

    for (int i = 0; i < forward.size(); i++) {
      assertEquals(-forward.get(i).difference(), backward.get(i).difference(), TOLERANCE);
      assertEquals(-forward.get(i).upper(), backward.get(i).lower(), TOLERANCE);
      assertEquals(-forward.get(i).lower(), backward.get(i).upper(), TOLERANCE);
    }
  }

  @Test
  void sameSeedGivesSameInterval() {
    DocumentScores first = evaluate(truth(), new int[][] {{1}, {4}, {3}}).documents();
    DocumentScores second = evaluate(truth(), new int[][] {{0}, {2}, {4}}).documents();

    assertEquals(new PairedBootstrap(truth(), 100, 5L, 2).compare(first, second),
        new PairedBootstrap(truth(), 100, 5L, 2).compare(first, second));
  }

  @Test
  void threadCountDoesNotChangeInterval() {
    DocumentScores first = evaluate(truth(), new int[][] {{1}, {4}, {3}}).documents();
    DocumentScores second = evaluate(truth(), new int[][] {{0}, {2}, {4}}).documents();

    assertEquals(new PairedBootstrap(truth(), 301, 5L, 1).compare(first, second),
        new PairedBootstrap(truth(), 301, 5L, 3).compare(first, second));
  }

  @Test
  void rejectsScoresOfAnotherLabelSpace() {
    LabelMatrix sixLabels = EvaluationTest.matrix(6, new int[] {0, 1}, new int[] {2}, new int[] {3, 0});
    DocumentScores five = evaluate(truth(), new int[][] {{0}, {2}, {3}}).documents();
    DocumentScores six = Evaluation.evaluateWithDocumentScores(sixLabels, new int[][] {{0}, {2}, {3}},
        Propensity.fromTrainLabels(sixLabels, PropensityConstants.DEFAULT), FilterPairs.none(), KS).documents();

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new PairedBootstrap(truth(), 100, 1L, 1).compare(five, six));
    assertTrue(error.getMessage().contains("5 and 6 labels"), error.getMessage());
  }

  @Test
  void intervalSeparatesLargeFromTinyGain() {
    int documents = 400;
    int[][] rows = new int[documents][];
    int[][] allWrong = new int[documents][];
    int[][] allRight = new int[documents][];
    int[][] oneRight = new int[documents][];
    for (int document = 0; document < documents; document++) {
      rows[document] = new int[] {document % 4};
      allWrong[document] = new int[] {4};
      allRight[document] = new int[] {document % 4};
      oneRight[document] = new int[] {4};
    }
    oneRight[0] = new int[] {0};
    LabelMatrix truth = EvaluationTest.matrix(5, rows);
    DocumentScores wrong = evaluate(truth, allWrong).documents();
    PairedBootstrap bootstrap = new PairedBootstrap(truth, 500, 42L, 2);

    PairedBootstrap.Difference large = find(bootstrap.compare(wrong, evaluate(truth, allRight).documents()), "P@1");
    PairedBootstrap.Difference small = find(bootstrap.compare(wrong, evaluate(truth, oneRight).documents()), "P@1");

    assertEquals(1.0, large.difference(), TOLERANCE);
    assertTrue(large.excludesZero());
    assertEquals(1.0 / documents, small.difference(), TOLERANCE);
    assertEquals(0, small.lower());
    assertFalse(small.excludesZero());
  }

  @Test
  void coverageIntervalCentresOnObservedGain() {
    // 400 documents, each with its own label; the second model finds the even ones, the first none.
    int documents = 400;
    int[][] rows = new int[documents][];
    int[][] none = new int[documents][];
    int[][] half = new int[documents][];
    for (int document = 0; document < documents; document++) {
      rows[document] = new int[] {document};
      none[document] = new int[] {documents};
      half[document] = new int[] {document % 2 == 0 ? document : documents};
    }
    LabelMatrix truth = EvaluationTest.matrix(documents + 1, rows);

    PairedBootstrap.Difference coverage = find(new PairedBootstrap(truth, 500, 9L, 2)
        .compare(evaluate(truth, none).documents(), evaluate(truth, half).documents()), "C@1");

    assertEquals(0.5, coverage.difference(), TOLERANCE);
    // The standard error of a mean of 400 fair coin flips is 0.025, so the interval is about ±0.05.
    assertTrue(coverage.lower() > 0.42, coverage.toString());
    assertTrue(coverage.lower() < 0.5, coverage.toString());
    assertTrue(coverage.upper() > 0.5, coverage.toString());
    assertTrue(coverage.upper() < 0.58, coverage.toString());
  }

  @Test
  void precisionIntervalMatchesNormalApproximation() {
    // The second model is right on the first half of 2,000 documents and the first model never is.
    // So the P@1 gain is a mean of 2,000 values, half 1 and half 0, which is 0.5 with standard error
    // 0.5 / sqrt(2000). Correlated resamples would move or narrow the interval.
    int documents = 2000;
    int[][] rows = new int[documents][];
    int[][] never = new int[documents][];
    int[][] firstHalf = new int[documents][];
    for (int document = 0; document < documents; document++) {
      rows[document] = new int[] {document % 4};
      never[document] = new int[] {4};
      firstHalf[document] = new int[] {document < documents / 2 ? document % 4 : 4};
    }
    LabelMatrix truth = EvaluationTest.matrix(5, rows);

    List<PairedBootstrap.Difference> differences = new PairedBootstrap(truth, 2000, 13L, 2)
        .compare(evaluate(truth, never).documents(), evaluate(truth, firstHalf).documents());
    PairedBootstrap.Difference precision = find(differences, "P@1");

    double halfWidth = 1.96 * 0.5 / Math.sqrt(documents);
    assertEquals(0.5, precision.difference(), TOLERANCE);
    assertEquals(0.5, (precision.lower() + precision.upper()) / 2, 0.2 * halfWidth, precision.toString());
    assertEquals(halfWidth, (precision.upper() - precision.lower()) / 2, 0.1 * halfWidth, precision.toString());
    // Every metric's interval lies around its own observed difference, not another metric's.
    for (PairedBootstrap.Difference difference : differences) {
      assertTrue(difference.lower() <= difference.difference(), difference.toString());
      assertTrue(difference.difference() <= difference.upper(), difference.toString());
      assertEquals(difference.difference(), (difference.lower() + difference.upper()) / 2, 0.05,
          difference.toString());
    }
  }

  @Test
  void percentileIndices() {
    assertEquals(25, PairedBootstrap.lowerIndex(1000));
    assertEquals(974, PairedBootstrap.upperIndex(1000));
    assertEquals(0, PairedBootstrap.lowerIndex(1));
    assertEquals(0, PairedBootstrap.upperIndex(1));
    assertEquals(0, PairedBootstrap.lowerIndex(20));
    assertEquals(19, PairedBootstrap.upperIndex(20));
  }

  @Test
  void rejectsBadInput() {
    DocumentScores scores = evaluate(truth(), new int[][] {{0}, {2}, {3}}).documents();
    DocumentScores otherKs = Evaluation.evaluateWithDocumentScores(
        truth(), new int[][] {{0}, {2}, {3}}, propensity(), FilterPairs.none(), new int[] {1, 5}).documents();
    LabelMatrix twoDocuments = EvaluationTest.matrix(5, new int[] {0}, new int[] {1});

    assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(truth(), 0, 1L, 2));
    assertEquals(6, new PairedBootstrap(truth(), PairedBootstrap.MIN_RESAMPLES, 1L, 1).compare(scores, scores).size());
    assertThrows(IllegalArgumentException.class,
        () -> new PairedBootstrap(truth(), PairedBootstrap.MIN_RESAMPLES - 1, 1L, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new PairedBootstrap(truth(), PairedBootstrap.MAX_RESAMPLES + 1, 1L, 2));
    IllegalArgumentException cutOffs = assertThrows(IllegalArgumentException.class,
        () -> new PairedBootstrap(truth(), 100, 1L, 2).compare(scores, otherKs));
    assertTrue(cutOffs.getMessage().contains(Arrays.toString(KS)), cutOffs.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(twoDocuments, 100, 1L, 2).compare(scores, scores));
    assertThrows(IllegalArgumentException.class, () -> new PairedBootstrap(truth(), 100, 1L, 0));
  }

  @Test
  void documentScoresMustBeRequestedFirst() {
    MetricAccumulator accumulator = new MetricAccumulator(truth(), propensity(), FilterPairs.none(), KS);

    assertThrows(IllegalStateException.class, accumulator::documentScores);
    accumulator.addRanked(0, new int[] {0}, 1);
    assertThrows(IllegalStateException.class, accumulator::recordDocumentScores);
  }
}
