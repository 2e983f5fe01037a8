package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TeacherSettingsTest {

  @Test
  void defaultsAreValidAndListedInOrder() {
    TeacherSettings settings = TeacherSettings.defaults();
    assertEquals(256, settings.dimension());
    assertEquals(0.3f, settings.margin());
    assertEquals(
        List.of("dimension", "epochs", "batchSize", "margin", "negativesPerRow", "learningRate", "warmupSteps",
            "gradientClipNorm", "clusterSize", "clusterStartEpoch", "clusterEvery", "labelTextAsDocument",
            "validationEvery", "threads", "seed"),
        List.copyOf(settings.toMap().keySet()));
    assertEquals(settings, settings.toBuilder().build());
  }

  @Test
  void negativesMustFitInBatch() {
    IllegalArgumentException error = assertThrows(
        IllegalArgumentException.class, () -> TeacherSettings.builder().batchSize(4).negativesPerRow(4).build());
    assertEquals("negativesPerRow must be in [1, 3], got 4", error.getMessage());
  }

  @Test
  void nonPositiveLearningRateIsRejected() {
    IllegalArgumentException error = assertThrows(
        IllegalArgumentException.class, () -> TeacherSettings.builder().learningRate(0f).build());
    assertTrue(error.getMessage().startsWith("learningRate must be a positive finite number"), error.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TeacherSettings.builder().learningRate(Float.NaN).build());
  }

  @Test
  void marginOutsideCosineRangeIsRejected() {
    IllegalArgumentException error = assertThrows(
        IllegalArgumentException.class, () -> TeacherSettings.builder().margin(2.5f).build());
    assertTrue(error.getMessage().contains("margin must be in [0, 2]"), error.getMessage());
  }

  @Test
  void zeroThreadsIsRejected() {
    IllegalArgumentException error = assertThrows(
        IllegalArgumentException.class, () -> TeacherSettings.builder().threads(0).build());
    assertEquals("threads must be in [1, 1024], got 0", error.getMessage());
  }
}
