package io.leverxc.pipeline;

import io.leverxc.classifier.OvaSettings;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.vector.DenseMatrix;
import java.util.Arrays;

/** Starting classifiers of a retraining run: the parent's for its labels, fresh ones for new labels. */
final class WarmStart {
  private WarmStart() {}

  /**
   * Returns one weight vector and bias per label. Labels below the parent's label count copy the
   * parent's weight vector and bias; each new label starts like a cold start, with
   * {@code initialScale} times its teacher embedding and {@code initialBias}.
   *
   * @param labelEmbeddings teacher embeddings of every label of the new model
   * @throws IllegalArgumentException if the parent has more labels than {@code labelEmbeddings} or
   *     another dimension
   */
  static OvaClassifiers classifiers(OvaClassifiers parent, DenseMatrix labelEmbeddings, OvaSettings settings) {
    int labels = labelEmbeddings.rows();
    int dimension = labelEmbeddings.columns();
    int parentLabels = parent.labelCount();
    if (parentLabels > labels || parent.dimension() != dimension) {
      throw new IllegalArgumentException(
          "the parent has " + parentLabels + " classifiers of dimension " + parent.dimension()
              + ", the new model " + labels + " labels of dimension " + dimension);
    }
    DenseMatrix weights = new DenseMatrix(labels, dimension);
    float[] biases = new float[labels];
    System.arraycopy(parent.weights().data(), 0, weights.data(), 0, parentLabels * dimension);
    System.arraycopy(parent.biases(), 0, biases, 0, parentLabels);

    float[] data = weights.data();
    float[] embeddings = labelEmbeddings.data();
    for (int i = parentLabels * dimension; i < labels * dimension; i++) {
      data[i] = settings.initialScale() * embeddings[i];
    }
    Arrays.fill(biases, parentLabels, labels, settings.initialBias());
    return new OvaClassifiers(weights, biases);
  }
}
