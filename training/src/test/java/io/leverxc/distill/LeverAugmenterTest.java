package io.leverxc.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.api.Test;

/**
 * A hand-worked data set of 3 documents and 4 labels in 3 dimensions. Label cosines:
 * cos(e0, e1) = 0.96, cos(e0, e2) = 0.8, cos(e1, e2) = 0.768, cos(e2, e3) = 0.48, all others ≤ 0.
 * Under p̂ = (1 + cos) / 2 these give 0.98, 0.9, 0.884 and 0.74. Documents 0 and 1 sit on e0 and
 * e1, document 2 on e3.
 */
class LeverAugmenterTest {
  private static final float TOLERANCE = 1e-5f;

  private static final DenseMatrix LABELS = new DenseMatrix(4, 3, new float[] {
    1f, 0f, 0f,
    0.96f, 0.28f, 0f,
    0.8f, 0f, 0.6f,
    0f, -0.6f, 0.8f
  });

  private static final DenseMatrix DOCUMENTS = new DenseMatrix(3, 3, new float[] {
    1f, 0f, 0f,
    0.96f, 0.28f, 0f,
    0f, -0.6f, 0.8f
  });

  // Document 0 has labels 0 and 1, document 1 has label 1 and document 2 has label 3. Label 2 has none.
  private static final LabelMatrix TRUTH = new LabelMatrix(
      3, 4, new int[] {0, 2, 3, 4}, new int[] {0, 1, 1, 3}, new float[] {1f, 1f, 1f, 1f});

  private static DistillSettings lever(int labelCap, float labelThreshold, int topUp) {
    DistillSettings defaults = DistillSettings.defaults(DistillMode.LEVER);
    return new DistillSettings(
        DistillMode.LEVER, 0.5f, TeacherCalibration.LINEAR, defaults.sigmoidScale(), defaults.sigmoidShift(),
        true, labelCap, labelThreshold, topUp, 0.8f, AddedPairTarget.MIXED, 100);
  }

  private static void assertRow(LabelMatrix matrix, int row, int[] labels, float[] values) {
    int start = matrix.rowStart(row);
    int[] actualLabels = new int[matrix.rowSize(row)];
    float[] actualValues = new float[matrix.rowSize(row)];
    for (int i = 0; i < actualLabels.length; i++) {
      actualLabels[i] = matrix.label(start + i);
      actualValues[i] = matrix.value(start + i);
    }
    assertArrayEquals(labels, actualLabels, "labels of row " + row);
    assertArrayEquals(values, actualValues, TOLERANCE, "targets of row " + row);
  }

  @Test
  void leverAddsPairsAboveThresholdWithinCaps() {
    AugmentedTrainingSet set = new LeverAugmenter(lever(3, 0.8f, 2)).augment(TRUTH, DOCUMENTS, LABELS);

    LabelMatrix targets = set.targets();
    assertEquals(7, targets.rows());
    // Ground truth is mixed as 0.5 + 0.5 · p̂, so 1 for a document on its label and 0.99 at cos 0.96.
    // Label 0 has 1 document and tops up with document 1 (p̂ 0.98, target 0.49). Label 2 has none
    // and gets documents 0 (p̂ 0.9, target 0.45) and 1 (p̂ 0.884, target 0.442). Label 3 finds only
    // p̂ 0.5 and stays alone.
    assertRow(targets, 0, new int[] {0, 1, 2}, new float[] {1f, 0.99f, 0.45f});
    assertRow(targets, 1, new int[] {0, 1, 2}, new float[] {0.49f, 1f, 0.442f});
    assertRow(targets, 2, new int[] {3}, new float[] {1f});
    // Label documents: own label 1, then neighbours with p̂ ≥ 0.8 at (1 − λ) · p̂.
    assertRow(targets, 3, new int[] {0, 1, 2}, new float[] {1f, 0.49f, 0.45f});
    assertRow(targets, 4, new int[] {0, 1, 2}, new float[] {0.49f, 1f, 0.442f});
    assertRow(targets, 5, new int[] {0, 1, 2}, new float[] {0.45f, 0.442f, 1f});
    assertRow(targets, 6, new int[] {3}, new float[] {1f});
    assertEquals(6, set.labelPairsAdded());
    assertEquals(3, set.documentPairsAdded());
    assertEquals(3, set.originalRows());
    assertArrayEquals(LABELS.data(), set.appendedInputs().data());
  }

  @Test
  void labelCapKeepsNearestOnly() {
    AugmentedTrainingSet set = new LeverAugmenter(lever(1, 0.8f, 0)).augment(TRUTH, DOCUMENTS, LABELS);

    LabelMatrix targets = set.targets();
    assertRow(targets, 3, new int[] {0, 1}, new float[] {1f, 0.49f});
    assertRow(targets, 4, new int[] {0, 1}, new float[] {0.49f, 1f});
    assertRow(targets, 5, new int[] {0, 2}, new float[] {0.45f, 1f});
    assertRow(targets, 6, new int[] {3}, new float[] {1f});
    assertEquals(3, set.labelPairsAdded());
    assertEquals(0, set.documentPairsAdded());
  }

