package io.leverxc.model;

import io.leverxc.vector.DenseMatrix;

/**
 * One-vs-all linear classifiers: label {@code l} scores an embedding {@code x} with the logit
 * {@code w_l · x + b_l}, where {@code w_l} is row {@code l} of {@code weights}.
 *
 * @param weights labels × embedding dimension
 * @param biases one bias per label
 */
public record OvaClassifiers(DenseMatrix weights, float[] biases) {
  public OvaClassifiers {
    if (weights.rows() != biases.length) {
      throw new IllegalArgumentException(
          "weights have " + weights.rows() + " label rows but there are " + biases.length + " biases");
    }
  }

  public int labelCount() {
    return biases.length;
  }

  public int dimension() {
    return weights.columns();
  }

  /**
   * Returns the logit {@code w_l · x + b_l} of one label.
   *
   * @throws IllegalArgumentException if {@code embedding} does not have {@link #dimension()} values
   */
  public float logit(int label, float[] embedding) {
    if (embedding.length != weights.columns()) {
      throw new IllegalArgumentException(
          "embedding has dimension " + embedding.length + ", the classifiers have " + weights.columns());
    }
    return Vectors.dot(weights.data(), weights.offset(label), embedding, 0, embedding.length) + biases[label];
  }
}
