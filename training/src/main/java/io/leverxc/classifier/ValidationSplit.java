package io.leverxc.classifier;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded random split of the training rows into a part to train on and a validation part for
 * tuning, so that no setting is ever tuned on the test split.
 *
 * @param trainRows row ids kept for training, ascending
 * @param validationRows row ids held out, ascending
 */
public record ValidationSplit(int[] trainRows, int[] validationRows) {

  /** Returns the split that trains on all {@code rows} rows and holds out none. */
  public static ValidationSplit none(int rows) {
    int[] all = new int[rows];
    for (int row = 0; row < rows; row++) {
      all[row] = row;
    }
    return new ValidationSplit(all, new int[0]);
  }

  /**
   * Holds out {@code round(fraction · rows)} rows chosen uniformly at random.
   *
   * @throws IllegalArgumentException if {@code fraction} is not in (0, 1) or a part would be empty
   */
  public static ValidationSplit carve(int rows, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in (0, 1), got " + fraction);
    }
    int held = (int) Math.round(fraction * rows);
    if (held == 0 || held == rows) {
      throw new IllegalArgumentException(
          "holding out a fraction of " + fraction + " of " + rows + " training rows leaves the training or the"
              + " validation part empty; train on more rows, or with a validation fraction of 0 to skip validation");
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int[] validation = Arrays.copyOfRange(order, 0, held);
    int[] train = Arrays.copyOfRange(order, held, rows);
    Arrays.sort(validation);
    Arrays.sort(train);
    return new ValidationSplit(train, validation);
  }

  /** Returns the given rows of {@code list}, in the order of {@code rows}. */
  public static <T> List<T> select(List<T> list, int[] rows) {
    List<T> selected = new ArrayList<>(rows.length);
    for (int row : rows) {
      selected.add(list.get(row));
    }
    return selected;
  }

  /** Returns the given rows of {@code matrix}, in the order of {@code rows}. */
  public static DenseMatrix select(DenseMatrix matrix, int[] rows) {
    int dimension = matrix.columns();
    float[] data = new float[rows.length * dimension];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(matrix.data(), matrix.offset(rows[i]), data, i * dimension, dimension);
    }
    return new DenseMatrix(rows.length, dimension, data);
  }

  /** Returns the given rows of {@code matrix}, in the order of {@code rows}. */
  public static LabelMatrix select(LabelMatrix matrix, int[] rows) {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(matrix.columns());
    for (int row : rows) {
      int start = matrix.rowStart(row);
      int size = matrix.rowSize(row);
      int[] labels = new int[size];
      float[] values = new float[size];
      for (int i = 0; i < size; i++) {
        labels[i] = matrix.label(start + i);
        values[i] = matrix.value(start + i);
      }
      builder.addRow(labels, values, size);
    }
    return builder.build();
  }
}
