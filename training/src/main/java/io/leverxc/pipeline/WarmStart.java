package io.leverxc.pipeline;

import io.leverxc.classifier.OvaSettings;
import io.leverxc.data.LabelMatrix;
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

  /**
   * Returns one weight vector and bias per label like {@link #classifiers}, but each new label
   * with training rows starts as a prototype: the target-weighted mean of its rows' input
   * embeddings, scaled to the mean norm of the parent's weight vectors, with the parent's mean
   * bias. A prototype points where the label's documents lie in the classifiers' input space, so
   * the new label starts near the parent labels' scale instead of at a cold start's. New labels
   * without rows start like {@link #classifiers} starts them.
   *
   * @param rowInputs input embedding of every row of {@code targets}, unit length
   * @param targets rows × labels soft targets of the run
   */
  static OvaClassifiers prototypes(
      OvaClassifiers parent, DenseMatrix labelEmbeddings, DenseMatrix rowInputs, LabelMatrix targets, OvaSettings settings) {
    OvaClassifiers start = classifiers(parent, labelEmbeddings, settings);
    int parentLabels = parent.labelCount();
    int labels = labelEmbeddings.rows();
    int dimension = labelEmbeddings.columns();
    if (parentLabels == labels || parentLabels == 0) {
      return start;
    }
    double normSum = 0;
    double biasSum = 0;
    for (int label = 0; label < parentLabels; label++) {
      normSum += Math.sqrt(squaredNorm(parent.weights().data(), label * dimension, dimension));
      biasSum += parent.biases()[label];
    }
    float scale = (float) (normSum / parentLabels);
    float bias = (float) (biasSum / parentLabels);

    LabelMatrix byLabel = targets.transpose();
    float[] weights = start.weights().data();
    float[] inputs = rowInputs.data();
    float[] prototype = new float[dimension];
    for (int label = parentLabels; label < labels; label++) {
      if (byLabel.rowSize(label) == 0) {
        continue;
      }
      Arrays.fill(prototype, 0f);
      for (int p = byLabel.rowStart(label); p < byLabel.rowEnd(label); p++) {
        int offset = byLabel.label(p) * dimension;
        float value = byLabel.value(p);
        for (int i = 0; i < dimension; i++) {
          prototype[i] += value * inputs[offset + i];
        }
      }
      double norm = Math.sqrt(squaredNorm(prototype, 0, dimension));
      if (norm == 0) {
        continue;
      }
      for (int i = 0; i < dimension; i++) {
        weights[label * dimension + i] = (float) (scale * prototype[i] / norm);
      }
      start.biases()[label] = bias;
    }
    return start;
  }

  private static double squaredNorm(float[] data, int offset, int length) {
    double sum = 0;
    for (int i = 0; i < length; i++) {
      sum += (double) data[offset + i] * data[offset + i];
    }
    return sum;
  }
}
