package io.leverxc.vector;

import java.util.Arrays;

/**
 * An immutable sparse float vector: strictly increasing feature indices with one value each.
 *
 * <p>Text features, label rows and soft targets all use this type. The arrays are owned by the
 * vector once it is built, so callers must not modify arrays they pass in.
 */
public final class SparseVector {
  private static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

  private final int[] indices;
  private final float[] values;

  private SparseVector(int[] indices, float[] values) {
    this.indices = indices;
    this.values = values;
  }

  /** Returns the vector with no non-zero entries. */
  public static SparseVector empty() {
    return EMPTY;
  }

  /**
   * Wraps the given arrays without copying them.
   *
   * @throws IllegalArgumentException if the lengths differ or the indices are negative or not strictly increasing
   */
  public static SparseVector of(int[] indices, float[] values) {
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          "indices and values differ in length: " + indices.length + " vs " + values.length);
    }
    for (int i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || (i > 0 && indices[i] <= indices[i - 1])) {
        throw new IllegalArgumentException(
            "indices must be non-negative and strictly increasing, found "
                + (i > 0 ? indices[i - 1] + " then " : "")
                + indices[i]
                + " at position "
                + i);
      }
    }
    return indices.length == 0 ? EMPTY : new SparseVector(indices, values);
  }

  /** Number of stored entries. */
  public int size() {
    return indices.length;
  }

  public boolean isEmpty() {
    return indices.length == 0;
  }

  public int index(int position) {
    return indices[position];
  }

  public float value(int position) {
    return values[position];
  }

  /** The index array itself, for hot loops; callers must not modify it. */
  public int[] indices() {
    return indices;
  }

  /** The value array itself, for hot loops; callers must not modify it. */
  public float[] values() {
    return values;
  }

  /** Returns the Euclidean norm. */
  public double norm() {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    return Math.sqrt(sum);
  }

  /** Returns the dot product with a dense vector stored at {@code offset} in {@code dense}. */
  public float dot(float[] dense, int offset) {
    float sum = 0f;
    for (int i = 0; i < indices.length; i++) {
      sum += values[i] * dense[offset + indices[i]];
    }
    return sum;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SparseVector that
        && Arrays.equals(indices, that.indices)
        && Arrays.equals(values, that.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < indices.length; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(indices[i]).append(':').append(values[i]);
    }
    return text.append('}').toString();
  }
}
