package io.leverxc.ann;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels behind {@link DotProducts}. They live in a class of their own, which is loaded
 * only when the incubator module is present.
 */
final class SimdDotProduct {
  /**
   * The preferred vector shape, but at most 256 bits. On the 2-core AVX-512 machine of the
   * benchmarks, a 256-dimensional dot product took 17.3 ns with 256-bit vectors, 24.0 ns with
   * 512-bit ones and the same lane sum, and 20.2 ns with 512-bit ones and the JDK's own sum ({@code
   * lever bench kernel}). Machines with 256-bit vectors or wider also add in the same order, so
   * their scores agree bit for bit.
   */
  private static final VectorSpecies<Float> SPECIES =
      FloatVector.SPECIES_PREFERRED.vectorBitSize() > 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_PREFERRED;
  private static final VectorShuffle<Float>[] BUTTERFLY = butterfly();

  private SimdDotProduct() {}

  /** Returns the number of float lanes per vector. */
  static int lanes() {
    return SPECIES.length();
  }

  /** Returns the dot product of two slices; the caller has checked the bounds. */
  static float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
    int lanes = SPECIES.length();
    int i = 0;
    float sum = 0;
    if (length >= 2 * lanes) {
      // Two accumulators hide part of the FMA latency.
      FloatVector acc0 = FloatVector.zero(SPECIES);
      FloatVector acc1 = FloatVector.zero(SPECIES);
      int bound = length - length % (2 * lanes);
      for (; i < bound; i += 2 * lanes) {
        FloatVector a0 = FloatVector.fromArray(SPECIES, a, aOffset + i);
        FloatVector b0 = FloatVector.fromArray(SPECIES, b, bOffset + i);
        acc0 = a0.fma(b0, acc0);
        FloatVector a1 = FloatVector.fromArray(SPECIES, a, aOffset + i + lanes);
        FloatVector b1 = FloatVector.fromArray(SPECIES, b, bOffset + i + lanes);
        acc1 = a1.fma(b1, acc1);
      }
      sum = sumLanes(acc0.add(acc1));
    }
    for (; i < length; i++) {
      sum = Math.fma(a[aOffset + i], b[bOffset + i], sum);
    }
    return sum;
  }

  /**
   * Returns the sum of the lanes of {@code vector} by a butterfly of lane-wise additions: lane i
   * adds lane {@code i ^ step} for step = half the lanes, then a quarter, down to 1. {@code
   * reduceLanes(ADD)} leaves the order of its additions to the implementation, and the compiled
   * code adds in another order than the interpreter, so the same dot product could differ in the
   * last bit from one call to the next as the JIT compiler replaced the code. A fixed order gives
   * every call the same float.
   */
  private static float sumLanes(FloatVector vector) {
    FloatVector sums = vector;
    for (VectorShuffle<Float> partner : BUTTERFLY) {
      sums = sums.add(sums.rearrange(partner));
    }
    return sums.lane(0);
  }

  /** Shuffles that pair lane i with lane {@code i ^ step}, for step = half the lanes down to 1. */
  private static VectorShuffle<Float>[] butterfly() {
    int steps = Integer.numberOfTrailingZeros(SPECIES.length());
    @SuppressWarnings("unchecked")
    VectorShuffle<Float>[] shuffles = new VectorShuffle[steps];
    for (int level = 0; level < steps; level++) {
      int step = SPECIES.length() >> (level + 1);
      shuffles[level] = VectorShuffle.fromOp(SPECIES, lane -> lane ^ step);
    }
    return shuffles;
  }

  /**
   * Adds {@code alpha · x} to {@code y} with a separate multiply and add, never a fused one, so
   * every element is rounded as in the scalar loop. The caller has checked the bounds.
   */
  static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int length) {
    int i = 0;
    int bound = SPECIES.loopBound(length);
    for (; i < bound; i += SPECIES.length()) {
      FloatVector product = FloatVector.fromArray(SPECIES, x, xOffset + i).mul(alpha);
      product.add(FloatVector.fromArray(SPECIES, y, yOffset + i)).intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      y[yOffset + i] += alpha * x[xOffset + i];
    }
  }

  /**
   * Sets {@code y} to {@code beta · y + alpha · x} with separate multiplies and add, never fused,
   * so every element is rounded as in the scalar loop. The caller has checked the bounds.
   */
  static void axpby(float alpha, float[] x, int xOffset, float beta, float[] y, int yOffset, int length) {
    int i = 0;
    int bound = SPECIES.loopBound(length);
    for (; i < bound; i += SPECIES.length()) {
      FloatVector scaled = FloatVector.fromArray(SPECIES, y, yOffset + i).mul(beta);
      FloatVector product = FloatVector.fromArray(SPECIES, x, xOffset + i).mul(alpha);
      scaled.add(product).intoArray(y, yOffset + i);
    }
    for (; i < length; i++) {
      y[yOffset + i] = beta * y[yOffset + i] + alpha * x[xOffset + i];
    }
  }
}
