package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.DenseMatrix;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BalancedClusteringTest {

  private static DenseMatrix groupsAroundAxes(int groups, int perGroup, long seed) {
    Random random = new Random(seed);
    DenseMatrix vectors = new DenseMatrix(groups * perGroup, groups);
    for (int row = 0; row < vectors.rows(); row++) {
      int group = row % groups;
      for (int column = 0; column < groups; column++) {
        float noise = (float) (random.nextGaussian() * 0.05);
        vectors.set(row, column, (column == group ? 1f : 0f) + noise);
      }
    }
    vectors.normalizeRows();
    return vectors;
  }

  private static int[] allRows(int count) {
    int[] rows = new int[count];
    Arrays.setAll(rows, i -> i);
    return rows;
  }

  @Test
  void separatedGroupsBecomeClusters() {
    DenseMatrix vectors = groupsAroundAxes(4, 8, 1);
    List<int[]> clusters = BalancedClustering.cluster(vectors, allRows(32), 8, new SplittableRandom(3));
    assertEquals(4, clusters.size());
    for (int[] cluster : clusters) {
      assertEquals(8, cluster.length);
      int group = cluster[0] % 4;
      for (int member : cluster) {
        assertEquals(group, member % 4, "cluster " + Arrays.toString(cluster) + " mixes groups");
      }
    }
  }

  @Test
  void clustersAreBalancedAndCoverEveryMember() {
    DenseMatrix vectors = groupsAroundAxes(3, 13, 2);
    List<int[]> clusters = BalancedClustering.cluster(vectors, allRows(39), 5, new SplittableRandom(5));
    Set<Integer> seen = new HashSet<>();
    for (int[] cluster : clusters) {
      // Halving 39 gives 19/20, then 9/10, then 4/5 members.
      assertTrue(cluster.length == 4 || cluster.length == 5, "cluster of " + cluster.length);
      for (int member : cluster) {
        assertTrue(seen.add(member), "member " + member + " appears twice");
      }
    }
    assertEquals(39, seen.size());
  }

  @Test
  void sameSeedGivesSameClusters() {
    DenseMatrix vectors = groupsAroundAxes(5, 20, 3);
    List<int[]> first = BalancedClustering.cluster(vectors, allRows(100), 7, new SplittableRandom(9));
    List<int[]> second = BalancedClustering.cluster(vectors, allRows(100), 7, new SplittableRandom(9));
    assertEquals(first.size(), second.size());
    for (int c = 0; c < first.size(); c++) {
      assertTrue(Arrays.equals(first.get(c), second.get(c)), "cluster " + c + " differs");
    }
  }
}
