package io.leverxc.ann;

import io.leverxc.vector.DenseMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded synthetic unit vectors for tests and benchmarks, drawn from a Gaussian mixture with many
 * centres. Indexed vectors and queries must be sampled from the same mixture object, so that
 * queries fall into the clusters of the data. Uniform random vectors are a known worst case for
 * graph indexes and predict little about real, clustered embeddings.
 *
 * <p>A sample is a random centre (a random unit vector) plus Gaussian noise of norm about {@code
 * spread}, normalised to unit length. With {@code noiseRank = 0} the noise is isotropic. With
 * {@code noiseRank > 0} it lies in one random subspace of that dimension shared by all centres,
 * which imitates the low intrinsic dimension of real embeddings.
 */
public final class GaussianMixture {
  private final int dimension;
  private final double spread;
  private final DenseMatrix centres;
  /** Unit rows spanning the noise subspace, or null for isotropic noise. */
  private final DenseMatrix noiseBasis;

  /**
   * Draws the centres (and the noise subspace) from {@code seed}.
   *
   * @throws IllegalArgumentException if {@code centres < 1} or {@code noiseRank} is outside 0 to
   *     {@code dimension}
   */
  public GaussianMixture(int dimension, int centres, double spread, int noiseRank, long seed) {
    if (centres < 1) {
      throw new IllegalArgumentException("centres must be >= 1, got " + centres);
    }
    if (noiseRank < 0 || noiseRank > dimension) {
      throw new IllegalArgumentException(
          "noiseRank must be 0 to " + dimension + ", got " + noiseRank);
    }
    SplittableRandom random = new SplittableRandom(seed);
    this.dimension = dimension;
    this.spread = spread;
    this.centres = unitRows(centres, dimension, random);
    this.noiseBasis = noiseRank == 0 ? null : unitRows(noiseRank, dimension, random);
  }

  /** Returns {@code rows} samples drawn with {@code seed}. */
  public DenseMatrix sample(int rows, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    DenseMatrix result = new DenseMatrix(rows, dimension);
    float[] data = result.data();
    float[] centreData = centres.data();
    float[] noise = new float[dimension];
    for (int row = 0; row < rows; row++) {
      int centre = random.nextInt(centres.rows());
      fillNoise(noise, random);
      for (int column = 0; column < dimension; column++) {
        data[row * dimension + column] = centreData[centre * dimension + column] + noise[column];
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

  // Fills `noise` with Gaussian noise of expected norm about `spread`.
  private void fillNoise(float[] noise, SplittableRandom random) {
    if (noiseBasis == null) {
      double deviation = spread / Math.sqrt(dimension);
      for (int column = 0; column < dimension; column++) {
        noise[column] = (float) (deviation * gaussian(random));
      }
      return;
    }
    Arrays.fill(noise, 0f);
    double deviation = spread / Math.sqrt(noiseBasis.rows());
    float[] basis = noiseBasis.data();
    for (int b = 0; b < noiseBasis.rows(); b++) {
      float weight = (float) (deviation * gaussian(random));
      for (int column = 0; column < dimension; column++) {
        noise[column] += weight * basis[b * dimension + column];
      }
    }
  }

  private static DenseMatrix unitRows(int rows, int dimension, SplittableRandom random) {
    DenseMatrix matrix = new DenseMatrix(rows, dimension);
    float[] data = matrix.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) gaussian(random);
    }
    matrix.normalizeRows();
    return matrix;
  }

  // Standard normal variate by the Box-Muller transform.
  private static double gaussian(SplittableRandom random) {
    double u = 1.0 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
  }
}
