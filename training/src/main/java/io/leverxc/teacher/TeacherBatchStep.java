package io.leverxc.teacher;

import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;

/**
 * One optimisation step on one label-wise batch. It encodes the anchors and positives, computes
 * the triplet loss with hard-negative mining and backpropagates each embedding's gradient into the
 * encoder. Table rows are updated at once, without locks when several workers run (Hogwild). The
 * residual block is updated last, with the batch's mean gradient.
 *
 * <p>All buffers are allocated once, for the largest batch. Not thread-safe; it drives the worker
 * threads itself.
 */
final class TeacherBatchStep {
  private final EmbeddingBagEncoder encoder;
  private final AdagradOptimizer optimizer;
  private final LabelBatchSampler sampler;
  private final RangeWorkers parallel;
  private final TripletLoss loss;
  private final float clipNorm;
  private final int dimension;

  // Rows 0..B-1 hold anchors, rows B..2B-1 positives.
  private final SparseVector[] features;
  private final float[][] bags;
  private final float[][] activations;
  private final float[][] outputs;
  private final float[][] outputGradients;
  private final float[][] anchorOutputs;
  private final float[][] positiveOutputs;
  private final float[][] anchorGradients;
  private final float[][] positiveGradients;
  private final int capacity;

  private final float[][] workerWeightGradients;
  private final float[][] workerBiasGradients;
  private final float[][] workerBagGradients;
  private final float[][] workerBlockGradients;
  private final float[] weightGradient;
  private final float[] biasGradient;
  // Transpose of the block weights for backpropagation, refreshed after every block update.
  private final float[] transposedWeights;

  TeacherBatchStep(
      EmbeddingBagEncoder encoder,
      AdagradOptimizer optimizer,
      LabelBatchSampler sampler,
      TeacherSettings settings,
      RangeWorkers parallel) {
    this.encoder = encoder;
    this.optimizer = optimizer;
    this.sampler = sampler;
    this.parallel = parallel;
    this.capacity = settings.batchSize();
    this.loss = new TripletLoss(capacity, settings.negativesPerRow(), settings.margin());
    this.clipNorm = settings.gradientClipNorm();
    this.dimension = encoder.dimension();

    this.features = new SparseVector[2 * capacity];
    this.bags = new float[2 * capacity][dimension];
    this.activations = new float[2 * capacity][dimension];
    this.outputs = new float[2 * capacity][dimension];
    this.outputGradients = new float[2 * capacity][];
    this.anchorOutputs = Arrays.copyOfRange(outputs, 0, capacity);
    this.positiveOutputs = Arrays.copyOfRange(outputs, capacity, 2 * capacity);
    this.anchorGradients = new float[capacity][dimension];
    this.positiveGradients = new float[capacity][dimension];
    System.arraycopy(anchorGradients, 0, outputGradients, 0, capacity);
    System.arraycopy(positiveGradients, 0, outputGradients, capacity, capacity);

    int workers = parallel.workers();
    this.workerWeightGradients = new float[workers][dimension * dimension];
    this.workerBiasGradients = new float[workers][dimension];
    this.workerBagGradients = new float[workers][dimension];
    this.workerBlockGradients = new float[workers][dimension];
    this.weightGradient = new float[dimension * dimension];
    this.biasGradient = new float[dimension];
    this.transposedWeights = new float[dimension * dimension];
    EncoderGradient.transpose(encoder.blockWeights().data(), transposedWeights, dimension);
  }

  /** Bytes of the batch buffers, for the memory log. */
  long bufferBytes() {
    long perRow = 5L * dimension;
    long perWorker = (long) dimension * dimension + 3L * dimension;
    return (2L * capacity * perRow + parallel.workers() * perWorker + 2L * dimension * dimension + dimension)
        * Float.BYTES;
  }

  /**
   * Trains on the first {@code size} labels and positives.
   *
   * @param labels anchor labels of the batch rows
   * @param positives positives of the rows as drawn by {@link LabelBatchSampler#drawPositive}
   * @param stepSize learning rate of this step, after warm-up and decay
   */
  TripletLoss.Result run(int[] labels, int[] positives, int size, float stepSize) {
    for (int row = 0; row < size; row++) {
      features[row] = sampler.anchorFeatures(labels[row]);
      features[capacity + row] = sampler.positiveFeatures(positives[row]);
    }
    parallel.forEachRange(2 * size, (worker, from, to) -> {
      for (int e = from; e < to; e++) {
        int row = slot(e, size);
        encoder.forward(features[row], bags[row], activations[row], outputs[row]);
      }
    });

    TripletLoss.Result result = loss.compute(
        size,
        anchorOutputs,
        positiveOutputs,
        (row, column) -> sampler.isPositive(labels[row], positives[column]),
        anchorGradients,
        positiveGradients,
        parallel);

    parallel.forEachRange(2 * size, (worker, from, to) -> {
      for (int e = from; e < to; e++) {
        backward(worker, slot(e, size), stepSize);
      }
    });
    updateBlock(size, stepSize);
    return result;
  }

  // Maps 0..2*size-1 to the buffer slots of the size anchors then the size positives.
  private int slot(int e, int size) {
    return e < size ? e : capacity + (e - size);
  }

  private void backward(int worker, int row, float stepSize) {
    float[] gradient = outputGradients[row];
    clip(gradient, clipNorm);
    float[] bagGradient = workerBagGradients[worker];
    boolean nonZero = EncoderGradient.backward(
        transposedWeights,
        bags[row],
        activations[row],
        outputs[row],
        gradient,
        workerWeightGradients[worker],
        workerBiasGradients[worker],
        bagGradient,
        workerBlockGradients[worker]);
    if (nonZero) {
      optimizer.updateRows(features[row], bagGradient, stepSize);
    }
  }

  // Sums the workers' block gradients in worker order, averages over rows, clips and applies them.
  private void updateBlock(int size, float stepSize) {
    int workers = parallel.workers();
    float scale = 1f / size;
    parallel.forEachRange(weightGradient.length, (worker, from, to) -> {
      for (int i = from; i < to; i++) {
        float sum = 0f;
        for (int w = 0; w < workers; w++) {
          sum += workerWeightGradients[w][i];
          workerWeightGradients[w][i] = 0f;
        }
        weightGradient[i] = sum * scale;
      }
    });
    for (int i = 0; i < dimension; i++) {
      float sum = 0f;
      for (int w = 0; w < workers; w++) {
        sum += workerBiasGradients[w][i];
        workerBiasGradients[w][i] = 0f;
      }
      biasGradient[i] = sum * scale;
    }

    double squareSum = squareSum(weightGradient) + squareSum(biasGradient);
    if (squareSum > (double) clipNorm * clipNorm) {
      float shrink = (float) (clipNorm / Math.sqrt(squareSum));
      scale(weightGradient, shrink);
      scale(biasGradient, shrink);
    }
    parallel.forEachRange(weightGradient.length, (worker, from, to) -> optimizer.updateWeights(weightGradient, stepSize, from, to));
    optimizer.updateBias(biasGradient, stepSize);
    EncoderGradient.transpose(encoder.blockWeights().data(), transposedWeights, dimension);
  }

  private static void clip(float[] vector, float maxNorm) {
    double squareSum = squareSum(vector);
    if (squareSum > (double) maxNorm * maxNorm) {
      scale(vector, (float) (maxNorm / Math.sqrt(squareSum)));
    }
  }

  private static double squareSum(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += (double) v * v;
    }
    return sum;
  }

  private static void scale(float[] vector, float factor) {
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= factor;
    }
  }
}
