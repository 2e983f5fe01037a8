package io.leverxc.teacher;

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
   * Adds the block gradients of one example to {@code weightGradient} (dimension², row-major) and
   * {@code biasGradient}, and writes the bag gradient to {@code bagGradient}. The inputs are the
   * intermediates of {@link EmbeddingBagEncoder#forward}. {@code blockGradient} is scratch.
   *
   * @return false, with nothing written, when the output is the zero vector (empty features)
   */
  static boolean backward(
      EmbeddingBagEncoder encoder,
      float[] bag,
      float[] activation,
      float[] out,
      float[] outGradient,
      float[] weightGradient,
      float[] biasGradient,
      float[] bagGradient,
      float[] blockGradient) {
    int dimension = encoder.dimension();
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
    // u = W h + b: dW[i] += du[i] h, and dh = dz + Wᵀ du (the residual path plus the block path).
    float[] weights = encoder.blockWeights().data();
    for (int i = 0; i < dimension; i++) {
      float coefficient = blockGradient[i];
      if (coefficient == 0f) {
        continue;
      }
      int offset = i * dimension;
      for (int j = 0; j < dimension; j++) {
        weightGradient[offset + j] += coefficient * bag[j];
        bagGradient[j] += coefficient * weights[offset + j];
      }
    }
    return true;
  }
}
