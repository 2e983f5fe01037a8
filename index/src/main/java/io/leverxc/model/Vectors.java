package io.leverxc.model;

/** Scalar functions shared by scoring and training. Dot products are in {@link io.leverxc.ann.DotProducts}. */
public final class Vectors {
  private Vectors() {}

  /** Returns the logistic function {@code 1 / (1 + e^-z)}. */
  public static float sigmoid(float z) {
    return (float) (1.0 / (1.0 + Math.exp(-z)));
  }
}
