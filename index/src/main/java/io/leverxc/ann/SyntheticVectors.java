package io.leverxc.ann;

import io.leverxc.vector.DenseMatrix;
import java.util.SplittableRandom;

/**
 * Seeded synthetic vectors for tests and benchmarks: a Gaussian mixture with many centres. Real
 * embeddings are clustered too, while uniform random vectors are a known worst case for graph
 * indexes and say little about them.
 */
public final class SyntheticVectors {
  private SyntheticVectors() {}

  /**
   * Returns {@code rows} unit vectors of dimension {@code dimension}: each row is a random one of
   * {@code centres} random unit centres plus isotropic Gaussian noise of standard deviation {@code
   * spread / sqrt(dimension)} per coordinate, so the noise has norm about {@code spread}, then
   * normalised to unit length.
   */
  public static DenseMatrix gaussianMixture(
      int rows, int dimension, int centres, double spread, long seed) {
    if (centres < 1) {
      throw new IllegalArgumentException("centres must be >= 1, got " + centres);
    }
    SplittableRandom random = new SplittableRandom(seed);
    DenseMatrix centreMatrix = gaussian(centres, dimension, 1.0, random);
    centreMatrix.normalizeRows();
    DenseMatrix result = new DenseMatrix(rows, dimension);
    float[] data = result.data();
    float[] centreData = centreMatrix.data();
    double noise = spread / Math.sqrt(dimension);
    for (int row = 0; row < rows; row++) {
      int centre = random.nextInt(centres);
      for (int column = 0; column < dimension; column++) {
        data[row * dimension + column] =
            (float) (centreData[centre * dimension + column] + noise * gaussian(random));
      }
    }
    result.normalizeRows();
    return result;
  }

  /**
   * Scales every row by a factor drawn uniformly from {@code [minScale, maxScale)}, in place, to
   * turn unit vectors into unnormalised ones such as classifier weights.
   */
  public static void scaleRows(DenseMatrix vectors, double minScale, double maxScale, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] data = vectors.data();
    for (int row = 0; row < vectors.rows(); row++) {
      float scale = (float) (minScale + (maxScale - minScale) * random.nextDouble());
      int offset = vectors.offset(row);
      for (int column = 0; column < vectors.columns(); column++) {
        data[offset + column] *= scale;
      }
    }
  }

  private static DenseMatrix gaussian(int rows, int dimension, double deviation, SplittableRandom random) {
    DenseMatrix matrix = new DenseMatrix(rows, dimension);
    float[] data = matrix.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (deviation * gaussian(random));
    }
    return matrix;
  }

  // Standard normal variate by the Box-Muller transform.
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
