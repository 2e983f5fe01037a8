package io.leverxc.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SufficientCandidateCountTest {
  private static final int DIMENSION = 4;
  private static final int LABELS = 40;
  private static final int DOCUMENTS = 300;

  @Test
  void sufficientCountFromCapAndTopUp() {
    DistillSettings defaults = DistillSettings.defaults(DistillMode.LEVER);

    // Label cap 3 needs the label itself and 3 more; top-up 5 reads at most 5 documents.
    assertEquals(5, defaults.sufficientCandidateCount());
    assertEquals(11, defaults.withDocumentTopUpCount(11).sufficientCandidateCount());
    assertEquals(4, defaults.withDocumentTopUpCount(2).sufficientCandidateCount());
    assertEquals(9, defaults.withCandidateCount(9).candidateCount());
  }

  @Test
  void topUpReadsPastItsPositives() {
    // Label 0 has 4 documents, all at its own embedding, so the one document it gains (document
    // 4, cosine 0.99) is its fifth-nearest. Label 1 is orthogonal and has 6 documents.
    DenseMatrix labelEmbeddings = new DenseMatrix(2, 2, new float[] {1, 0, 0, 1});
    float sine = (float) Math.sqrt(1 - 0.99 * 0.99);
    DenseMatrix documentEmbeddings = new DenseMatrix(10, 2, new float[] {
        1, 0, 1, 0, 1, 0, 1, 0, 0.99f, sine, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1});
    LabelMatrix.Builder builder = new LabelMatrix.Builder(2);
    for (int document = 0; document < 10; document++) {
      builder.addRow(new int[] {document < 4 ? 0 : 1}, new float[] {1f}, 1);
    }
    LabelMatrix truth = builder.build();
    DistillSettings full = DistillSettings.defaults(DistillMode.LEVER);
    int sufficient = full.sufficientCandidateCount();

    AugmentedTrainingSet withSufficient =
        new LeverAugmenter(full.withCandidateCount(sufficient)).augment(truth, documentEmbeddings, labelEmbeddings);
    AugmentedTrainingSet withOneLess =
        new LeverAugmenter(full.withCandidateCount(sufficient - 1)).augment(truth, documentEmbeddings, labelEmbeddings);

    assertEquals(1, withSufficient.documentPairsAdded());
    assertTrue(withSufficient.targets().contains(4, 0), "document 4 not added to label 0");
    assertEquals(0, withOneLess.documentPairsAdded());
  }

  @Test
  void sufficientCountGivesSamePairsAsDefault() {
    for (long seed = 1; seed <= 5; seed++) {
      SplittableRandom random = new SplittableRandom(seed);
      DenseMatrix labelEmbeddings = unitRows(LABELS, random);
      DenseMatrix documentEmbeddings = unitRows(DOCUMENTS, random);
      LabelMatrix truth = sparseTruth(random);
      DistillSettings full = DistillSettings.defaults(DistillMode.LEVER);
      DistillSettings reduced = full.withCandidateCount(full.sufficientCandidateCount());

      AugmentedTrainingSet expected = new LeverAugmenter(full).augment(truth, documentEmbeddings, labelEmbeddings);
      AugmentedTrainingSet actual = new LeverAugmenter(reduced).augment(truth, documentEmbeddings, labelEmbeddings);

      // Both kinds of teacher pairs occur, so the comparison covers both searches.
      assertTrue(expected.labelPairsAdded() > 0, "no label pairs with seed " + seed);
      assertTrue(expected.documentPairsAdded() > 0, "no document pairs with seed " + seed);
      assertEquals(expected.labelPairsAdded(), actual.labelPairsAdded(), "label pairs with seed " + seed);
      assertEquals(expected.documentPairsAdded(), actual.documentPairsAdded(), "document pairs with seed " + seed);
      assertMatrixEquals(expected.targets(), actual.targets(), seed);
    }
  }

  private static void assertMatrixEquals(LabelMatrix expected, LabelMatrix actual, long seed) {
    assertEquals(expected.rows(), actual.rows());
    assertEquals(expected.nonZeros(), actual.nonZeros(), "target entries with seed " + seed);
    for (int row = 0; row < expected.rows(); row++) {
      int from = expected.rowStart(row);
      int to = expected.rowEnd(row);
      assertEquals(from, actual.rowStart(row), "row " + row + " start with seed " + seed);
      int[] expectedLabels = new int[to - from];
      int[] actualLabels = new int[to - from];
      float[] expectedValues = new float[to - from];
      float[] actualValues = new float[to - from];
      for (int p = from; p < to; p++) {
        expectedLabels[p - from] = expected.label(p);
        actualLabels[p - from] = actual.label(p);
        expectedValues[p - from] = expected.value(p);
        actualValues[p - from] = actual.value(p);
      }
      assertArrayEquals(expectedLabels, actualLabels, "row " + row + " labels with seed " + seed);
      assertArrayEquals(expectedValues, actualValues, "row " + row + " targets with seed " + seed);
    }
  }

  /** Draws random unit rows. In four dimensions many pairs pass the default threshold. */
  private static DenseMatrix unitRows(int rows, SplittableRandom random) {
    DenseMatrix matrix = new DenseMatrix(rows, DIMENSION);
    float[] row = new float[DIMENSION];
    for (int r = 0; r < rows; r++) {
      double norm = 0;
      for (int i = 0; i < DIMENSION; i++) {
        row[i] = (float) random.nextGaussian();
        norm += row[i] * row[i];
      }
      for (int i = 0; i < DIMENSION; i++) {
        row[i] /= (float) Math.sqrt(norm);
      }
      matrix.setRow(r, row);
    }
    return matrix;
  }

  /** Draws one label per document, sometimes two, skewed to low ids, so the high ids are tail labels. */
  private static LabelMatrix sparseTruth(SplittableRandom random) {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(LABELS);
    for (int document = 0; document < DOCUMENTS; document++) {
      int first = (int) (LABELS * Math.pow(random.nextDouble(), 3));
      int second = random.nextInt(4) == 0 ? random.nextInt(LABELS) : first;
      int[] labels = first == second ? new int[] {first} : new int[] {first, second};
      builder.addRow(labels, new float[] {1f, 1f}, labels.length);
    }
    return builder.build();
  }
}
