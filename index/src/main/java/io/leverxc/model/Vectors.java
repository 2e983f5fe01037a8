package io.leverxc.model;

/** Dense vector kernels over slices of row-major arrays, shared by scoring and training. */
public final class Vectors {
  private Vectors() {}

  /**
   * Returns the dot product of {@code length} values of {@code a} from {@code offsetA} and of
   * {@code b} from {@code offsetB}.
   */
  public static float dot(float[] a, int offsetA, float[] b, int offsetB, int length) {
    // Four partial sums let the JIT overlap the multiply-adds; the summation order is fixed, so
    // the result is the same on every run.
    float sum0 = 0f;
    float sum1 = 0f;
    float sum2 = 0f;
    float sum3 = 0f;
    int i = 0;
    for (; i + 3 < length; i += 4) {
      sum0 += a[offsetA + i] * b[offsetB + i];
      sum1 += a[offsetA + i + 1] * b[offsetB + i + 1];
      sum2 += a[offsetA + i + 2] * b[offsetB + i + 2];
      sum3 += a[offsetA + i + 3] * b[offsetB + i + 3];
    }
    for (; i < length; i++) {
      sum0 += a[offsetA + i] * b[offsetB + i];
    }
    return (sum0 + sum1) + (sum2 + sum3);
  }

  /** Returns the logistic function {@code 1 / (1 + e^-z)}. */
  public static float sigmoid(float z) {
    return (float) (1.0 / (1.0 + Math.exp(-z)));
  }
}
