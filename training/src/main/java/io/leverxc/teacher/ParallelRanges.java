package io.leverxc.teacher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a loop over {@code [0, count)} on a fixed number of workers, each taking one contiguous
 * range. The split depends only on the count and the worker count, so per-worker results can be
 * combined in a fixed order. The calling thread works on range 0; with one worker no other
 * thread exists.
 */
final class ParallelRanges implements AutoCloseable {

  /** The body of a loop over one range; {@code worker} indexes per-worker scratch state. */
  @FunctionalInterface
  interface RangeTask {
    void run(int worker, int from, int to);
  }

  private final int workers;
  private final ExecutorService pool;

  ParallelRanges(int workers, String threadNamePrefix) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    this.workers = workers;
    if (workers == 1) {
      this.pool = null;
    } else {
      AtomicInteger counter = new AtomicInteger();
      this.pool = Executors.newFixedThreadPool(workers - 1, runnable -> {
        Thread thread = new Thread(runnable, threadNamePrefix + "-" + counter.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
    }
  }

  int workers() {
    return workers;
  }

  /** Runs {@code task} over {@code [0, count)} and returns when every range is done. */
  void run(int count, RangeTask task) {
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
      await(future);
    }
  }

  private int start(int count, int worker) {
    return (int) ((long) count * worker / workers);
  }

  private static void await(Future<?> future) {
    try {
      future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a worker thread", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("worker thread failed", cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
