package io.leverxc.serving;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the prediction work in progress: at most {@code maxConcurrent} requests compute at once,
 * at most {@code maxQueued} wait for a slot, and a waiting request gives up after the queue timeout.
 * A request that is turned away gets 503 with Retry-After instead of unbounded latency. Waiting
 * requests get slots in arrival order, so a newcomer never overtakes one that is already waiting,
 * which keeps the tail of the queueing delay short. Thread-safe.
 */
final class AdmissionControl {
  private final Semaphore permits;
  private final int maxQueued;
  private final long queueTimeoutNanos;
  private final AtomicInteger waiting = new AtomicInteger();

  AdmissionControl(int maxConcurrent, int maxQueued, Duration queueTimeout) {
    this.permits = new Semaphore(maxConcurrent, true);
    this.maxQueued = maxQueued;
    this.queueTimeoutNanos = queueTimeout.toNanos();
  }

  /**
   * Takes a slot, waiting in the queue if needed. Returns false when the queue is full or the wait
   * timed out; the caller must then not call {@link #release}.
   */
  boolean tryEnter() throws InterruptedException {
    // The untimed tryAcquire() takes a free slot even while others wait, also on a fair semaphore.
    // The timed form with a zero wait respects the queue.
    if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) {
      return true;
    }
    if (waiting.incrementAndGet() > maxQueued) {
      waiting.decrementAndGet();
      return false;
    }
    try {
      return permits.tryAcquire(queueTimeoutNanos, TimeUnit.NANOSECONDS);
    } finally {
      waiting.decrementAndGet();
    }
  }

  /** Frees a slot taken by a successful {@link #tryEnter}. */
  void release() {
    permits.release();
  }

  /** Requests currently waiting for a slot. */
  int queued() {
    return waiting.get();
  }
}
