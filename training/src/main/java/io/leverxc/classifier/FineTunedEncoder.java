package io.leverxc.classifier;

import io.leverxc.ann.DotProducts;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.vector.SparseVector;
import java.util.List;

/**
 * The teacher's embedding-bag encoder made trainable for joint fine-tuning with the classifiers:
 * a copy of the teacher whose feature embedding rows take SGD steps on the classifiers' loss.
 *
 * <p>The residual block stays frozen. Only the embedding rows of a training row's features move,
 * so an update costs as much as encoding the row. The teacher itself is not modified, because the
 * label embeddings and LEVER's soft targets must stay in the teacher's space.
 */
public final class FineTunedEncoder implements TrainableEncoder {
  private final EmbeddingBagEncoder encoder;
  private final List<SparseVector> rows;
  private final ThreadLocal<Scratch> scratch;

  /** Per-thread forward-pass state of the row encoded last, reused by the following update. */
  private static final class Scratch {
    int row = -1;
    final float[] bag;
    final float[] activation;
    final float[] delta;
    final float[] preActivationGradient;

    Scratch(int dimension) {
      bag = new float[dimension];
      activation = new float[dimension];
      delta = new float[dimension];
      preActivationGradient = new float[dimension];
    }
  }

  /**
   * Copies {@code teacher}, whose copy this instance trains.
   *
   * @param rows features of each training row, in the classifier trainer's row order
   */
  public FineTunedEncoder(EmbeddingBagEncoder teacher, List<SparseVector> rows) {
    this.encoder = new EmbeddingBagEncoder(
        teacher.embeddings().copy(), teacher.blockWeights().copy(), teacher.blockBias().copy());
    this.rows = rows;
    int dimension = teacher.dimension();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(dimension));
  }

  /** The fine-tuned encoder, for the bundle and for encoding queries. */
  public EmbeddingBagEncoder encoder() {
    return encoder;
  }

  @Override
  public int rows() {
    return rows.size();
  }

  @Override
  public int dimension() {
    return encoder.dimension();
  }

  @Override
  public float encode(int row, float[] out) {
    Scratch state = scratch.get();
    encoder.forward(rows.get(row), state.bag, state.activation, out);
    state.row = row;
    double squared = 0;
    for (int i = 0; i < out.length; i++) {
      float sum = state.bag[i] + state.activation[i];
      squared += (double) sum * sum;
    }
    return (float) Math.sqrt(squared);
  }

  @Override
  public void update(int row, float[] embedding, float length, float[] gradient, float learningRate) {
    if (length == 0f) {
      return;
    }
    Scratch state = scratch.get();
    if (state.row != row) {
      encode(row, new float[embedding.length]);
    }
    int dimension = embedding.length;

    // Through the normalisation: dL/dz = (g - (g·y) y) / |z|, with y the unit output.
    float projection = 0f;
    for (int i = 0; i < dimension; i++) {
      projection += gradient[i] * embedding[i];
    }
    float[] delta = state.delta;
    float[] preActivation = state.preActivationGradient;
    for (int i = 0; i < dimension; i++) {
      delta[i] = (gradient[i] - projection * embedding[i]) / length;
      float activation = state.activation[i];
      preActivation[i] = delta[i] * (1f - activation * activation);
    }

    // Through z = h + tanh(b + Wᵀh): dL/dh_j = dL/dz_j + row j of W · dL/du.
    float[] weights = encoder.blockWeights().data();
    float[] bagGradient = new float[dimension];
    for (int j = 0; j < dimension; j++) {
      bagGradient[j] = delta[j] + DotProducts.dot(weights, j * dimension, preActivation, 0, dimension);
    }

    // Into the embedding rows of the row's features, each weighted by its TF-IDF value.
    SparseVector features = rows.get(row);
    float[] table = encoder.embeddings().data();
    for (int p = 0; p < features.size(); p++) {
      float step = learningRate * features.value(p);
      int offset = features.index(p) * dimension;
      DotProducts.axpy(-step, bagGradient, 0, table, offset, dimension);
    }
    state.row = -1;
  }
}
