package io.leverxc.teacher;

import io.leverxc.ann.DotProducts;
import io.leverxc.vector.DenseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Recursive balanced 2-means on unit vectors (spherical k-means with two centroids and an exact
 * half/half split), applied until every cluster has at most {@code maxClusterSize} members.
 *
 * <p>Each split starts from two distinct random members as centroids. Members are then sorted by
 * (cosine to centroid 1 − cosine to centroid 0). The lower half joins cluster 0 and the upper half
 * cluster 1, so the two clusters differ in size by at most one member. Centroids are recomputed as normalised means
 * until no member changes side or {@link #MAX_ITERATIONS} rounds have run. Results depend only
 * on the inputs and the random generator's state.
 */
final class BalancedClustering {
  static final int MAX_ITERATIONS = 10;

  private final DenseMatrix vectors;
  private final int maxClusterSize;
  private final SplittableRandom random;
  private final int dimension;

  private BalancedClustering(DenseMatrix vectors, int maxClusterSize, SplittableRandom random) {
    this.vectors = vectors;
    this.maxClusterSize = maxClusterSize;
    this.random = random;
    this.dimension = vectors.columns();
  }

  /**
   * Splits {@code members} (row ids of {@code vectors}, which are unit vectors) into balanced
   * clusters of at most {@code maxClusterSize} ids each.
   */
  static List<int[]> cluster(DenseMatrix vectors, int[] members, int maxClusterSize, SplittableRandom random) {
    if (maxClusterSize < 1) {
      throw new IllegalArgumentException("maxClusterSize must be at least 1, got " + maxClusterSize);
    }
    List<int[]> clusters = new ArrayList<>();
    int[] ids = members.clone();
    new BalancedClustering(vectors, maxClusterSize, random).split(ids, 0, ids.length, clusters);
    return clusters;
  }

  private void split(int[] ids, int from, int to, List<int[]> clusters) {
    if (to - from <= maxClusterSize) {
      if (to > from) {
        clusters.add(Arrays.copyOfRange(ids, from, to));
      }
      return;
    }
    partitionInHalves(ids, from, to);
    int middle = from + (to - from) / 2;
    split(ids, from, middle, clusters);
    split(ids, middle, to, clusters);
  }

  // Reorders ids[from, to) so that the first half is cluster 0 and the rest cluster 1.
  private void partitionInHalves(int[] ids, int from, int to) {
    int size = to - from;
    int middle = size / 2;
    int first = random.nextInt(size);
    int second = random.nextInt(size - 1);
    if (second >= first) {
      second++;
    }
    float[] centroid0 = vectors.row(ids[from + first]);
    float[] centroid1 = vectors.row(ids[from + second]);
    float[] difference = new float[dimension];
    long[] keys = new long[size];
    int[] ordered = new int[size];
    float[] data = vectors.data();
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      // x·c1 − x·c0 = x·(c1 − c0), so one dot product per member ranks it.
      for (int i = 0; i < dimension; i++) {
        difference[i] = centroid1[i] - centroid0[i];
      }
      for (int m = 0; m < size; m++) {
        float score = DotProducts.dot(data, vectors.offset(ids[from + m]), difference, 0, dimension);
        keys[m] = ((long) sortableBits(score) << 32) | m;
      }
      Arrays.sort(keys);
      int moved = 0;
      for (int m = 0; m < size; m++) {
        int position = (int) keys[m];
        ordered[m] = ids[from + position];
        if ((m < middle) != (position < middle)) {
          moved++;
        }
      }
      System.arraycopy(ordered, 0, ids, from, size);
      if (iteration > 0 && moved == 0) {
        return;
      }

      Arrays.fill(centroid0, 0f);
      Arrays.fill(centroid1, 0f);
      addRows(ids, from, from + middle, centroid0);
      addRows(ids, from + middle, to, centroid1);
      normalize(centroid0);
      normalize(centroid1);
    }
  }

  private void addRows(int[] ids, int from, int to, float[] sum) {
    float[] data = vectors.data();
    for (int m = from; m < to; m++) {
      int offset = vectors.offset(ids[m]);
      for (int i = 0; i < dimension; i++) {
        sum[i] += data[offset + i];
      }
    }
  }

  private static void normalize(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += (double) v * v;
    }
    if (sum > 0) {
      float scale = (float) (1.0 / Math.sqrt(sum));
      for (int i = 0; i < vector.length; i++) {
        vector[i] *= scale;
      }
    }
  }

  // Maps a float to an int whose signed order matches the float order.
  private static int sortableBits(float value) {
    int bits = Float.floatToIntBits(value);
    return bits < 0 ? bits ^ 0x7fffffff : bits;
  }
}
