package io.leverxc.classifier;

/**
 * An encoder of the training rows whose parameters {@link OvaTrainer} may update jointly with the
 * classifiers. Each row's embedding has unit length.
 *
 * <p>Calls for different rows may run concurrently and update shared parameters without locks,
 * as the classifier weights are updated.
 */
public interface TrainableEncoder {

  /** Number of rows this encoder can embed. */
  int rows();

  /** Embedding dimension. */
  int dimension();

  /**
   * Writes the unit embedding of {@code row} into {@code out} and returns its length before
   * normalisation, which {@link #update} needs; 0 means the row embeds to the zero vector.
   */
  float encode(int row, float[] out);

  /**
   * Takes one SGD step on the encoder's parameters for {@code row}.
   *
   * @param embedding the unit embedding that {@link #encode} wrote for this row
   * @param length the value that {@link #encode} returned
   * @param gradient gradient of the loss with respect to {@code embedding}
   */
  void update(int row, float[] embedding, float length, float[] gradient, float learningRate);
}
