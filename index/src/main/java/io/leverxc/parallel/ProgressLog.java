package io.leverxc.parallel;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Progress lines of a long loop whose steps may finish on several threads. It logs at most one line
 * per interval, with the share done and an estimate of the time left, so that a person watching a
 * long run can tell work from a hang. A loop that ends within the first interval logs nothing.
 */
public final class ProgressLog {
  /** Time between two progress lines. */
  public static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Logger log;
  private final String task;
  private final long total;
  private final long intervalNanos;
  private final long startNanos;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong nextLineNanos;

  /**
   * Starts the clock of a loop of {@code total} steps described as {@code task} in its lines, for
   * example "hard-negative search, training rows".
   */
  public ProgressLog(Logger log, String task, long total) {
    this(log, task, total, INTERVAL_NANOS, System.nanoTime());
  }

  ProgressLog(Logger log, String task, long total, long intervalNanos, long startNanos) {
    this.log = log;
    this.task = task;
    this.total = total;
    this.intervalNanos = intervalNanos;
    this.startNanos = startNanos;
    this.nextLineNanos = new AtomicLong(startNanos + intervalNanos);
  }

  /** Counts {@code steps} more steps done and logs a line when one is due; safe from any thread. */
  public void add(long steps) {
    String line = lineIfDue(steps, System.nanoTime());
    if (line != null) {
      log.info(line);
    }
  }

  /**
   * Counts {@code steps} at time {@code nowNanos} and returns the progress line when an interval has
   * passed since the last one, or null. Of threads that find a line due at once, one gets it.
   */
  String lineIfDue(long steps, long nowNanos) {
    long current = done.addAndGet(steps);
    long due = nextLineNanos.get();
    if (nowNanos - due < 0 || current >= total || current <= 0 || !nextLineNanos.compareAndSet(due, nowNanos + intervalNanos)) {
      return null;
    }
    double seconds = (nowNanos - startNanos) / 1e9;
    return String.format(Locale.ROOT, "%s: %,d of %,d (%.0f%%), %s", task, current, total, 100.0 * current / total,
        RemainingTime.describe(seconds, current, total));
  }
}
