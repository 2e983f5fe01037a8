package io.leverxc.bench;

import java.util.Arrays;

/**
 * Collects latencies in nanoseconds and reports exact percentiles (nearest rank). Keeps every
 * sample, so memory is 8 bytes per request; benchmarks bound their duration. Not thread-safe:
 * give each thread its own recorder and {@link #merge} them.
 */
public final class LatencyRecorder {
  private static final int INITIAL_CAPACITY = 1 << 14;

  private long[] samples = new long[INITIAL_CAPACITY];
  private int count;
  private boolean sorted = true;

  public void record(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, samples.length * 2);
    }
    samples[count++] = nanos;
    sorted = false;
  }

  /** Adds every sample of {@code other}. */
  public void merge(LatencyRecorder other) {
    for (int i = 0; i < other.count; i++) {
      record(other.samples[i]);
    }
  }

  public int count() {
    return count;
  }

  /**
   * Returns the nearest-rank percentile in nanoseconds: the smallest sample that at least
   * {@code percent}% of samples do not exceed; 0 when there are no samples.
   *
   * @param percent in (0, 100]
   */
  public long percentile(double percent) {
    if (percent <= 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
    }
    if (count == 0) {
      return 0;
    }
    sort();
    int rank = (int) Math.ceil(percent / 100.0 * count);
    return samples[Math.max(rank, 1) - 1];
  }

  public long max() {
    if (count == 0) {
      return 0;
    }
    sort();
    return samples[count - 1];
  }

  private void sort() {
    if (!sorted) {
      Arrays.sort(samples, 0, count);
      sorted = true;
    }
  }
}
