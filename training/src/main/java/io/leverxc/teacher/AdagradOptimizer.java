package io.leverxc.teacher;

import io.leverxc.ann.DotProducts;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.vector.SparseVector;

/**
 * Adagrad for the encoder: row-wise for the embedding table, element-wise for the residual block.
 *
 * <p>Row-wise Adagrad keeps one accumulated squared gradient per table row (the mean over the
 * row's entries) instead of one per entry, which cuts the optimiser state of the table from
 * featureDimension × dimension floats to featureDimension floats. A row is touched only when its
 * feature occurs in an example, so rare words keep large steps and frequent words get small ones.
 *
 * <p>{@link #updateRows} may run concurrently from several threads without locks (Hogwild): two
 * threads updating the same row may lose part of one update, which sparse features make rare.
 * With one thread every update is deterministic.
 */
final class AdagradOptimizer {
  /** Added under the square root so that a row's first step is finite. */
  static final float EPSILON = 1e-8f;

  private final EmbeddingBagEncoder encoder;
  private final float[] rowAccumulators;
  private final float[] weightAccumulators;
  private final float[] biasAccumulators;

  AdagradOptimizer(EmbeddingBagEncoder encoder) {
    this.encoder = encoder;
    int dimension = encoder.dimension();
    this.rowAccumulators = new float[encoder.featureDimension()];
    this.weightAccumulators = new float[dimension * dimension];
    this.biasAccumulators = new float[dimension];
  }

  /** Bytes of optimiser state. */
  long stateBytes() {
    return ((long) rowAccumulators.length + weightAccumulators.length + biasAccumulators.length) * Float.BYTES;
  }

  /**
   * Applies one example's table gradient: row {@code f} receives {@code x[f] * bagGradient}, for
   * every feature {@code f} of {@code features}.
   */
  void updateRows(SparseVector features, float[] bagGradient, float stepSize) {
    int dimension = bagGradient.length;
    double squareSum = 0;
    for (float g : bagGradient) {
      squareSum += (double) g * g;
    }
    float meanSquare = (float) (squareSum / dimension);
    if (meanSquare == 0f) {
      return;
    }
    float[] table = encoder.embeddings().data();
    int[] indices = features.indices();
    float[] values = features.values();
    for (int p = 0; p < indices.length; p++) {
      int feature = indices[p];
      float weight = values[p];
      float accumulator = rowAccumulators[feature] + weight * weight * meanSquare;
      rowAccumulators[feature] = accumulator;
      float scale = -stepSize * weight / ((float) Math.sqrt(accumulator) + EPSILON);
      int offset = feature * dimension;
      DotProducts.axpy(scale, bagGradient, 0, table, offset, dimension);
    }
  }

  /**
   * Applies a batch gradient of the residual block, element by element, for the entries in
   * {@code [from, to)} of the weight matrix; the bias is updated by the caller of range 0 through
   * {@link #updateBias}.
   */
  void updateWeights(float[] weightGradient, float stepSize, int from, int to) {
    float[] weights = encoder.blockWeights().data();
    for (int i = from; i < to; i++) {
      float g = weightGradient[i];
      float accumulator = weightAccumulators[i] + g * g;
      weightAccumulators[i] = accumulator;
      weights[i] -= stepSize * g / ((float) Math.sqrt(accumulator) + EPSILON);
    }
  }

  /** Applies a batch gradient of the residual block's bias. */
  void updateBias(float[] biasGradient, float stepSize) {
    float[] bias = encoder.blockBias().data();
    for (int i = 0; i < bias.length; i++) {
      float g = biasGradient[i];
      float accumulator = biasAccumulators[i] + g * g;
      biasAccumulators[i] = accumulator;
      bias[i] -= stepSize * g / ((float) Math.sqrt(accumulator) + EPSILON);
    }
  }
}
