package io.leverxc.teacher;

import io.leverxc.ann.DotProducts;
import io.leverxc.model.EmbeddingBagEncoder;

/**
 * Backpropagation through {@link EmbeddingBagEncoder}: from the gradient of the loss with respect
 * to one output embedding to the gradients of the residual block's parameters and of the bag
 * {@code h}. The gradient of feature row {@code E[f]} is then {@code x[f]} times the bag gradient,
 * which the caller applies row by row.
 */
final class EncoderGradient {
  private EncoderGradient() {}

  /**
   * Adds the block gradients of one example to {@code weightGradient} (dimension², laid out like
   * {@link EmbeddingBagEncoder#blockWeights()}) and {@code biasGradient}, and writes the bag
   * gradient to {@code bagGradient}. The inputs are the intermediates of
   * {@link EmbeddingBagEncoder#forward}; {@code transposedWeights} is the transpose of the block
   * weights (see {@link #transpose}). {@code blockGradient} is scratch.
   *
   * @return false, with nothing written, when the output is the zero vector (empty features)
   */
  static boolean backward(
      float[] transposedWeights,
      float[] bag,
      float[] activation,
      float[] out,
      float[] outGradient,
      float[] weightGradient,
      float[] biasGradient,
      float[] bagGradient,
      float[] blockGradient) {
    int dimension = bag.length;
    double squaredNorm = 0;
    double outDotGradient = 0;
    for (int i = 0; i < dimension; i++) {
      float sum = bag[i] + activation[i];
      squaredNorm += (double) sum * sum;
      outDotGradient += (double) out[i] * outGradient[i];
    }
    if (squaredNorm == 0) {
      return false;
    }
    // Through out = z / |z|: dz = (dout - out (out · dout)) / |z|.
    float inverseNorm = (float) (1.0 / Math.sqrt(squaredNorm));
    float projection = (float) outDotGradient;
    float[] zGradient = bagGradient;
    for (int i = 0; i < dimension; i++) {
      zGradient[i] = (outGradient[i] - out[i] * projection) * inverseNorm;
    }
    // Through a = tanh(u): du = dz (1 - a²).
    for (int i = 0; i < dimension; i++) {
      blockGradient[i] = zGradient[i] * (1f - activation[i] * activation[i]);
      biasGradient[i] += blockGradient[i];
    }
    // u = Wᵀ h + b: row j of dW gains h[j] du, and dh = dz + W du. W du is summed over the rows
    // of the transposed copy so that both inner loops run over contiguous memory.
    for (int j = 0; j < dimension; j++) {
      float input = bag[j];
      if (input == 0f) {
        continue;
      }
      DotProducts.axpy(input, blockGradient, 0, weightGradient, j * dimension, dimension);
    }
    for (int i = 0; i < dimension; i++) {
      float coefficient = blockGradient[i];
      if (coefficient == 0f) {
        continue;
      }
      DotProducts.axpy(coefficient, transposedWeights, i * dimension, bagGradient, 0, dimension);
    }
    return true;
  }

  /** Writes the transpose of the square matrix {@code source} (dimension × dimension) into {@code target}. */
  static void transpose(float[] source, float[] target, int dimension) {
    for (int row = 0; row < dimension; row++) {
      int offset = row * dimension;
      for (int column = 0; column < dimension; column++) {
        target[column * dimension + row] = source[offset + column];
      }
    }
  }
}