  @Test
  void labelThresholdDropsWeakerNeighbours() {
    // Only the pair at cos 0.96 (p̂ 0.98) passes 0.95.
    AugmentedTrainingSet set = new LeverAugmenter(lever(3, 0.95f, 0)).augment(TRUTH, DOCUMENTS, LABELS);

    LabelMatrix targets = set.targets();
    assertRow(targets, 3, new int[] {0, 1}, new float[] {1f, 0.49f});
    assertRow(targets, 4, new int[] {0, 1}, new float[] {0.49f, 1f});
    assertRow(targets, 5, new int[] {2}, new float[] {1f});
    assertEquals(2, set.labelPairsAdded());
  }

  @Test
  void pairAtEitherThresholdIsKept() {
    // cos(e0, e2) = 0.8 for the label pair and for document 0 against label 2: both thresholds set
    // to exactly that p̂ keep those pairs and drop the weaker ones (p̂ 0.884 and below).
    DistillSettings base = lever(3, 0f, 2);
    float atPair = base.teacherProbability(0.8f);
    DistillSettings settings = new DistillSettings(
        base.mode(), base.lambda(), base.calibration(), base.sigmoidScale(), base.sigmoidShift(), false,
        3, atPair, 2, atPair, AddedPairTarget.TEACHER, base.candidateCount());

    AugmentedTrainingSet set = new LeverAugmenter(settings).augment(TRUTH, DOCUMENTS, LABELS);

    LabelMatrix targets = set.targets();
    assertRow(targets, 0, new int[] {0, 1, 2}, new float[] {1f, 1f, atPair});
    assertRow(targets, 5, new int[] {0, 2}, new float[] {atPair, 1f});
    assertEquals(1 + 1, set.documentPairsAdded(), "label 2 gets document 0, label 0 gets document 1");
  }

  @Test
  void everyNeighbourPassingStopsAtTheListEnd() {
    // Threshold 0 lets every neighbour pass, so the walk ends at the end of the neighbour list. Label
    // 3's cosines 0, −0.168 and 0.48 give p̂ 0.5, 0.416 and 0.74, halved by λ = 0.5.
    AugmentedTrainingSet set = new LeverAugmenter(lever(10, 0f, 0)).augment(TRUTH, DOCUMENTS, LABELS);

    assertEquals(4 * 3, set.labelPairsAdded());
    assertRow(set.targets(), 6, new int[] {0, 1, 2, 3}, new float[] {0.25f, 0.208f, 0.37f, 1f});
  }

  @Test
  void teacherTargetStoresRawProbability() {
    DistillSettings base = lever(3, 0.8f, 0);
    DistillSettings teacher = new DistillSettings(
        base.mode(), base.lambda(), base.calibration(), base.sigmoidScale(), base.sigmoidShift(), false,
        base.labelNeighbourCap(), base.labelThreshold(), 0, base.documentThreshold(), AddedPairTarget.TEACHER,
        base.candidateCount());
    LabelMatrix targets = new LeverAugmenter(teacher).augment(TRUTH, DOCUMENTS, LABELS).targets();

    // Without ground-truth mixing, document 0 keeps target 1 for label 1.
    assertRow(targets, 0, new int[] {0, 1}, new float[] {1f, 1f});
    assertRow(targets, 3, new int[] {0, 1, 2}, new float[] {1f, 0.98f, 0.9f});
  }

  @Test
  void noneKeepsOriginalRowsAndAddsNothing() {
    AugmentedTrainingSet set =
        new LeverAugmenter(DistillSettings.defaults(DistillMode.NONE)).augment(TRUTH, DOCUMENTS, LABELS);

    LabelMatrix targets = set.targets();
    assertEquals(3, targets.rows());
    assertRow(targets, 0, new int[] {0, 1}, new float[] {1f, 1f});
    assertRow(targets, 1, new int[] {1}, new float[] {1f});
    assertRow(targets, 2, new int[] {3}, new float[] {1f});
    assertEquals(0, set.appendedInputs().rows());
    assertEquals(0, set.labelPairsAdded());
    assertEquals(0, set.documentPairsAdded());
    assertEquals(DOCUMENTS, set.inputs(DOCUMENTS));
  }

  @Test
  void labelsModeAppendsHardLabelDocumentsOnly() {
    AugmentedTrainingSet set =
        new LeverAugmenter(DistillSettings.defaults(DistillMode.LABELS)).augment(TRUTH, DOCUMENTS, LABELS);

    LabelMatrix targets = set.targets();
    assertEquals(7, targets.rows());
    assertRow(targets, 0, new int[] {0, 1}, new float[] {1f, 1f});
    for (int label = 0; label < 4; label++) {
      assertRow(targets, 3 + label, new int[] {label}, new float[] {1f});
    }
    assertEquals(0, set.labelPairsAdded());
    assertEquals(0, set.documentPairsAdded());
    DenseMatrix inputs = set.inputs(DOCUMENTS);
    assertEquals(7, inputs.rows());
    assertArrayEquals(LABELS.row(2), inputs.row(5));
  }
}
