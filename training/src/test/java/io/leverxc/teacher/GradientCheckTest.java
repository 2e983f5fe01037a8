package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Checks the analytic gradient of the batch triplet loss (through the encoder's normalisation,
 * residual block and bag) against central finite differences on a tiny model.
 */
class GradientCheckTest {
  private static final int FEATURES = 6;
  private static final int DIMENSION = 4;
  private static final int ROWS = 3;
  private static final float STEP = 1e-2f;

  // Anchors and positives of a 3-row batch; no column is a positive of another row.
  private static final SparseVector[] ANCHORS = {
    SparseVector.of(new int[] {0, 3}, new float[] {0.8f, 0.6f}),
    SparseVector.of(new int[] {1}, new float[] {1f}),
    SparseVector.of(new int[] {2, 4, 5}, new float[] {0.48f, 0.6f, 0.64f}),
  };
  private static final SparseVector[] POSITIVES = {
    SparseVector.of(new int[] {0, 5}, new float[] {0.6f, 0.8f}),
    SparseVector.of(new int[] {1, 2, 3}, new float[] {0.64f, 0.6f, 0.48f}),
    SparseVector.of(new int[] {4}, new float[] {1f}),
  };

  @Test
  void analyticGradientMatchesFiniteDifferences() {
    EmbeddingBagEncoder encoder = randomEncoder(17);
    // Margin 2 keeps every hinge active, so the loss is smooth around this point.
    TripletLoss loss = new TripletLoss(ROWS, ROWS - 1, 2f);

    float[][] anchorOut = new float[ROWS][DIMENSION];
    float[][] positiveOut = new float[ROWS][DIMENSION];
    float[][] anchorBag = new float[ROWS][DIMENSION];
    float[][] positiveBag = new float[ROWS][DIMENSION];
    float[][] anchorActivation = new float[ROWS][DIMENSION];
    float[][] positiveActivation = new float[ROWS][DIMENSION];
    for (int row = 0; row < ROWS; row++) {
      encoder.forward(ANCHORS[row], anchorBag[row], anchorActivation[row], anchorOut[row]);
      encoder.forward(POSITIVES[row], positiveBag[row], positiveActivation[row], positiveOut[row]);
    }
    float[][] anchorGradient = new float[ROWS][DIMENSION];
    float[][] positiveGradient = new float[ROWS][DIMENSION];
    TripletLoss.Result result;
    try (RangeWorkers parallel = new RangeWorkers(1, "test")) {
      result = loss.compute(ROWS, anchorOut, positiveOut, (r, c) -> false, anchorGradient, positiveGradient, parallel);
    }
    assertEquals(ROWS * (ROWS - 1), result.triplets());
    assertEquals(result.triplets(), result.violations(), "every hinge must be active for a smooth check");

    float[] tableGradient = new float[FEATURES * DIMENSION];
    float[] weightGradient = new float[DIMENSION * DIMENSION];
    float[] biasGradient = new float[DIMENSION];
    float[] bagGradient = new float[DIMENSION];
    float[] scratch = new float[DIMENSION];
    float[] transposed = new float[DIMENSION * DIMENSION];
    EncoderGradient.transpose(encoder.blockWeights().data(), transposed, DIMENSION);
    for (int row = 0; row < ROWS; row++) {
      EncoderGradient.backward(transposed, anchorBag[row], anchorActivation[row], anchorOut[row], anchorGradient[row],
          weightGradient, biasGradient, bagGradient, scratch);
      addTableGradient(ANCHORS[row], bagGradient, tableGradient);
      EncoderGradient.backward(transposed, positiveBag[row], positiveActivation[row], positiveOut[row],
          positiveGradient[row], weightGradient, biasGradient, bagGradient, scratch);
      addTableGradient(POSITIVES[row], bagGradient, tableGradient);
    }

    checkAgainstFiniteDifferences("table", encoder, encoder.embeddings(), tableGradient);
    checkAgainstFiniteDifferences("block weights", encoder, encoder.blockWeights(), weightGradient);
    checkAgainstFiniteDifferences("block bias", encoder, encoder.blockBias(), biasGradient);
  }

  private static void addTableGradient(SparseVector features, float[] bagGradient, float[] tableGradient) {
    for (int p = 0; p < features.size(); p++) {
      int offset = features.index(p) * DIMENSION;
      for (int i = 0; i < DIMENSION; i++) {
        tableGradient[offset + i] += features.value(p) * bagGradient[i];
      }
    }
  }

  private static void checkAgainstFiniteDifferences(
      String name, EmbeddingBagEncoder encoder, DenseMatrix parameter, float[] analytic) {
    float[] data = parameter.data();
    double largest = 0;
    for (int i = 0; i < data.length; i++) {
      float original = data[i];
      data[i] = original + STEP;
      double plus = batchLoss(encoder);
      data[i] = original - STEP;
      double minus = batchLoss(encoder);
      data[i] = original;
      double numeric = (plus - minus) / (2 * STEP);
      double tolerance = 2e-3 + 1e-2 * Math.abs(numeric);
      assertEquals(numeric, analytic[i], tolerance, name + " entry " + i);
      largest = Math.max(largest, Math.abs(numeric));
    }
    assertTrue(largest > 1e-2, name + " gradient is too small to test anything: " + largest);
  }

  private static double batchLoss(EmbeddingBagEncoder encoder) {
    TripletLoss loss = new TripletLoss(ROWS, ROWS - 1, 2f);
    float[][] anchorOut = new float[ROWS][DIMENSION];
    float[][] positiveOut = new float[ROWS][DIMENSION];
    for (int row = 0; row < ROWS; row++) {
      encoder.encode(ANCHORS[row], anchorOut[row]);
      encoder.encode(POSITIVES[row], positiveOut[row]);
    }
    try (RangeWorkers parallel = new RangeWorkers(1, "test")) {
      return loss.compute(ROWS, anchorOut, positiveOut, (r, c) -> false, new float[ROWS][DIMENSION],
          new float[ROWS][DIMENSION], parallel).lossSum();
    }
  }

  private static EmbeddingBagEncoder randomEncoder(long seed) {
    Random random = new Random(seed);
    DenseMatrix table = new DenseMatrix(FEATURES, DIMENSION);
    DenseMatrix weights = new DenseMatrix(DIMENSION, DIMENSION);
    DenseMatrix bias = new DenseMatrix(1, DIMENSION);
    fill(table, random, 0.5);
    fill(weights, random, 0.5);
    fill(bias, random, 0.3);
    return new EmbeddingBagEncoder(table, weights, bias);
  }

  private static void fill(DenseMatrix matrix, Random random, double scale) {
    float[] data = matrix.data();
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * scale);
    }
  }
}
