package io.leverxc.serving;

import java.util.concurrent.atomic.LongAdder;

/**
 * A cumulative latency histogram with fixed bucket bounds, in the Prometheus layout (each bucket
 * counts observations at or below its bound). Thread-safe and lock-free.
 */
final class LatencyHistogram {
  /** Bucket upper bounds in seconds, from 100 µs to 10 s, dense around the 1 ms target. */
  static final double[] BOUNDS_SECONDS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10
  };

  private final LongAdder[] buckets = new LongAdder[BOUNDS_SECONDS.length];
  private final LongAdder count = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();

  LatencyHistogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  void record(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
      if (seconds <= BOUNDS_SECONDS[i]) {
        buckets[i].increment();
        break;
      }
    }
    count.increment();
    sumNanos.add(nanos);
  }

  /** Observations at or below bucket {@code index}'s bound (cumulative, as Prometheus expects). */
  long cumulativeCount(int index) {
    long total = 0;
    for (int i = 0; i <= index; i++) {
      total += buckets[i].sum();
    }
    return total;
  }

  long count() {
    return count.sum();
  }

  double sumSeconds() {
    return sumNanos.sum() / 1e9;
  }
}
