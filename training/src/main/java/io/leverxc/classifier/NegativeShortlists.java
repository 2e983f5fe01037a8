package io.leverxc.classifier;

import io.leverxc.ann.Neighbors;
import io.leverxc.ann.VectorSearcher;
import io.leverxc.data.LabelMatrix;
import io.leverxc.parallel.ProgressLog;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.DenseMatrix;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hard negatives of every training row: its nearest labels under one searcher that are not
 * among its target labels, at most {@code width} per row, stored flat with -1 as padding.
 */
final class NegativeShortlists {
  private static final Logger LOG = LoggerFactory.getLogger(NegativeShortlists.class);
  static final int NO_LABEL = -1;

  private final int width;
  private final int[] labels;

  private NegativeShortlists(int width, int[] labels) {
    this.width = width;
    this.labels = labels;
  }

  static NegativeShortlists empty() {
    return new NegativeShortlists(0, new int[0]);
  }

  /**
   * Searches every row of {@code inputs} and keeps the first {@code width} results that are not
   * stored in that row of {@code targets}. Rows are split over {@code workers}; each row writes
   * only its own slots, so the result does not depend on the thread count.
   */
  static NegativeShortlists search(
      VectorSearcher searcher, DenseMatrix inputs, LabelMatrix targets, int width, RangeWorkers workers) {
    if (width == 0) {
      return empty();
    }
    int rows = inputs.rows();
    int[] labels = new int[rows * width];
    Arrays.fill(labels, NO_LABEL);
    ProgressLog progress = new ProgressLog(LOG, "hard-negative search, training rows", rows);
    workers.forEachRange(rows, (worker, from, to) -> {
      for (int row = from; row < to; row++) {
        progress.add(1);
        int k = Math.min(searcher.size(), width + targets.rowSize(row));
        Neighbors neighbours = searcher.search(inputs.row(row), k);
        int kept = 0;
        for (int i = 0; i < neighbours.size() && kept < width; i++) {
          int label = neighbours.ids()[i];
          if (!targets.contains(row, label)) {
            labels[row * width + kept++] = label;
          }
        }
      }
    });
    return new NegativeShortlists(width, labels);
  }

  int width() {
    return width;
  }

  /** Label at position {@code i} of the row's shortlist, or {@link #NO_LABEL}. */
  int label(int row, int i) {
    return labels[row * width + i];
  }
}
