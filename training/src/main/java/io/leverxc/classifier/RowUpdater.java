package io.leverxc.classifier;

import io.leverxc.ann.DotProducts;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.Vectors;
import io.leverxc.vector.DenseMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One SGD step of the shortlisted binary cross-entropy for one training row, with scratch state
 * for one thread. With a {@link TrainableEncoder}, the row is encoded first and the encoder takes
 * a step with the gradient at the row's embedding.
 */
final class RowUpdater {
  // Probabilities are clamped into [EPSILON, 1 - EPSILON] for the logged loss only.
  private static final double EPSILON = 1e-7;

  private final float[] weights;
  private final float[] biases;
  private final DenseMatrix inputs;
  private final TrainableEncoder encoder;
  private final LabelMatrix targets;
  private final OvaSettings settings;
  private final int dimension;
  private final int labels;
  // visitedStamp[label] == stamp marks a label already updated for the current row.
  private final int[] visitedStamp;
  private final float[] embedding;
  private final float[] embeddingGradient;
  private int stamp;

  /**
   * @param inputs fixed input embeddings, used when {@code encoder} is null
   * @param encoder the encoder trained jointly, or null to keep the inputs fixed
   */
  RowUpdater(
      DenseMatrix weights,
      float[] biases,
      DenseMatrix inputs,
      TrainableEncoder encoder,
      LabelMatrix targets,
      OvaSettings settings) {
    this.weights = weights.data();
    this.biases = biases;
    this.inputs = inputs;
    this.encoder = encoder;
    this.targets = targets;
    this.settings = settings;
    this.dimension = weights.columns();
    this.labels = targets.columns();
    this.visitedStamp = new int[labels];
    this.embedding = new float[dimension];
    this.embeddingGradient = new float[dimension];
  }

  /** Updates the classifiers touched by {@code row} and returns the row's loss before the step. */
  double update(
      int row,
      float learningRate,
      float encoderLearningRate,
      NegativeShortlists embeddingNegatives,
      NegativeShortlists classifierNegatives,
      SplittableRandom random) {
    stamp++;
    if (stamp == Integer.MAX_VALUE) {
      Arrays.fill(visitedStamp, 0);
      stamp = 1;
    }
    float[] input;
    int inputOffset;
    float length = 0f;
    if (encoder == null) {
      input = inputs.data();
      inputOffset = inputs.offset(row);
    } else {
      length = encoder.encode(row, embedding);
      Arrays.fill(embeddingGradient, 0f);
      input = embedding;
      inputOffset = 0;
    }

    double loss = 0;
    for (int p = targets.rowStart(row); p < targets.rowEnd(row); p++) {
      int label = targets.label(p);
      visitedStamp[label] = stamp;
      loss += step(label, targets.value(p), input, inputOffset, learningRate);
    }
    loss += negatives(embeddingNegatives, row, input, inputOffset, learningRate);
    loss += negatives(classifierNegatives, row, input, inputOffset, learningRate);
    for (int i = 0; i < settings.randomNegatives(); i++) {
      int label = random.nextInt(labels);
      if (visitedStamp[label] != stamp) {
        visitedStamp[label] = stamp;
        loss += step(label, 0f, input, inputOffset, learningRate);
      }
    }

    if (encoder != null && encoderLearningRate > 0f) {
      encoder.update(row, embedding, length, embeddingGradient, encoderLearningRate);
    }
    return loss;
  }

  private double negatives(
      NegativeShortlists shortlists, int row, float[] input, int inputOffset, float learningRate) {
    double loss = 0;
    for (int i = 0; i < shortlists.width(); i++) {
      int label = shortlists.label(row, i);
      if (label == NegativeShortlists.NO_LABEL) {
        break;
      }
      if (visitedStamp[label] != stamp) {
        visitedStamp[label] = stamp;
        loss += step(label, 0f, input, inputOffset, learningRate);
      }
    }
    return loss;
  }

  // The gradient of BCE with soft target s with respect to the logit z is σ(z) − s.
  private double step(int label, float target, float[] input, int inputOffset, float learningRate) {
    int weightOffset = label * dimension;
    float logit = DotProducts.dot(weights, weightOffset, input, inputOffset, dimension) + biases[label];
    float probability = Vectors.sigmoid(logit);
    float gradient = probability - target;
    if (encoder != null) {
      // ∂L/∂x gathers σ(z) − s times each touched weight vector, taken before its own update.
      DotProducts.axpy(gradient, weights, weightOffset, embeddingGradient, 0, dimension);
    }
    float decay = 1f - learningRate * settings.weightDecay();
    float scaledGradient = learningRate * gradient;
    // decay · w + (−g) · x rounds as decay · w − g · x does, element by element.
    DotProducts.axpby(-scaledGradient, input, inputOffset, decay, weights, weightOffset, dimension);
    biases[label] -= scaledGradient;
    double clamped = Math.min(1 - EPSILON, Math.max(EPSILON, probability));
    return -(target * Math.log(clamped) + (1 - target) * Math.log(1 - clamped));
  }
}
