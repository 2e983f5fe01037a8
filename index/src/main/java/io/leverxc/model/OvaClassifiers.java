package io.leverxc.model;

import io.leverxc.ann.DotProducts;
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
   * Returns each label's weights followed by its bias, one more column than {@link #weights()}. An
   * embedding followed by 1 has the logit {@code w_l · x + b_l} as its inner product with row
   * {@code l}, so an exact search over these rows ranks labels by the logit itself, bias included.
   */
  public DenseMatrix searchVectors() {
    int dimension = weights.columns();
    int width = dimension + 1;
    float[] data = new float[Math.multiplyExact(biases.length, width)];
    for (int label = 0; label < biases.length; label++) {
      System.arraycopy(weights.data(), weights.offset(label), data, label * width, dimension);
      data[label * width + dimension] = biases[label];
    }
    return new DenseMatrix(biases.length, width, data);
  }

  /** Returns {@code embedding} followed by 1, the query that {@link #searchVectors()} expects. */
  public static float[] searchQuery(float[] embedding) {
    float[] query = java.util.Arrays.copyOf(embedding, embedding.length + 1);
    query[embedding.length] = 1f;
    return query;
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
    return DotProducts.dot(weights.data(), weights.offset(label), embedding, 0, embedding.length) + biases[label];
  }
}
