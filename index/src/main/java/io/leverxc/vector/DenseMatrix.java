package io.leverxc.vector;

import java.util.Arrays;

/**
 * A dense row-major float matrix in one contiguous array, used for embeddings and classifier weights.
 *
 * <p>One array rather than one object per row keeps millions of label vectors compact and lets
 * distance kernels read rows with an offset. The matrix is mutable: trainers update rows in place.
 */
public final class DenseMatrix {
  private final int rows;
  private final int columns;
  private final float[] data;

  /** Creates a zero matrix. */
  public DenseMatrix(int rows, int columns) {
    this(rows, columns, new float[checkedSize(rows, columns)]);
  }

  /**
   * Wraps {@code data} (row-major, length {@code rows * columns}) without copying it.
   *
   * @throws IllegalArgumentException if the shape is negative or does not match the array length
   */
  public DenseMatrix(int rows, int columns, float[] data) {
    long size = checkedSize(rows, columns);
    if (data.length != size) {
      throw new IllegalArgumentException(
          "data length " + data.length + " does not match shape " + rows + "x" + columns);
    }
    this.rows = rows;
    this.columns = columns;
    this.data = data;
  }

  private static int checkedSize(int rows, int columns) {
    if (rows < 0 || columns < 0) {
      throw new IllegalArgumentException("negative matrix shape " + rows + "x" + columns);
    }
    long size = (long) rows * columns;
    if (size > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "matrix " + rows + "x" + columns + " has more than 2^31 entries; reduce the dimension");
    }
    return (int) size;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** The backing array, row-major; row {@code r} starts at {@code r * columns()}. */
  public float[] data() {
    return data;
  }

  public int offset(int row) {
    return row * columns;
  }

  public float get(int row, int column) {
    return data[row * columns + column];
  }

  public void set(int row, int column, float value) {
    data[row * columns + column] = value;
  }

  /** Returns a copy of one row. */
  public float[] row(int row) {
    return Arrays.copyOfRange(data, row * columns, (row + 1) * columns);
  }

  /** Copies {@code values} into one row. */
  public void setRow(int row, float[] values) {
    if (values.length != columns) {
      throw new IllegalArgumentException(
          "row has " + values.length + " values, the matrix has " + columns + " columns");
    }
    System.arraycopy(values, 0, data, row * columns, columns);
  }

  /** Returns a deep copy. */
  public DenseMatrix copy() {
    return new DenseMatrix(rows, columns, data.clone());
  }

  /** Scales every non-zero row to unit Euclidean norm; zero rows stay zero. */
  public void normalizeRows() {
    for (int r = 0; r < rows; r++) {
      int offset = r * columns;
      double sum = 0;
      for (int c = 0; c < columns; c++) {
        sum += (double) data[offset + c] * data[offset + c];
      }
      if (sum > 0) {
        float scale = (float) (1.0 / Math.sqrt(sum));
        for (int c = 0; c < columns; c++) {
          data[offset + c] *= scale;
        }
      }
    }
  }
}
