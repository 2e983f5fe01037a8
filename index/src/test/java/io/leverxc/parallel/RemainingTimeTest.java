package io.leverxc.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RemainingTimeTest {
  @Test
  void meanStepTimesStepsLeft() {
    assertEquals("about 36 s left", RemainingTime.describe(4.0, 2, 20));
    assertEquals("about 3 min 20 s left", RemainingTime.describe(20.0, 1, 11));
    assertEquals("about 2 h 05 min left", RemainingTime.describe(750.0, 1, 11));
    assertEquals("done", RemainingTime.describe(12.5, 10, 10));
  }

  @Test
  void durationBoundaries() {
    assertEquals("59 s", RemainingTime.duration(59));
    assertEquals("1 min 00 s", RemainingTime.duration(60));
    assertEquals("59 min 59 s", RemainingTime.duration(3_599));
    assertEquals("1 h 00 min", RemainingTime.duration(3_600));
  }

  @Test
  void impossibleProgressIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> RemainingTime.describe(1.0, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> RemainingTime.describe(1.0, 11, 10));
    assertThrows(IllegalArgumentException.class, () -> RemainingTime.describe(Double.NaN, 1, 10));
  }
}
