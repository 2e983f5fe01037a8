package io.leverxc.pipeline;

import io.leverxc.data.LabelMatrix;
import java.util.SplittableRandom;

/**
 * Chooses the training rows of a retrain's classifier stage: every row that carries something the
 * parent never trained on, plus a seeded random share of the other rows (the replay sample).
 *
 * <p>The parent's classifiers already fit its rows, so revisiting all of them costs as much as a
 * scratch training's classifier stage. Revisiting a sample keeps the old labels' classifiers in
 * step with the encoder as it is fine-tuned, at a cost in proportion to the sample.
 */
final class ReplaySample {
  private ReplaySample() {}

  /**
   * Marks the rows of {@code targets} that are new to the parent: documents flagged in {@code
   * newDocuments}, the label-text rows of labels with ids from {@code parentLabels} on, and every
   * row with a target on such a label (which includes the pairs the teacher added for new labels).
   *
   * @param targets training targets, with the document rows first and one label-text row per label
   *     after them
   * @param newDocuments one flag per document row, true when the parent never trained on it
   * @param parentLabels number of labels of the parent; higher ids are new labels
   * @throws IllegalArgumentException if there are more document flags than target rows
   */
  static boolean[] newRows(LabelMatrix targets, boolean[] newDocuments, int parentLabels) {
    int documents = newDocuments.length;
    if (documents > targets.rows()) {
      throw new IllegalArgumentException(
          "there are " + documents + " document flags but only " + targets.rows() + " target rows");
    }
    boolean[] isNew = new boolean[targets.rows()];
    for (int row = 0; row < targets.rows(); row++) {
      boolean labelRowOfNewLabel = row >= documents && row - documents >= parentLabels;
      isNew[row] = (row < documents && newDocuments[row]) || labelRowOfNewLabel || hasNewLabel(targets, row, parentLabels);
    }
    return isNew;
  }

  /**
   * Returns, in ascending order, every row flagged in {@code isNew} and {@code round(fraction ·
   * old rows)} of the others, drawn uniformly without replacement with {@code seed}. The same
   * flags, fraction and seed always give the same rows.
   *
   * @throws IllegalArgumentException if {@code fraction} is outside [0, 1]
   */
  static int[] select(boolean[] isNew, double fraction, long seed) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("replay fraction must be in [0, 1], got " + fraction);
    }
    int oldCount = 0;
    for (boolean flag : isNew) {
      if (!flag) {
        oldCount++;
      }
    }
    int[] oldRows = new int[oldCount];
    int next = 0;
    for (int row = 0; row < isNew.length; row++) {
      if (!isNew[row]) {
        oldRows[next++] = row;
      }
    }

    // A partial Fisher-Yates shuffle: its first replayCount slots are a uniform sample.
    int replayCount = (int) Math.round(fraction * oldCount);
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] chosen = isNew.clone();
    for (int i = 0; i < replayCount; i++) {
      int j = i + random.nextInt(oldCount - i);
      int swap = oldRows[i];
      oldRows[i] = oldRows[j];
      oldRows[j] = swap;
      chosen[oldRows[i]] = true;
    }

    int[] rows = new int[isNew.length - oldCount + replayCount];
    next = 0;
    for (int row = 0; row < chosen.length; row++) {
      if (chosen[row]) {
        rows[next++] = row;
      }
    }
    return rows;
  }

  private static boolean hasNewLabel(LabelMatrix targets, int row, int parentLabels) {
    for (int p = targets.rowStart(row); p < targets.rowEnd(row); p++) {
      if (targets.label(p) >= parentLabels) {
        return true;
      }
    }
    return false;
  }
}
