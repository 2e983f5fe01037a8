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
  void dotMatchesNaiveSumForEveryTailLength() {
    java.util.Random random = new java.util.Random(3);
    for (int length = 0; length < 11; length++) {
      float[] matrix = new float[length + 2];
      float[] vector = new float[length];
      double expected = 0;
      for (int i = 0; i < length; i++) {
        matrix[i + 2] = random.nextFloat();
        vector[i] = random.nextFloat();
        expected += (double) matrix[i + 2] * vector[i];
      }
      assertEquals(expected, DotProducts.dot(matrix, 2, vector, 0, length), 1e-5, "length " + length);
    }
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

    float[] scalarY = y.clone();

    DotProducts.axpy(alpha, x, xOffset, y, yOffset, length);
    DotProducts.scalarAxpy(alpha, x, xOffset, scalarY, yOffset, length);

    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(y[i]), "element " + i);
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(scalarY[i]), "scalar element " + i);
    }
  }

  @Test
  void axpbyHandComputed() {
    float[] x = {9, 1, 2, 3};
    float[] y = {10, 20, 30, 40};

    DotProducts.axpby(2f, x, 1, 0.5f, y, 1, 3);

    assertEquals(10f, y[0]);
    assertEquals(12f, y[1]);
    assertEquals(19f, y[2]);
    assertEquals(26f, y[3]);
  }

  @Test
  void axpbySliceOutOfBoundsRejected() {
    float[] x = new float[4];
    float[] y = new float[4];

    assertThrows(IndexOutOfBoundsException.class, () -> DotProducts.axpby(1f, x, 2, 1f, y, 0, 3));
    assertThrows(IndexOutOfBoundsException.class, () -> DotProducts.axpby(1f, x, 0, 1f, y, 2, 3));
  }

  @Property(tries = 200)
  void axpbyMatchesScalarLoopBitForBit(
      @ForAll @IntRange(min = 0, max = 300) int length,
      @ForAll @IntRange(min = 0, max = 17) int xOffset,
      @ForAll @IntRange(min = 0, max = 17) int yOffset,
      @ForAll long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float alpha = (float) (random.nextDouble() * 4 - 2);
    float beta = (float) random.nextDouble();
    float[] x = randomFloats(random, xOffset + length);
    float[] y = randomFloats(random, yOffset + length);
    float[] expected = y.clone();
    for (int i = 0; i < length; i++) {
      // The classifier update's form: decay · w − g · x.
      expected[yOffset + i] = beta * expected[yOffset + i] - -alpha * x[xOffset + i];
    }

    float[] scalarY = y.clone();

    DotProducts.axpby(alpha, x, xOffset, beta, y, yOffset, length);
    DotProducts.scalarAxpby(alpha, x, xOffset, beta, scalarY, yOffset, length);

    for (int i = 0; i < y.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(y[i]), "element " + i);
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(scalarY[i]), "scalar element " + i);
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

  /**
   * Returns the SIMD kernel's sum in scalar code: per lane, two fused multiply-add accumulators
   * over alternate blocks, their lane-wise sum reduced by a butterfly of pairwise additions, then the tail.
   */
  private static float laneOrderedDot(float[] a, int aOffset, float[] b, int bOffset, int length, int lanes) {
    float sum = 0;
    int i = 0;
    if (length >= 2 * lanes) {
      float[] first = new float[lanes];
      float[] second = new float[lanes];
      int bound = length - length % (2 * lanes);
      for (; i < bound; i += 2 * lanes) {
        for (int lane = 0; lane < lanes; lane++) {
          first[lane] = Math.fma(a[aOffset + i + lane], b[bOffset + i + lane], first[lane]);
          second[lane] = Math.fma(a[aOffset + i + lanes + lane], b[bOffset + i + lanes + lane], second[lane]);
        }
      }
      float[] sums = new float[lanes];
      for (int lane = 0; lane < lanes; lane++) {
        sums[lane] = first[lane] + second[lane];
      }
      for (int step = lanes / 2; step >= 1; step /= 2) {
        float[] next = new float[lanes];
        for (int lane = 0; lane < lanes; lane++) {
          next[lane] = sums[lane] + sums[lane ^ step];
        }
        sums = next;
      }
      sum = sums[0];
    }
    for (; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }

  @Property(tries = 50)
  void simdDotIsTheSameFloatOnEveryCall(
      @ForAll @IntRange(min = 0, max = 300) int length, @ForAll long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] a = randomFloats(random, length);
    float[] b = randomFloats(random, length);
    int lanes = SimdDotProduct.lanes();
    int expected = Float.floatToRawIntBits(laneOrderedDot(a, 0, b, 0, length, lanes));

    // The tries make 100,000 calls in all, so the JIT compiler replaces the interpreted kernel partway.
    for (int call = 0; call < 2_000; call++) {
      assertEquals(expected, Float.floatToRawIntBits(DotProducts.dot(a, 0, b, 0, length)), "call " + call);
    }
  }
}
