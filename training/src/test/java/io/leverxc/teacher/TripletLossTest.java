package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.parallel.RangeWorkers;
import org.junit.jupiter.api.Test;

class TripletLossTest {
  private static final float TOLERANCE = 1e-6f;

  private static TripletLoss.Result compute(
      TripletLoss loss, float[][] anchors, float[][] positives, TripletLoss.PositiveMask mask,
      float[][] anchorGradients, float[][] positiveGradients) {
    try (RangeWorkers parallel = new RangeWorkers(1, "test")) {
      return loss.compute(anchors.length, anchors, positives, mask, anchorGradients, positiveGradients, parallel);
    }
  }

  @Test
  void twoRowsMatchHandWorkedValues() {
    // S = [[0.6, 1.0], [0.8, 0.0]]. Row 0: hinge 1.0 - 0.6 + 0.3 = 0.7; row 1: 0.8 - 0 + 0.3 = 1.1.
    float[][] anchors = {{1, 0}, {0, 1}};
    float[][] positives = {{0.6f, 0.8f}, {1, 0}};
    float[][] anchorGradients = new float[2][2];
    float[][] positiveGradients = new float[2][2];
    TripletLoss.Result result = compute(
        new TripletLoss(2, 1, 0.3f), anchors, positives, (r, c) -> false, anchorGradients, positiveGradients);

    assertEquals(1.8, result.lossSum(), 1e-6);
    assertEquals(2, result.violations());
    assertEquals(2, result.triplets());
    // d/d anchor_i = negative - positive of row i.
    assertArrayEquals(new float[] {0.4f, -0.8f}, anchorGradients[0], TOLERANCE);
    assertArrayEquals(new float[] {-0.4f, 0.8f}, anchorGradients[1], TOLERANCE);
    // Column 0 is row 0's positive (-anchor_0) and row 1's negative (+anchor_1); column 1 the reverse.
    assertArrayEquals(new float[] {-1f, 1f}, positiveGradients[0], TOLERANCE);
    assertArrayEquals(new float[] {1f, -1f}, positiveGradients[1], TOLERANCE);
  }

  @Test
  void satisfiedMarginGivesNoLossOrGradient() {
    float[][] anchors = {{1, 0}, {0, 1}};
    float[][] positives = {{1, 0}, {0, 1}};
    float[][] anchorGradients = {{9, 9}, {9, 9}};
    float[][] positiveGradients = {{9, 9}, {9, 9}};
    TripletLoss.Result result = compute(
        new TripletLoss(2, 1, 0.3f), anchors, positives, (r, c) -> false, anchorGradients, positiveGradients);
    assertEquals(0, result.lossSum());
    assertEquals(0, result.violations());
    assertEquals(2, result.triplets());
    assertArrayEquals(new float[] {0, 0}, anchorGradients[0]);
    assertArrayEquals(new float[] {0, 0}, positiveGradients[1]);
  }

  @Test
  void maskedColumnIsNeverANegative() {
    // Row 0's best-scoring other column (1) is also one of its positives, so column 2 is mined.
    float[][] anchors = {{1, 0}, {0, 1}, {0, 1}};
    float[][] positives = {{0, 1}, {1, 0}, {0.8f, 0.6f}};
    float[][] anchorGradients = new float[3][2];
    float[][] positiveGradients = new float[3][2];
    TripletLoss.Result result = compute(
        new TripletLoss(3, 1, 0.3f), anchors, positives, (r, c) -> r == 0 && c == 1, anchorGradients,
        positiveGradients);
    // Row 0: s_p = 0, negative column 2 scores 0.8, hinge 1.1, gradient p2 - p0 = (0.8, -0.4).
    assertArrayEquals(new float[] {0.8f, -0.4f}, anchorGradients[0], TOLERANCE);
    assertEquals(3, result.triplets());
  }

  @Test
  void hardestNegativesAreKeptWhenRowHasMore() {
    // Row 0 scores columns 1, 2, 3 at 0.9, 0.1, 0.5; with k = 2 it mines columns 1 and 3.
    float[][] anchors = {{1, 0}, {0, 1}, {0, 1}, {0, 1}};
    float[][] positives = {{0, 1}, {0.9f, 0.43589f}, {0.1f, 0.99499f}, {0.5f, 0.86603f}};
    float[][] anchorGradients = new float[4][2];
    float[][] positiveGradients = new float[4][2];
    compute(new TripletLoss(4, 2, 0.3f), anchors, positives, (r, c) -> false, anchorGradients, positiveGradients);
    // Gradient (1/2)[(p1 - p0) + (p3 - p0)].
    float expectedX = 0.5f * (0.9f + 0.5f);
    float expectedY = 0.5f * ((0.43589f - 1) + (0.86603f - 1));
    assertArrayEquals(new float[] {expectedX, expectedY}, anchorGradients[0], 1e-5f);
  }
}
