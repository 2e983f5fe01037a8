package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.SparseVector;
import org.junit.jupiter.api.Test;

class SparseClassifiersTest {
  private static final float TOLERANCE = 1e-6f;

  /**
   * Returns two labels over 10 features: label 0 weighs features 1, 4 and 7 with 2, −1 and 0.5 and
   * has bias −1; label 1 weighs feature 4 with 3 and has bias 0.25.
   */
  private static SparseClassifiers twoLabels() {
    LabelMatrix weights =
        new LabelMatrix(2, 10, new int[] {0, 3, 4}, new int[] {1, 4, 7, 4}, new float[] {2f, -1f, 0.5f, 3f});
    return new SparseClassifiers(weights, new float[] {-1f, 0.25f});
  }

  @Test
  void logitAddsSharedFeaturesAndBias() {
    SparseClassifiers classifiers = twoLabels();
    // Features 1, 4 and 9 with values 0.5, 0.2 and 0.8; feature 9 has no weight in either label.
    SparseVector document = SparseVector.of(new int[] {1, 4, 9}, new float[] {0.5f, 0.2f, 0.8f});

    // Label 0: 2 · 0.5 − 1 · 0.2 − 1 = −0.2.
    assertEquals(-0.2f, classifiers.logit(0, document), TOLERANCE);
    // Label 1: 3 · 0.2 + 0.25 = 0.85.
    assertEquals(0.85f, classifiers.logit(1, document), TOLERANCE);
  }

  @Test
  void logitOfUnsharedFeaturesIsTheBias() {
    SparseClassifiers classifiers = twoLabels();

    assertEquals(-1f, classifiers.logit(0, SparseVector.of(new int[] {0, 2, 8}, new float[] {1f, 1f, 1f})));
    assertEquals(0.25f, classifiers.logit(1, SparseVector.empty()));
  }

  @Test
  void logitFindsEveryFeatureOfALongRow() {
    // One label weighing every even feature below 1000 with its own id.
    int[] features = new int[500];
    float[] values = new float[500];
    for (int i = 0; i < 500; i++) {
      features[i] = 2 * i;
      values[i] = 2 * i;
    }
    SparseClassifiers classifiers =
        new SparseClassifiers(new LabelMatrix(1, 1000, new int[] {0, 500}, features, values), new float[] {0f});
    SparseVector document = SparseVector.of(new int[] {0, 3, 500, 501, 998}, new float[] {1f, 1f, 1f, 1f, 1f});

    // Features 0, 500 and 998 are even: 0 + 500 + 998.
    assertEquals(1498f, classifiers.logit(0, document));
  }

  @Test
  void biasCountMustMatchLabels() {
    LabelMatrix weights = new LabelMatrix(2, 3, new int[] {0, 0, 0}, new int[0], new float[0]);

    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new SparseClassifiers(weights, new float[] {0f}));
    assertEquals("sparse weights have 2 label rows but there are 1 biases", error.getMessage());
  }
}
