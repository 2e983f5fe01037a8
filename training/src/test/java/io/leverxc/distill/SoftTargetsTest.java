package io.leverxc.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SoftTargetsTest {
  private static final float TOLERANCE = 1e-6f;

  @Test
  void mixWeighsGroundTruthByLambda() {
    // 0.5 · 1 + 0.5 · 0.8 = 0.9
    assertEquals(0.9f, SoftTargets.mix(1f, 0.8f, 0.5f), TOLERANCE);
    // 0.25 · 1 + 0.75 · 0.6 = 0.7
    assertEquals(0.7f, SoftTargets.mix(1f, 0.6f, 0.25f), TOLERANCE);
    // λ = 1 ignores the teacher, λ = 0 ignores the ground truth.
    assertEquals(1f, SoftTargets.mix(1f, 0.3f, 1f), TOLERANCE);
    assertEquals(0.3f, SoftTargets.mix(1f, 0.3f, 0f), TOLERANCE);
  }

  @Test
  void addedPairTargetFollowsMode() {
    // y = 0, so the mixed target is (1 − 0.5) · 0.9 = 0.45.
    assertEquals(0.45f, SoftTargets.added(0.9f, 0.5f, AddedPairTarget.MIXED), TOLERANCE);
    assertEquals(0.9f, SoftTargets.added(0.9f, 0.5f, AddedPairTarget.TEACHER), TOLERANCE);
  }

  @Test
  void linearCalibrationMapsCosineOntoUnitInterval() {
    assertEquals(0f, TeacherCalibration.LINEAR.probability(-1f, 1f, 0f), TOLERANCE);
    assertEquals(0.5f, TeacherCalibration.LINEAR.probability(0f, 1f, 0f), TOLERANCE);
    assertEquals(0.8f, TeacherCalibration.LINEAR.probability(0.6f, 1f, 0f), TOLERANCE);
    assertEquals(1f, TeacherCalibration.LINEAR.probability(1f, 1f, 0f), TOLERANCE);
  }

  @Test
  void sigmoidCalibrationUsesScaleAndShift() {
    // σ(5 · 0.2 − 1) = σ(0) = 0.5
    assertEquals(0.5f, TeacherCalibration.SIGMOID.probability(0.2f, 5f, -1f), TOLERANCE);
    // σ(2 · 1 + 0) = 1 / (1 + e^-2) = 0.880797
    assertEquals(0.880797f, TeacherCalibration.SIGMOID.probability(1f, 2f, 0f), TOLERANCE);
  }
}
