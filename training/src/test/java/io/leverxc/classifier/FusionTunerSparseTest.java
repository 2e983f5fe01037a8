package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.FusedScorer;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FusionTuner#tuneSparseWeight} on three documents that only the sparse classifiers rank right. */
class FusionTunerSparseTest {
  /** Documents, and label embeddings, at the three unit axes. */
  private static final DenseMatrix AXES = new DenseMatrix(3, 3, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
  /** Classifiers rotated by one label: document 0 gets logit 5 for label 2 and 0 for the others. */
  private static final DenseMatrix ROTATED = new DenseMatrix(3, 3, new float[] {0, 5, 0, 0, 0, 5, 5, 0, 0});
  private static final LabelMatrix TRUTH =
      new LabelMatrix(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
  /** Document i has feature i only. */
  private static final List<SparseVector> FEATURES =
      List.of(
          SparseVector.of(new int[] {0}, new float[] {1f}),
          SparseVector.of(new int[] {1}, new float[] {1f}),
          SparseVector.of(new int[] {2}, new float[] {1f}));
  /** The classifier alone: alpha 1. */
  private static final FusionSettings CLASSIFIER_ONLY = new FusionSettings(1f, 2f, 0f, 3, 3);

  /** Sparse classifiers where label l weighs feature l with {@code weight}, without biases. */
  private static SparseClassifiers diagonal(float weight) {
    LabelMatrix weights =
        new LabelMatrix(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {weight, weight, weight});
    return new SparseClassifiers(weights, new float[3]);
  }

  private static FusedScorer scorer(SparseClassifiers sparse) {
    return new FusedScorer(
        new OvaClassifiers(ROTATED, new float[3]), AXES, new ExactSearcher(ROTATED), new ExactSearcher(AXES), null,
        sparse, CLASSIFIER_ONLY, null);
  }

  /** Returns a tuning result of the classifier-only settings, with the given first slot. */
  private static FusionTuner.Result tuned(FusionSettings firstSlot) {
    return new FusionTuner.Result(CLASSIFIER_ONLY, 0, 0, 0, 0, firstSlot, 0);
  }

  @Test
  void firstWinningWeightIsChosen() {
    FusionTuner tuner = new FusionTuner(TuningObjective.PRECISION_AT_1, new float[] {1, 1, 1});

    FusionTuner.Result result = tuner.tuneSparseWeight(scorer(diagonal(4f)), AXES, AXES, FEATURES, TRUTH, tuned(null));

    // Document 0: label 2 scores σ(5) + β · σ(0) = 0.993307 + 0.5 β and label 0 scores
    // σ(0) + β · σ(4) = 0.5 + 0.982014 β, which is higher once β > 1.0234: 2 on the grid.
    assertEquals(2f, result.settings().sparseWeight());
    assertEquals(1.0, result.precisionAt1(), 1e-9);
    assertEquals(null, result.firstSlot());
  }

  @Test
  void weightGoesToFirstSlotOnly() {
    FusionTuner tuner = new FusionTuner(TuningObjective.BALANCED, new float[] {1, 1, 1});

    FusionTuner.Result result =
        tuner.tuneSparseWeight(scorer(diagonal(4f)), AXES, AXES, FEATURES, TRUTH, tuned(CLASSIFIER_ONLY));

    assertEquals(2f, result.firstSlot().sparseWeight());
    // All three labels fill the top 5 whatever the main weight, so the tie keeps 0.
    assertEquals(0f, result.settings().sparseWeight());
    assertEquals(1.0, result.precisionAt1(), 1e-9);
  }

  @Test
  void uselessTermKeepsZeroWeights() {
    FusionTuner tuner = new FusionTuner(TuningObjective.BALANCED, new float[] {1, 1, 1});

    FusionTuner.Result result =
        tuner.tuneSparseWeight(scorer(diagonal(0f)), AXES, AXES, FEATURES, TRUTH, tuned(CLASSIFIER_ONLY));

    assertEquals(0f, result.firstSlot().sparseWeight());
    assertEquals(0f, result.settings().sparseWeight());
    assertEquals(0.0, result.precisionAt1(), 1e-9);
  }

  @Test
  void scorerWithoutSparseClassifiersIsRejected() {
    FusionTuner tuner = new FusionTuner(TuningObjective.BALANCED, new float[] {1, 1, 1});

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> tuner.tuneSparseWeight(scorer(null), AXES, AXES, FEATURES, TRUTH, tuned(CLASSIFIER_ONLY)));
    assertEquals("the scorer has no sparse classifiers to weigh", error.getMessage());
  }
}
