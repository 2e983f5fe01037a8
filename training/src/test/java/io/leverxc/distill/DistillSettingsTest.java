package io.leverxc.distill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DistillSettingsTest {
  private static DistillSettings with(float lambda, float scale, int cap, float threshold, int topUp, int candidates) {
    return new DistillSettings(
        DistillMode.LEVER, lambda, TeacherCalibration.LINEAR, scale, 0f, true, cap, threshold, topUp, 0.8f,
        AddedPairTarget.MIXED, candidates);
  }

  @Test
  void defaultsFollowReferenceCode() {
    DistillSettings settings = DistillSettings.defaults(DistillMode.LEVER);
    assertEquals(0.5f, settings.lambda());
    assertEquals(3, settings.labelNeighbourCap());
    assertEquals(0.8f, settings.labelThreshold());
    assertEquals(TeacherCalibration.LINEAR, settings.calibration());
    assertEquals(false, settings.mixGroundTruth());
  }

  @Test
  void invalidValuesAreRejectedWithName() {
    IllegalArgumentException lambda = assertThrows(IllegalArgumentException.class, () -> with(1.5f, 5f, 3, 0.8f, 0, 100));
    assertTrue(lambda.getMessage().contains("lambda"), lambda.getMessage());
    IllegalArgumentException scale = assertThrows(IllegalArgumentException.class, () -> with(0.5f, -1f, 3, 0.8f, 0, 100));
    assertTrue(scale.getMessage().contains("sigmoidScale"), scale.getMessage());
    IllegalArgumentException cap = assertThrows(IllegalArgumentException.class, () -> with(0.5f, 5f, -1, 0.8f, 0, 100));
    assertTrue(cap.getMessage().contains("labelNeighbourCap"), cap.getMessage());
    IllegalArgumentException threshold = assertThrows(IllegalArgumentException.class, () -> with(0.5f, 5f, 3, Float.NaN, 0, 100));
    assertTrue(threshold.getMessage().contains("labelThreshold"), threshold.getMessage());
    IllegalArgumentException topUp = assertThrows(IllegalArgumentException.class, () -> with(0.5f, 5f, 3, 0.8f, -2, 100));
    assertTrue(topUp.getMessage().contains("documentTopUpCount"), topUp.getMessage());
    IllegalArgumentException candidates = assertThrows(IllegalArgumentException.class, () -> with(0.5f, 5f, 3, 0.8f, 0, 0));
    assertTrue(candidates.getMessage().contains("candidateCount"), candidates.getMessage());
  }

  @Test
  void toMapListsEverySetting() {
    Map<String, Object> map = DistillSettings.defaults(DistillMode.LEVER).toMap();
    assertEquals(12, map.size());
    assertEquals("LEVER", map.get("mode"));
    assertEquals(0.5f, map.get("lambda"));
    assertEquals(3, map.get("labelNeighbourCap"));
  }

  @Test
  void mapRoundTripKeepsEveryField() {
    DistillSettings custom =
        DistillSettings.defaults(DistillMode.LEVER).withAugmentation(7, 0.6f, 2, 0.9f).withMixGroundTruth(true)
            .withCandidateCount(40);

    assertEquals(custom, DistillSettings.fromMap(custom.toMap(), DistillMode.LEVER));
    assertEquals(DistillMode.NONE, DistillSettings.fromMap(custom.toMap(), DistillMode.NONE).mode());
    assertEquals(DistillSettings.defaults(DistillMode.LABELS), DistillSettings.fromMap(Map.of(), DistillMode.LABELS));
  }

  @Test
  void mapWithWrongTypesRejected() {
    IllegalArgumentException number = assertThrows(
        IllegalArgumentException.class,
        () -> DistillSettings.fromMap(Map.of("labelThreshold", "high"), DistillMode.LEVER));
    assertEquals("distill setting labelThreshold must be a number, found high", number.getMessage());
    IllegalArgumentException name = assertThrows(
        IllegalArgumentException.class,
        () -> DistillSettings.fromMap(Map.of("calibration", "CUBIC"), DistillMode.LEVER));
    assertTrue(name.getMessage().startsWith("distill setting calibration must be one of"), name.getMessage());
  }
}
