package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.LabelMatrix;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.vector.SparseVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllNegativesSgdTest {
  private static final float TOLERANCE = 1e-6f;
  /** σ(0.5), the probability of a logit of 0.5. */
  private static final float SIGMOID_HALF = 0.62245935f;

  private static SparseOvaSettings settings(
      int epochs, float weightDecay, float pruneThreshold, boolean labelTexts, int threads) {
    return new SparseOvaSettings(
        epochs, 1f, weightDecay, pruneThreshold, 0, 0, labelTexts, Long.MAX_VALUE, threads, 11L);
  }

  private static LabelMatrix oneLabelPerRow(int labels, int... rowLabels) {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(labels);
    for (int label : rowLabels) {
      builder.addRow(new int[] {label}, new float[] {1f}, 1);
    }
    return builder.build();
  }

  private static float weight(SparseClassifiers classifiers, int label, int feature) {
    LabelMatrix weights = classifiers.weights();
    for (int p = weights.rowStart(label); p < weights.rowEnd(label); p++) {
      if (weights.label(p) == feature) {
        return weights.value(p);
      }
    }
    return 0f;
  }

  /**
   * Two documents, each with one feature and one label, for one epoch at learning rate 1 and no
   * decay. Row 0 comes first. Its step starts from zero logits (probability 0.5), so label 0 moves
   * by +0.5 and label 1 by −0.5 on feature 0 and on the bias. Row 1 then has logits of +0.5 for
   * label 0 and −0.5 for label 1 from the biases, so each moves by σ(0.5) towards its target on
   * feature 1 and on the bias.
   */
  @Test
  void oneEpochMatchesHandComputedSteps() {
    List<SparseVector> documents =
        List.of(SparseVector.of(new int[] {0}, new float[] {1f}), SparseVector.of(new int[] {1}, new float[] {1f}));
    assertArrayEquals(new int[] {0, 1}, SparseOvaTrainer.rowOrder(2, 11L, 0));

    SparseClassifiers classifiers =
        new SparseOvaTrainer(settings(1, 0f, 0f, false, 1))
            .train(documents, oneLabelPerRow(2, 0, 1), new int[2][0], null, 3);

    assertEquals(0.5f - SIGMOID_HALF, classifiers.biases()[0], TOLERANCE);
    assertEquals(SIGMOID_HALF - 0.5f, classifiers.biases()[1], TOLERANCE);
    assertEquals(0.5f, weight(classifiers, 0, 0), TOLERANCE);
    assertEquals(-SIGMOID_HALF, weight(classifiers, 0, 1), TOLERANCE);
    assertEquals(-0.5f, weight(classifiers, 1, 0), TOLERANCE);
    assertEquals(SIGMOID_HALF, weight(classifiers, 1, 1), TOLERANCE);
    // Feature 2 occurs in no row, so no label keeps a weight for it.
    assertEquals(2, classifiers.weights().rowSize(0));
    assertEquals(2, classifiers.weights().rowSize(1));
  }

  /** Weight decay shrinks a touched weight by learning rate × decay × weight before the gradient is added. */
  @Test
  void weightDecayShrinksTouchedWeights() {
    List<SparseVector> documents = List.of(SparseVector.of(new int[] {0}, new float[] {1f}));

    SparseClassifiers classifiers =
        new SparseOvaTrainer(settings(2, 0.5f, 0f, false, 1))
            .train(documents, oneLabelPerRow(1, 0), new int[1][0], null, 1);

    // Epoch 1 at rate 1: w = b = 0.5. Epoch 2 at rate 0.5 from logit 1: both gain 0.5 × (1 − σ(1)),
    // and the weight also loses 0.5 × 0.5 × 0.5.
    float secondGain = 0.5f * (1f - 0.7310586f);
    assertEquals(0.5f + secondGain, classifiers.biases()[0], TOLERANCE);
    assertEquals(0.5f + secondGain - 0.125f, weight(classifiers, 0, 0), TOLERANCE);
  }

  @Test
  void labelTextTrainsOwnLabelOnly() {
    List<SparseVector> documents = List.of(SparseVector.of(new int[] {0}, new float[] {1f}));
    List<SparseVector> texts =
        List.of(SparseVector.of(new int[] {1}, new float[] {1f}), SparseVector.of(new int[] {2}, new float[] {1f}));

    SparseClassifiers classifiers =
        new SparseOvaTrainer(settings(1, 0f, 0f, true, 1))
            .train(documents, oneLabelPerRow(2, 0), new int[1][0], texts, 3);

    assertTrue(weight(classifiers, 0, 1) > 0f, "label 0 learns its text's feature");
    assertTrue(weight(classifiers, 1, 2) > 0f, "label 1 learns its text's feature");
    assertEquals(0f, weight(classifiers, 0, 2));
    assertEquals(0f, weight(classifiers, 1, 1));
  }

  @Test
  void threadCountDoesNotChangeTheWeights() {
    List<SparseVector> documents = new ArrayList<>();
    int[] rowLabels = new int[12];
    for (int row = 0; row < rowLabels.length; row++) {
      rowLabels[row] = row % 4;
      documents.add(SparseVector.of(new int[] {row % 4, 4 + row % 3}, new float[] {0.8f, 0.6f}));
    }
    LabelMatrix targets = oneLabelPerRow(4, rowLabels);

    SparseClassifiers one =
        new SparseOvaTrainer(settings(5, 1e-5f, 0.01f, false, 1))
            .train(documents, targets, new int[12][0], null, 7);
    SparseClassifiers three =
        new SparseOvaTrainer(settings(5, 1e-5f, 0.01f, false, 3))
            .train(documents, targets, new int[12][0], null, 7);

    assertArrayEquals(one.biases(), three.biases());
    assertEquals(one.nonZeros(), three.nonZeros());
    for (int position = 0; position < one.nonZeros(); position++) {
      assertEquals(one.weights().label(position), three.weights().label(position));
      assertEquals(one.weights().value(position), three.weights().value(position));
    }
  }

  @Test
  void weightCountDecidesTheMode() {
    SparseOvaSettings settings = new SparseOvaSettings(1, 1f, 0f, 0f, 0, 0, false, 554L * 92_696, 1, 11L);
    SparseOvaSettings never = new SparseOvaSettings(1, 1f, 0f, 0f, 0, 0, false, 0L, 1, 11L);

    assertTrue(settings.trainsAgainstAllLabels(554, 92_696));
    assertFalse(settings.trainsAgainstAllLabels(555, 92_696));
    assertFalse(settings.trainsAgainstAllLabels(554, 92_697));
    assertFalse(never.trainsAgainstAllLabels(1, 1));
    assertTrue(SparseOvaSettings.defaults(1).trainsAgainstAllLabels(554, 92_696));
    assertFalse(SparseOvaSettings.defaults(1).trainsAgainstAllLabels(15_000, 10_000));
  }

  @Test
  void featureIdOutOfRangeIsRejected() {
    List<SparseVector> documents = List.of(SparseVector.of(new int[] {4}, new float[] {1f}));
    SparseOvaTrainer trainer = new SparseOvaTrainer(settings(1, 0f, 0f, false, 1));

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class,
            () -> trainer.train(documents, oneLabelPerRow(2, 0), new int[1][0], null, 3));
    assertEquals("document row 0 has feature id 4, expected ids below 3", error.getMessage());
  }
}
