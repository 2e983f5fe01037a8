package io.leverxc.classifier;

import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;

/**
 * A trainable bag-of-features encoder: the embedding of a row is {@code u / |u|} with
 * {@code u = Σ_j f_j · E_j}, where {@code f_j} are the row's sparse feature weights (for example
 * TF-IDF) and {@code E_j} the rows of the feature table.
 *
 * <p>{@link #update} back-propagates through the normalisation:
 * {@code ∂L/∂u = (g − (g · x) x) / |u|} for the gradient {@code g} at {@code x = u / |u|}, and
 * {@code ∂L/∂E_j = f_j · ∂L/∂u}. The table is updated in place, without locks.
 */
public final class BagOfEmbeddings implements TrainableEncoder {
  private final LabelMatrix features;
  private final DenseMatrix table;

  /**
   * @param features rows × feature ids with their weights, the same layout as a label matrix
   * @param table one embedding row per feature id; updated in place by training
   * @throws IllegalArgumentException if the feature count differs from the table's row count
   */
  public BagOfEmbeddings(LabelMatrix features, DenseMatrix table) {
    if (features.columns() != table.rows()) {
      throw new IllegalArgumentException(
          "features have " + features.columns() + " ids but the table has " + table.rows() + " rows");
    }
    this.features = features;
    this.table = table;
  }

  public DenseMatrix table() {
    return table;
  }

  @Override
  public int rows() {
    return features.rows();
  }

  @Override
  public int dimension() {
    return table.columns();
  }

  @Override
  public float encode(int row, float[] out) {
    return encodeRow(features, row, table, out);
  }

  /** Returns the unit embeddings of every row of {@code features} under {@code table}. */
  public static DenseMatrix encodeAll(LabelMatrix features, DenseMatrix table) {
    DenseMatrix embeddings = new DenseMatrix(features.rows(), table.columns());
    float[] buffer = new float[table.columns()];
    for (int row = 0; row < features.rows(); row++) {
      encodeRow(features, row, table, buffer);
      embeddings.setRow(row, buffer);
    }
    return embeddings;
  }

  private static float encodeRow(LabelMatrix features, int row, DenseMatrix table, float[] out) {
    int dimension = table.columns();
    float[] data = table.data();
    java.util.Arrays.fill(out, 0f);
    for (int p = features.rowStart(row); p < features.rowEnd(row); p++) {
      float weight = features.value(p);
      int offset = table.offset(features.label(p));
      for (int c = 0; c < dimension; c++) {
        out[c] += weight * data[offset + c];
      }
    }
    double sum = 0;
    for (float value : out) {
      sum += (double) value * value;
    }
    if (sum == 0) {
      return 0f;
    }
    float length = (float) Math.sqrt(sum);
    float scale = 1f / length;
    for (int c = 0; c < dimension; c++) {
      out[c] *= scale;
    }
    return length;
  }

  @Override
  public void update(int row, float[] embedding, float length, float[] gradient, float learningRate) {
    if (length == 0f) {
      return;
    }
    int dimension = table.columns();
    float projection = 0f;
    for (int c = 0; c < dimension; c++) {
      projection += gradient[c] * embedding[c];
    }
    float[] data = table.data();
    float scale = learningRate / length;
    for (int p = features.rowStart(row); p < features.rowEnd(row); p++) {
      float weight = features.value(p) * scale;
      int offset = table.offset(features.label(p));
      for (int c = 0; c < dimension; c++) {
        data[offset + c] -= weight * (gradient[c] - projection * embedding[c]);
      }
    }
  }
}
