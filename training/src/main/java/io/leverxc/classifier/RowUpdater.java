package io.leverxc.classifier;

import io.leverxc.data.LabelMatrix;
import io.leverxc.model.Vectors;
import io.leverxc.vector.DenseMatrix;
import java.util.SplittableRandom;

/**
 * One SGD step of the shortlisted binary cross-entropy for one training row, with scratch state
 * for one thread.
 */
final class RowUpdater {
  // Probabilities are clamped into [EPSILON, 1 - EPSILON] for the logged loss only.
  private static final double EPSILON = 1e-7;

  private final float[] weights;
  private final float[] biases;
  private final DenseMatrix inputs;
  private final LabelMatrix targets;
  private final OvaSettings settings;
  private final int dimension;
  private final int labels;
  // visitedStamp[label] == stamp marks a label already updated for the current row.
  private final int[] visitedStamp;
  private int stamp;

  RowUpdater(DenseMatrix weights, float[] biases, DenseMatrix inputs, LabelMatrix targets, OvaSettings settings) {
    this.weights = weights.data();
    this.biases = biases;
    this.inputs = inputs;
    this.targets = targets;
    this.settings = settings;
    this.dimension = inputs.columns();
    this.labels = targets.columns();
    this.visitedStamp = new int[labels];
  }

  /** Updates the classifiers touched by {@code row} and returns the row's loss before the step. */
  double update(
      int row,
      float learningRate,
      NegativeShortlists embeddingNegatives,
      NegativeShortlists classifierNegatives,
      SplittableRandom random) {
    stamp++;
    if (stamp == Integer.MAX_VALUE) {
      java.util.Arrays.fill(visitedStamp, 0);
      stamp = 1;
    }
    float[] inputData = inputs.data();
    int inputOffset = inputs.offset(row);
    double loss = 0;
    for (int p = targets.rowStart(row); p < targets.rowEnd(row); p++) {
      int label = targets.label(p);
      visitedStamp[label] = stamp;
      loss += step(label, targets.value(p), inputData, inputOffset, learningRate);
    }
    loss += negatives(embeddingNegatives, row, inputData, inputOffset, learningRate);
    loss += negatives(classifierNegatives, row, inputData, inputOffset, learningRate);
    for (int i = 0; i < settings.randomNegatives(); i++) {
      int label = random.nextInt(labels);
      if (visitedStamp[label] != stamp) {
        visitedStamp[label] = stamp;
        loss += step(label, 0f, inputData, inputOffset, learningRate);
      }
    }
    return loss;
  }

  private double negatives(
      NegativeShortlists shortlists, int row, float[] inputData, int inputOffset, float learningRate) {
    double loss = 0;
    for (int i = 0; i < shortlists.width(); i++) {
      int label = shortlists.label(row, i);
      if (label == NegativeShortlists.NO_LABEL) {
        break;
      }
      if (visitedStamp[label] != stamp) {
        visitedStamp[label] = stamp;
        loss += step(label, 0f, inputData, inputOffset, learningRate);
      }
    }
    return loss;
  }

  // The gradient of BCE with soft target s with respect to the logit z is σ(z) − s.
  private double step(int label, float target, float[] inputData, int inputOffset, float learningRate) {
    int weightOffset = label * dimension;
    float logit = Vectors.dot(weights, weightOffset, inputData, inputOffset, dimension) + biases[label];
    float probability = Vectors.sigmoid(logit);
    float gradient = probability - target;
    float decay = 1f - learningRate * settings.weightDecay();
    float scaledGradient = learningRate * gradient;
    for (int j = 0; j < dimension; j++) {
      weights[weightOffset + j] = decay * weights[weightOffset + j] - scaledGradient * inputData[inputOffset + j];
    }
    biases[label] -= scaledGradient;
    double clamped = Math.min(1 - EPSILON, Math.max(EPSILON, probability));
    return -(target * Math.log(clamped) + (1 - target) * Math.log(1 - clamped));
  }
}
