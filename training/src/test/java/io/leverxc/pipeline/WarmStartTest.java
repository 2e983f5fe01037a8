package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.classifier.OvaSettings;
import io.leverxc.data.LabelMatrix;
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

  @Test
  void newLabelStartsAtPrototypeOfItsRows() {
    // Parent weight norms 5 and 3 (mean 4), biases 1 and -3 (mean -1).
    OvaClassifiers parent = new OvaClassifiers(new DenseMatrix(2, 2, new float[] {3, 4, 0, 3}), new float[] {1f, -3f});
    DenseMatrix embeddings = new DenseMatrix(4, 2, new float[] {9, 9, 9, 9, 0.6f, 0.8f, 1, 0});
    DenseMatrix rowInputs = new DenseMatrix(3, 2, new float[] {1, 0, 0, 1, 0.6f, 0.8f});
    LabelMatrix.Builder targets = new LabelMatrix.Builder(4);
    targets.addRow(new int[] {0, 2}, new float[] {1f, 1f}, 2);
    targets.addRow(new int[] {2}, new float[] {0.5f}, 1);
    targets.addRow(new int[] {1}, new float[] {1f}, 1);

    OvaClassifiers start = WarmStart.prototypes(parent, embeddings, rowInputs, targets.build(), SETTINGS);

    // Label 2: 1·(1, 0) + 0.5·(0, 1) = (1, 0.5), scaled to norm 4. Label 3 has no rows: cold start.
    float norm = (float) Math.sqrt(1.25);
    float scale = SETTINGS.initialScale();
    assertArrayEquals(
        new float[] {3, 4, 0, 3, 4 / norm, 2 / norm, scale, 0}, start.weights().data(), 1e-5f);
    assertArrayEquals(new float[] {1f, -3f, -1f, SETTINGS.initialBias()}, start.biases(), 1e-6f);
  }
}
