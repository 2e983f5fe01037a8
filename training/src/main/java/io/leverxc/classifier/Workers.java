package io.leverxc.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed pool of named threads ({@code lever-ova-N}) that splits index ranges into one
 * contiguous chunk per thread. With one thread the work runs on the calling thread.
 */
final class Workers implements AutoCloseable {
  private final int threads;
  private final ExecutorService executor;

  /** One contiguous chunk of an index range, run by one worker. */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  /** One worker's chunk together with the worker's number, for per-thread scratch state. */
  @FunctionalInterface
  interface WorkerTask {
    void run(int worker, int from, int to);
  }

  Workers(int threads) {
    this.threads = threads;
    if (threads == 1) {
      this.executor = null;
    } else {
      AtomicInteger counter = new AtomicInteger();
      this.executor = Executors.newFixedThreadPool(threads, runnable -> {
        Thread thread = new Thread(runnable, "lever-ova-" + counter.getAndIncrement());
        thread.setDaemon(true);
        return thread;
      });
    }
  }

  int threads() {
    return threads;
  }

  void forEachRange(int size, RangeTask task) {
    forEachWorker(size, (worker, from, to) -> task.run(from, to));
  }

  /**
   * Runs {@code task} on {@code [0, size)} split into one chunk per worker and waits for all.
   *
   * @throws IllegalStateException wrapping the first worker failure
   */
  void forEachWorker(int size, WorkerTask task) {
    if (executor == null) {
      task.run(0, 0, size);
      return;
    }
    int chunk = (size + threads - 1) / threads;
    List<Future<?>> futures = new ArrayList<>(threads);
    for (int worker = 0; worker < threads; worker++) {
      int from = Math.min(size, worker * chunk);
      int to = Math.min(size, from + chunk);
      int id = worker;
      futures.add(executor.submit(() -> task.run(id, from, to)));
    }
    for (int worker = 0; worker < futures.size(); worker++) {
      try {
        futures.get(worker).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for worker " + worker, e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("worker " + worker + " failed: " + e.getCause(), e.getCause());
      }
    }
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
