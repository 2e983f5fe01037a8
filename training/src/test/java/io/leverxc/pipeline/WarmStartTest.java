package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.classifier.OvaSettings;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.api.Test;

class WarmStartTest {
  private static final OvaSettings SETTINGS = OvaSettings.defaults(1);

  @Test
  void parentRowsCopiedNewRowsScaled() {
    OvaClassifiers parent = new OvaClassifiers(new DenseMatrix(2, 2, new float[] {1, 2, 3, 4}), new float[] {0.5f, -1f});
    DenseMatrix embeddings = new DenseMatrix(3, 2, new float[] {9, 9, 9, 9, 0.6f, 0.8f});

    OvaClassifiers start = WarmStart.classifiers(parent, embeddings, SETTINGS);

    float scale = SETTINGS.initialScale();
    assertArrayEquals(new float[] {1, 2, 3, 4, 0.6f * scale, 0.8f * scale}, start.weights().data());
    assertArrayEquals(new float[] {0.5f, -1f, SETTINGS.initialBias()}, start.biases());
    // The parent's arrays are copied, not shared.
    start.weights().data()[0] = 7;
    assertArrayEquals(new float[] {1, 2, 3, 4}, parent.weights().data());
  }

  @Test
  void fewerLabelsThanParentRejected() {
    OvaClassifiers parent = new OvaClassifiers(new DenseMatrix(2, 2), new float[2]);
    assertThrows(IllegalArgumentException.class, () -> WarmStart.classifiers(parent, new DenseMatrix(1, 2), SETTINGS));
  }

  @Test
  void otherDimensionRejected() {
    OvaClassifiers parent = new OvaClassifiers(new DenseMatrix(2, 2), new float[2]);
    assertThrows(IllegalArgumentException.class, () -> WarmStart.classifiers(parent, new DenseMatrix(3, 3), SETTINGS));
  }
}
