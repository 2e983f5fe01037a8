package io.leverxc.ann;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DotProductsTest {

  @Test
  void handComputedSlices() {
    float[] a = {9, 1, 2, 3, 9};
    float[] b = {4, 5, 6};

    assertEquals(1 * 4 + 2 * 5 + 3 * 6, DotProducts.dot(a, 1, b, 0, 3));
    assertEquals(0f, DotProducts.dot(a, 2, b, 1, 0));
  }

  @Test
  void testsRunWithSimd() {
    // The surefire argLine adds jdk.incubator.vector; without it the kernel silently falls back.
    assertTrue(DotProducts.simd());
  }

  @Test
  void sliceOutOfBoundsRejected() {
    float[] a = new float[4];

    assertThrows(IndexOutOfBoundsException.class, () -> DotProducts.dot(a, 2, a, 0, 3));
  }

  @Test
  void axpyHandComputed() {
    float[] x = {9, 1, 2, 3};
    float[] y = {10, 20, 30, 40};

    DotProducts.axpy(2f, x, 1, y, 1, 3);

    assertEquals(10f, y[0]);
    assertEquals(22f, y[1]);
    assertEquals(34f, y[2]);
    assertEquals(46f, y[3]);
  }

  @Property(tries = 200)
  void axpyMatchesScalarLoopBitForBit(
      @ForAll @IntRange(min = 0, max = 300) int length,
      @ForAll @IntRange(min = 0, max = 17) int xOffset,
      @ForAll @IntRange(min = 0, max = 17) int yOffset,
      @ForAll long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float alpha = (float) (random.nextDouble() * 4 - 2);
    float[] x = randomFloats(random, xOffset + length);
    float[] y = randomFloats(random, yOffset + length);
    float[] expected = y.clone();
    for (int i = 0; i < length; i++) {
      expected[yOffset + i] = expected[yOffset + i] + alpha * x[xOffset + i];
    }

    DotProducts.axpy(alpha, x, xOffset, y, yOffset, length);

    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(y[i]), "element " + i);
    }
  }

  private static float[] randomFloats(java.util.SplittableRandom random, int length) {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = (float) (random.nextDouble() * 2 - 1);
    }
    return values;
  }

  @Property(tries = 200)
  void matchesDoublePrecisionSum(
      @ForAll @IntRange(min = 0, max = 300) int length,
      @ForAll @IntRange(min = 0, max = 17) int aOffset,
      @ForAll @IntRange(min = 0, max = 17) int bOffset,
      @ForAll long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] a = new float[aOffset + length];
    float[] b = new float[bOffset + length];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) (random.nextDouble() * 2 - 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) (random.nextDouble() * 2 - 1);
    }
    double expected = 0;
    double magnitude = 0;
    for (int i = 0; i < length; i++) {
      expected += (double) a[aOffset + i] * b[bOffset + i];
      magnitude += Math.abs((double) a[aOffset + i] * b[bOffset + i]);
    }

    float simd = DotProducts.dot(a, aOffset, b, bOffset, length);
    float scalar = DotProducts.scalarDot(a, aOffset, b, bOffset, length);

    // Float summation error is bounded by about length * 2^-24 times the sum of magnitudes.
    double tolerance = 1e-6 + magnitude * length * 0x1p-24;
    assertEquals(expected, simd, tolerance);
    assertEquals(expected, scalar, tolerance);
  }
}
