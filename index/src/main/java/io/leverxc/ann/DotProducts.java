package io.leverxc.ann;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dot products and axpy updates between slices of float arrays, so that rows of a row-major
 * matrix are read in place instead of being copied out first.
 *
 * <p>Uses the Java Vector API (SIMD) when the {@code jdk.incubator.vector} module is in the boot
 * layer ({@code --add-modules jdk.incubator.vector}, which the launcher and the tests pass), and a
 * scalar loop otherwise. Both paths sum in a different order than a plain left-to-right loop, so
 * results can differ from it in the last bits. {@link #axpy} is the exception, because it rounds
 * each element as a plain loop does on both paths. Each path adds in a fixed order, so the same
 * inputs give the same float on every call, whether the JIT compiler has compiled the code yet or not.
 */
public final class DotProducts {
  private static final Logger LOG = LoggerFactory.getLogger(DotProducts.class);
  private static final boolean SIMD = simdAvailable();

  private DotProducts() {}

  private static boolean simdAvailable() {
    boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    if (!present) {
      LOG.warn(
          "jdk.incubator.vector is not enabled; dot products use a scalar loop."
              + " Pass --add-modules jdk.incubator.vector to the JVM for SIMD speed.");
    }
    return present;
  }

  /** Returns true if dot products run on the Vector API. */
  public static boolean simd() {
    return SIMD;
  }

  /**
   * Returns the dot product of {@code a[aOffset, aOffset + length)} and
   * {@code b[bOffset, bOffset + length)}.
   *
   * @throws IndexOutOfBoundsException if either slice runs past its array
   */
  public static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    Objects.checkFromIndexSize(aOffset, length, a.length);
    Objects.checkFromIndexSize(bOffset, length, b.length);
    return SIMD
        ? SimdDotProduct.dot(a, aOffset, b, bOffset, length)
        : scalarDot(a, aOffset, b, bOffset, length);
  }

  /**
   * Adds {@code alpha} times {@code x[xOffset, xOffset + length)} to {@code y[yOffset, yOffset +
   * length)}. Each element is {@code y[i] += alpha * x[i]} with the product rounded to float before
   * the sum, so the result is the same as the plain Java loop's, with or without SIMD.
   *
   * @throws IndexOutOfBoundsException if either slice runs past its array
   */
  public static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
    Objects.checkFromIndexSize(xOffset, length, x.length);
    Objects.checkFromIndexSize(yOffset, length, y.length);
    if (SIMD) {
      SimdDotProduct.axpy(alpha, x, xOffset, y, yOffset, length);
    } else {
      scalarAxpy(alpha, x, xOffset, y, yOffset, length);
    }
  }

  /**
   * Sets {@code y[yOffset, yOffset + length)} to {@code beta · y + alpha · x}, element by element,
   * as the BLAS routine axpby does. Each product is rounded to float before the sum, so the result
   * is the same as the plain Java loop's, with or without SIMD.
   *
   * @throws IndexOutOfBoundsException if either slice runs past its array
   */
  public static void axpby(float alpha, float[] x, int xOffset, float beta, float[] y, int yOffset, int length) {
    Objects.checkFromIndexSize(xOffset, length, x.length);
    Objects.checkFromIndexSize(yOffset, length, y.length);
    if (SIMD) {
      SimdDotProduct.axpby(alpha, x, xOffset, beta, y, yOffset, length);
    } else {
      scalarAxpby(alpha, x, xOffset, beta, y, yOffset, length);
    }
  }

  /** Scalar axpby, also used when SIMD is unavailable. */
  static void scalarAxpby(float alpha, float[] x, int xOffset, float beta, float[] y, int yOffset, int length) {
    for (int i = 0; i < length; i++) {
      y[yOffset + i] = beta * y[yOffset + i] + alpha * x[xOffset + i];
    }
  }

  /** Scalar axpy, also used when SIMD is unavailable. */
  static void scalarAxpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
    for (int i = 0; i < length; i++) {
      y[yOffset + i] += alpha * x[xOffset + i];
    }
  }

  /** Returns the dot product of two whole arrays of equal length. */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vectors differ in length: " + a.length + " and " + b.length);
    }
    return dot(a, 0, b, 0, a.length);
  }

  /** Scalar reference kernel with four independent sums, also used when SIMD is unavailable. */
  static float scalarDot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    float sum0 = 0;
    float sum1 = 0;
    float sum2 = 0;
    float sum3 = 0;
    int i = 0;
    for (int bound = length & ~3; i < bound; i += 4) {
      sum0 = Math.fma(a[aOffset + i], b[bOffset + i], sum0);
      sum1 = Math.fma(a[aOffset + i + 1], b[bOffset + i + 1], sum1);
      sum2 = Math.fma(a[aOffset + i + 2], b[bOffset + i + 2], sum2);
      sum3 = Math.fma(a[aOffset + i + 3], b[bOffset + i + 3], sum3);
    }
    for (; i < length; i++) {
      sum0 = Math.fma(a[aOffset + i], b[bOffset + i], sum0);
    }
    return (sum0 + sum1) + (sum2 + sum3);
  }
}
