package io.leverxc.teacher;

import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the order of labels in each epoch. Before {@code clusterStartEpoch} the order is a
 * random permutation. From then on the labels' current text embeddings are clustered into small
 * balanced groups every {@code clusterEvery} epochs, and each epoch concatenates the groups in a
 * random order, so that consecutive labels, and hence the in-batch negatives, are similar.
 */
final class ClusteringCurriculum {
  private static final Logger LOG = LoggerFactory.getLogger(ClusteringCurriculum.class);

  private final int[] labels;
  private final List<SparseVector> anchorFeatures;
  private final TeacherSettings settings;
  private List<int[]> clusters;

  /** {@code labels} are the trainable label ids; {@code anchorFeatures} has one entry per label id. */
  ClusteringCurriculum(int[] labels, List<SparseVector> anchorFeatures, TeacherSettings settings) {
    this.labels = labels;
    this.anchorFeatures = anchorFeatures;
    this.settings = settings;
  }

  /** Returns the label order of {@code epoch} (0-based); every trainable label appears once. */
  int[] epochOrder(int epoch, EmbeddingBagEncoder encoder, RangeWorkers parallel, SplittableRandom random) {
    if (epoch < settings.clusterStartEpoch()) {
      int[] order = labels.clone();
      shuffle(order, random);
      return order;
    }
    if (clusters == null || (epoch - settings.clusterStartEpoch()) % settings.clusterEvery() == 0) {
      clusters = recluster(encoder, parallel, random);
    }
    int[] clusterOrder = new int[clusters.size()];
    for (int c = 0; c < clusterOrder.length; c++) {
      clusterOrder[c] = c;
    }
    shuffle(clusterOrder, random);
    int[] order = new int[labels.length];
    int size = 0;
    for (int c : clusterOrder) {
      int[] members = clusters.get(c);
      System.arraycopy(members, 0, order, size, members.length);
      size += members.length;
    }
    return order;
  }

  private List<int[]> recluster(EmbeddingBagEncoder encoder, RangeWorkers parallel, SplittableRandom random) {
    long start = System.nanoTime();
    List<SparseVector> texts = new ArrayList<>(labels.length);
    for (int label : labels) {
      texts.add(anchorFeatures.get(label));
    }
    DenseMatrix embeddings = TeacherEmbeddings.encodeAll(encoder, texts, parallel);
    int[] rows = new int[labels.length];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = r;
    }
    List<int[]> rowClusters = BalancedClustering.cluster(embeddings, rows, settings.clusterSize(), random);
    List<int[]> labelClusters = new ArrayList<>(rowClusters.size());
    for (int[] cluster : rowClusters) {
      int[] members = new int[cluster.length];
      for (int m = 0; m < members.length; m++) {
        members[m] = labels[cluster[m]];
      }
      labelClusters.add(members);
    }
    LOG.info(
        "Clustered {} labels into {} groups of at most {} in {} s",
        labels.length,
        labelClusters.size(),
        settings.clusterSize(),
        String.format(java.util.Locale.ROOT, "%.2f", (System.nanoTime() - start) / 1e9));
    return labelClusters;
  }

  /** Shuffles in place with the Fisher-Yates method. */
  static void shuffle(int[] values, SplittableRandom random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }
}
