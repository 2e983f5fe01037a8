package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VectorsTest {
  @Test
  void dotReadsBothSlices() {
    float[] a = {9f, 1f, 2f, 3f, 9f};
    float[] b = {4f, 5f, 6f, 9f};
    // 1·4 + 2·5 + 3·6 = 32
    assertEquals(32f, Vectors.dot(a, 1, b, 0, 3));
  }

  @Test
  void dotOfEmptySliceIsZero() {
    assertEquals(0f, Vectors.dot(new float[2], 2, new float[1], 1, 0));
  }

  @Test
  void dotRejectsSlicePastEnd() {
    assertThrows(IndexOutOfBoundsException.class, () -> Vectors.dot(new float[4], 2, new float[4], 0, 3));
  }

  @Test
  void sigmoidKnownValues() {
    assertEquals(0.5f, Vectors.sigmoid(0f));
    assertEquals(0.7310586f, Vectors.sigmoid(1f), 1e-7f);
    assertEquals(0.26894143f, Vectors.sigmoid(-1f), 1e-7f);
  }
}
