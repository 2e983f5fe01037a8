package io.leverxc.teacher;

import io.leverxc.ann.DotProducts;
import io.leverxc.parallel.RangeWorkers;
import java.util.Arrays;

/**
 * Triplet margin loss with online hard-negative mining over one label-wise batch.
 *
 * <p>Row {@code i} of the batch pairs an anchor (a label's text embedding) with one positive
 * document embedding. The score matrix is {@code S[i][j] = anchor_i · positive_j}. For each row
 * the {@code k} highest-scoring columns that are not positives of row {@code i} are its hard
 * negatives, and the row's loss is {@code (1/k) Σ max(0, S[i][n] - S[i][i] + margin)}. The batch
 * loss is the sum of row losses, and gradients are of that sum. One row therefore contributes a
 * gradient of norm at most 2 to its anchor, whatever the batch size.
 *
 * <p>Not thread-safe: one instance per trainer, with the rows split over workers.
 */
final class TripletLoss {

  /** Whether the document of column {@code column} is a positive of the label of row {@code row}. */
  @FunctionalInterface
  interface PositiveMask {
    boolean isPositive(int row, int column);
  }

  /** Loss and mining counts of one batch. */
  record Result(double lossSum, long violations, long triplets) {}

  private final int capacity;
  private final int negatives;
  private final float margin;
  private final int[][] negativeColumns;
  private final int[] negativeCounts;
  private final boolean[][] violating;
  private final double[] rowLoss;
  private final int[] rowViolations;
  // Positives transposed (dimension × capacity), so that a row of scores is a sum of contiguous
  // a·x + y updates instead of one dot product per column.
  private float[] transposedPositives = new float[0];

  TripletLoss(int capacity, int negatives, float margin) {
    this.capacity = capacity;
    this.negatives = negatives;
    this.margin = margin;
    this.negativeColumns = new int[capacity][negatives];
    this.negativeCounts = new int[capacity];
    this.violating = new boolean[capacity][negatives];
    this.rowLoss = new double[capacity];
    this.rowViolations = new int[capacity];
  }

  /**
   * Computes the loss of a batch of {@code size} rows and writes the gradients of the summed loss
   * with respect to each anchor and each positive embedding. The output arrays are overwritten.
   */
  Result compute(
      int size,
      float[][] anchors,
      float[][] positives,
      PositiveMask mask,
      float[][] anchorGradients,
      float[][] positiveGradients,
      RangeWorkers parallel) {
    if (size > capacity) {
      throw new IllegalArgumentException("batch of " + size + " rows exceeds the capacity " + capacity);
    }
    int dimension = anchors[0].length;
    transposePositives(size, positives, dimension);
    parallel.forEachRange(size, (worker, from, to) -> {
      float[] scores = new float[size];
      for (int row = from; row < to; row++) {
        scoreRow(row, size, anchors, mask, scores, dimension);
        writeAnchorGradient(row, positives, anchorGradients[row]);
      }
    });
    accumulatePositiveGradients(size, anchors, positiveGradients);

    double lossSum = 0;
    long violations = 0;
    long triplets = 0;
    for (int row = 0; row < size; row++) {
      lossSum += rowLoss[row];
      violations += rowViolations[row];
      triplets += negativeCounts[row];
    }
    return new Result(lossSum, violations, triplets);
  }

  private void transposePositives(int size, float[][] positives, int dimension) {
    if (transposedPositives.length != dimension * capacity) {
      transposedPositives = new float[dimension * capacity];
    }
    for (int column = 0; column < size; column++) {
      float[] positive = positives[column];
      for (int i = 0; i < dimension; i++) {
        transposedPositives[i * capacity + column] = positive[i];
      }
    }
  }

  private void scoreRow(int row, int size, float[][] anchors, PositiveMask mask, float[] scores, int dimension) {
    float[] anchor = anchors[row];
    Arrays.fill(scores, 0f);
    for (int i = 0; i < dimension; i++) {
      float weight = anchor[i];
      int offset = i * capacity;
      DotProducts.axpy(weight, transposedPositives, offset, scores, 0, size);
    }
    float positiveScore = scores[row];

    // Keep the k best negatives sorted by descending score with insertion; k is small.
    int[] chosen = negativeColumns[row];
    int count = 0;
    for (int column = 0; column < size; column++) {
      if (column == row) {
        continue;
      }
      float score = scores[column];
      // A mask lookup costs far more than this comparison, so the mask is checked only for
      // columns that would enter the top k. Once the list is full, few columns do.
      if (count == negatives && score <= scores[chosen[count - 1]]) {
        continue;
      }
      if (mask.isPositive(row, column)) {
        continue;
      }
      int slot = count < negatives ? count++ : count - 1;
      while (slot > 0 && scores[chosen[slot - 1]] < score) {
        chosen[slot] = chosen[slot - 1];
        slot--;
      }
      chosen[slot] = column;
    }
    negativeCounts[row] = count;

    double loss = 0;
    int violationCount = 0;
    boolean[] rowViolating = violating[row];
    for (int n = 0; n < count; n++) {
      float hinge = scores[chosen[n]] - positiveScore + margin;
      rowViolating[n] = hinge > 0;
      if (hinge > 0) {
        loss += hinge;
        violationCount++;
      }
    }
    rowLoss[row] = count == 0 ? 0 : loss / count;
    rowViolations[row] = violationCount;
  }

  // d(row loss)/d(anchor) = (1/k) Σ over violating n of (positive_n - positive_row).
  private void writeAnchorGradient(int row, float[][] positives, float[] gradient) {
    Arrays.fill(gradient, 0f);
    int count = negativeCounts[row];
    if (count == 0) {
      return;
    }
    float weight = 1f / count;
    float[] own = positives[row];
    for (int n = 0; n < count; n++) {
      if (!violating[row][n]) {
        continue;
      }
      float[] negative = positives[negativeColumns[row][n]];
      for (int i = 0; i < gradient.length; i++) {
        gradient[i] += weight * (negative[i] - own[i]);
      }
    }
  }

  // Column j receives -(violations of row j / k) * anchor_j as a positive, and +(1/k) * anchor_i
  // from every row i where it is a violating negative. Rows are visited in order, so the sums are
  // deterministic.
  private void accumulatePositiveGradients(int size, float[][] anchors, float[][] gradients) {
    for (int column = 0; column < size; column++) {
      Arrays.fill(gradients[column], 0f);
    }
    for (int row = 0; row < size; row++) {
      int count = negativeCounts[row];
      if (count == 0 || rowViolations[row] == 0) {
        continue;
      }
      float weight = 1f / count;
      float[] anchor = anchors[row];
      float[] own = gradients[row];
      float ownWeight = -weight * rowViolations[row];
      DotProducts.axpy(ownWeight, anchor, 0, own, 0, own.length);
      for (int n = 0; n < count; n++) {
        if (!violating[row][n]) {
          continue;
        }
        float[] target = gradients[negativeColumns[row][n]];
        DotProducts.axpy(weight, anchor, 0, target, 0, target.length);
      }
    }
  }
}
