package io.leverxc.parallel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fixed number of workers that run a loop over {@code [0, count)}, each on one contiguous range.
 * The ranges depend only on the count and the number of workers, so per-worker results can be
 * combined in a fixed order and a result need not depend on the thread count. The calling thread
 * works on range 0, so with one worker no other thread exists.
 */
public final class RangeWorkers implements AutoCloseable {

  /** The body of a loop over one range; {@code worker} indexes per-worker scratch state. */
  @FunctionalInterface
  public interface RangeTask {
    void run(int worker, int from, int to);
  }

  private final int workers;
  private final ExecutorService pool;

  /**
   * Starts {@code workers - 1} daemon threads named {@code threadNamePrefix-N}.
   *
   * @throws IllegalArgumentException if {@code workers} is below 1
   */
  public RangeWorkers(int workers, String threadNamePrefix) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.workers = workers;
    this.pool = workers == 1
        ? null
        : Executors.newFixedThreadPool(workers - 1, Thread.ofPlatform().name(threadNamePrefix + "-", 1).daemon().factory());
  }

  /**
   * Runs {@code task} over {@code [0, count)} on {@code workers} workers started for this call alone.
   *
   * @throws RuntimeException or Error as thrown by a worker
   */
  public static void run(int workers, String threadNamePrefix, int count, RangeTask task) {
    try (RangeWorkers pool = new RangeWorkers(workers, threadNamePrefix)) {
      pool.forEachRange(count, task);
    }
  }

  public int workers() {
    return workers;
  }

  /**
   * Runs {@code task} over {@code [0, count)}, one range per worker, and returns when every range is
   * done. A count below the number of workers runs as one range on the calling thread.
   *
   * @throws RuntimeException or Error as thrown by a worker, unchanged
   */
  public void forEachRange(int count, RangeTask task) {
    if (pool == null || count < workers) {
      task.run(0, 0, count);
      return;
    }
    List<Future<?>> futures = new ArrayList<>(workers - 1);
    for (int worker = 1; worker < workers; worker++) {
      int from = start(count, worker);
      int to = start(count, worker + 1);
      int index = worker;
      futures.add(pool.submit(() -> task.run(index, from, to)));
    }
    task.run(0, 0, start(count, 1));
    for (Future<?> future : futures) {
      try {
        future.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a worker thread", e);
      } catch (ExecutionException e) {
        throw unchecked(e.getCause(), "a worker thread failed");
      }
    }
  }

  private int start(int count, int worker) {
    return (int) ((long) count * worker / workers);
  }

  /**
   * Returns the failure of a task run on another thread, for the caller to throw: a runtime
   * exception as it is, so that callers see the worker's own exception type and message, and a
   * checked one wrapped with {@code failure} as the message prefix.
   *
   * @throws Error if {@code cause} is one, since an error must not be wrapped
   */
  public static RuntimeException unchecked(Throwable cause, String failure) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(failure + ": " + cause, cause);
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
