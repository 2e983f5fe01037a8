package io.leverxc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  @Test
  void percentilesUseNearestRank() {
    LatencyRecorder recorder = new LatencyRecorder();
    for (long value = 100; value >= 1; value--) {
      recorder.record(value);
    }
    assertEquals(50, recorder.percentile(50));
    assertEquals(90, recorder.percentile(90));
    assertEquals(99, recorder.percentile(99));
    // 99.9% of 100 samples is rank ceil(99.9) = 100.
    assertEquals(100, recorder.percentile(99.9));
    assertEquals(1, recorder.percentile(0.5));
    assertEquals(100, recorder.max());
  }

  @Test
  void mergeAddsSamples() {
    LatencyRecorder first = new LatencyRecorder();
    LatencyRecorder second = new LatencyRecorder();
    first.record(10);
    second.record(30);
    second.record(20);
    first.merge(second);
    assertEquals(3, first.count());
    assertEquals(20, first.percentile(50));
    assertEquals(30, first.max());
  }

  @Test
  void emptyRecorderGivesZero() {
    LatencyRecorder recorder = new LatencyRecorder();
    assertEquals(0, recorder.percentile(99));
    assertEquals(0, recorder.max());
    assertThrows(IllegalArgumentException.class, () -> recorder.percentile(0));
    assertThrows(IllegalArgumentException.class, () -> recorder.percentile(100.1));
  }
}
