package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.api.Test;

class BagOfEmbeddingsTest {
  // Row 0 has features 0 (weight 2) and 2 (weight 1); row 1 has no feature.
  private static final LabelMatrix FEATURES =
      new LabelMatrix(2, 3, new int[] {0, 2, 2}, new int[] {0, 2}, new float[] {2f, 1f});

  private static DenseMatrix table() {
    return new DenseMatrix(3, 2, new float[] {1f, 0f, 5f, 5f, -1f, 1f});
  }

  @Test
  void encodeNormalisesWeightedSum() {
    BagOfEmbeddings encoder = new BagOfEmbeddings(FEATURES, table());
    float[] out = new float[2];

    // u = 2 · (1, 0) + 1 · (−1, 1) = (1, 1), |u| = √2.
    float length = encoder.encode(0, out);

    assertEquals((float) Math.sqrt(2), length, 1e-6f);
    assertArrayEquals(new float[] {(float) (1 / Math.sqrt(2)), (float) (1 / Math.sqrt(2))}, out, 1e-6f);
  }

  @Test
  void emptyRowEncodesToZero() {
    BagOfEmbeddings encoder = new BagOfEmbeddings(FEATURES, table());
    float[] out = {3f, 3f};
    assertEquals(0f, encoder.encode(1, out));
    assertArrayEquals(new float[] {0f, 0f}, out);
  }

  @Test
  void updateMatchesFiniteDifferences() {
    // Loss L = h · x(E). One update with learning rate 1 subtracts ∂L/∂E from the table.
    float[] h = {0.3f, -0.7f};
    DenseMatrix before = table();
    DenseMatrix after = table();
    BagOfEmbeddings encoder = new BagOfEmbeddings(FEATURES, after);
    float[] x = new float[2];
    float length = encoder.encode(0, x);
    encoder.update(0, x, length, h, 1f);

    double step = 1e-3;
    for (int i = 0; i < before.data().length; i++) {
      DenseMatrix plus = before.copy();
      plus.data()[i] += (float) step;
      DenseMatrix minus = before.copy();
      minus.data()[i] -= (float) step;
      double numeric = (loss(plus, h) - loss(minus, h)) / (2 * step);
      double analytic = before.data()[i] - after.data()[i];
      assertEquals(numeric, analytic, 1e-3, "table entry " + i);
    }
  }

  private static double loss(DenseMatrix table, float[] h) {
    float[] x = new float[2];
    new BagOfEmbeddings(FEATURES, table).encode(0, x);
    return h[0] * x[0] + h[1] * x[1];
  }
}
