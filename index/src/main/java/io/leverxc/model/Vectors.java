package io.leverxc.model;

import io.leverxc.ann.DotProducts;

/** Dense vector kernels over slices of row-major arrays, shared by scoring and training. */
public final class Vectors {
  private Vectors() {}

  /**
   * Returns the dot product of {@code length} values of {@code a} from {@code offsetA} and of
   * {@code b} from {@code offsetB}.
   */
  public static float dot(float[] a, int offsetA, float[] b, int offsetB, int length) {
    return DotProducts.dot(a, offsetA, b, offsetB, length);
  }

  /** Returns the logistic function {@code 1 / (1 + e^-z)}. */
  public static float sigmoid(float z) {
    return (float) (1.0 / (1.0 + Math.exp(-z)));
  }
}
