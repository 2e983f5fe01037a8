package io.leverxc.parallel;

import java.util.Locale;

/**
 * The time left of a run of equal steps (epochs), estimated from the mean time of the steps done,
 * for progress lines that a person watching a long training reads.
 */
public final class RemainingTime {
  private static final long SECONDS_PER_MINUTE = 60;
  private static final long SECONDS_PER_HOUR = 3_600;

  private RemainingTime() {}

  /**
   * Returns "about T left" for {@code done} of {@code total} steps that took {@code elapsedSeconds},
   * or "done" when none is left.
   *
   * @throws IllegalArgumentException if {@code done} is not in [1, total] or the time is negative
   */
  public static String describe(double elapsedSeconds, long done, long total) {
    if (done < 1 || done > total || !(elapsedSeconds >= 0)) {
      throw new IllegalArgumentException(
          "expected 1 <= done <= total and a time of at least 0, got done " + done + " of " + total + " in "
              + elapsedSeconds + " s");
    }
    if (done == total) {
      return "done";
    }
    long seconds = Math.round(elapsedSeconds / done * (total - done));
    return "about " + duration(seconds) + " left";
  }

  /** Returns {@code seconds} as "42 s", "3 min 20 s" or "2 h 05 min". */
  static String duration(long seconds) {
    if (seconds < SECONDS_PER_MINUTE) {
      return seconds + " s";
    }
    if (seconds < SECONDS_PER_HOUR) {
      return String.format(Locale.ROOT, "%d min %02d s", seconds / SECONDS_PER_MINUTE, seconds % SECONDS_PER_MINUTE);
    }
    return String.format(
        Locale.ROOT, "%d h %02d min", seconds / SECONDS_PER_HOUR, (seconds % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
  }
}
