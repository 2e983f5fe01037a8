package io.leverxc.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProgressLogTest {
  private static final long SECOND = 1_000_000_000L;

  private static ProgressLog progress() {
    return new ProgressLog(LoggerFactory.getLogger(ProgressLogTest.class), "top-up, labels", 1_000, 30 * SECOND, 0);
  }

  @Test
  void nothingIsLoggedWithinTheFirstInterval() {
    ProgressLog progress = progress();

    assertNull(progress.lineIfDue(100, 29 * SECOND));
  }

  @Test
  void dueLineGivesShareAndTimeLeft() {
    ProgressLog progress = progress();
    progress.lineIfDue(100, 10 * SECOND);

    // 250 of 1,000 steps in 40 s leaves 750 steps at the same pace: 120 s.
    assertEquals("top-up, labels: 250 of 1,000 (25%), about 2 min 00 s left", progress.lineIfDue(150, 40 * SECOND));
  }

  @Test
  void nextLineWaitsAnotherInterval() {
    ProgressLog progress = progress();
    progress.lineIfDue(250, 40 * SECOND);

    assertNull(progress.lineIfDue(100, 69 * SECOND));
    assertEquals("top-up, labels: 400 of 1,000 (40%), about 1 min 45 s left", progress.lineIfDue(50, 70 * SECOND));
  }

  @Test
  void lineDueAtFirstInterval() {
    ProgressLog progress =
        new ProgressLog(LoggerFactory.getLogger(ProgressLogTest.class), "bootstrap", 100, 30 * SECOND, 1_000 * SECOND);

    // 50 of 100 steps in 30 s leaves 50 steps: 30 s.
    assertEquals("bootstrap: 50 of 100 (50%), about 30 s left", progress.lineIfDue(50, 1_030 * SECOND));
  }

  @Test
  void finishedLoopLogsNoLine() {
    ProgressLog progress = progress();

    assertNull(progress.lineIfDue(1_000, 300 * SECOND));
  }
}
