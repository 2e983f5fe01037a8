package io.leverxc.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class RangeWorkersTest {

  @Test
  void everyIndexRunsOnceOnItsWorker() {
    AtomicIntegerArray visits = new AtomicIntegerArray(10);
    AtomicIntegerArray workerOf = new AtomicIntegerArray(10);
    try (RangeWorkers workers = new RangeWorkers(3, "test")) {
      workers.forEachRange(10, (worker, from, to) -> {
        for (int i = from; i < to; i++) {
          visits.incrementAndGet(i);
          workerOf.set(i, worker);
        }
      });
    }
    // 10 split over 3 workers: [0, 3), [3, 6), [6, 10).
    int[] expectedWorker = {0, 0, 0, 1, 1, 1, 2, 2, 2, 2};
    for (int i = 0; i < 10; i++) {
      assertEquals(1, visits.get(i), "index " + i);
      assertEquals(expectedWorker[i], workerOf.get(i), "worker of index " + i);
    }
  }

  @Test
  void asManyItemsAsWorkersGiveOneEach() {
    AtomicIntegerArray workerOf = new AtomicIntegerArray(3);
    try (RangeWorkers workers = new RangeWorkers(3, "test")) {
      assertEquals(3, workers.workers());
      workers.forEachRange(3, (worker, from, to) -> {
        assertEquals(from + 1, to);
        workerOf.set(from, worker);
      });
    }
    assertEquals(0, workerOf.get(0));
    assertEquals(1, workerOf.get(1));
    assertEquals(2, workerOf.get(2));
  }

  @Test
  void workerCountBelowOneIsRejected() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new RangeWorkers(0, "test"));
    assertEquals("workers must be at least 1, got 0", error.getMessage());
    try (RangeWorkers single = new RangeWorkers(1, "test")) {
      assertEquals(1, single.workers());
    }
  }

  @Test
  void fewerItemsThanWorkersRunAsOneRange() {
    AtomicIntegerArray calls = new AtomicIntegerArray(3);
    RangeWorkers.run(3, "test", 2, (worker, from, to) -> {
      assertEquals(0, from);
      assertEquals(2, to);
      calls.incrementAndGet(worker);
    });
    assertEquals(1, calls.get(0));
    assertEquals(0, calls.get(1));
    assertEquals(0, calls.get(2));
  }

  @Test
  void workerFailureReachesCallerUnchanged() {
    try (RangeWorkers workers = new RangeWorkers(2, "test")) {
      IllegalStateException error = assertThrows(IllegalStateException.class, () -> workers.forEachRange(4, (worker, from, to) -> {
        if (worker == 1) {
          throw new IllegalStateException("worker 1 failed");
        }
      }));
      assertEquals("worker 1 failed", error.getMessage());
    }
  }

  @Test
  void checkedCauseIsWrappedAndErrorRethrown() {
    IOException io = new IOException("disk full");
    RuntimeException wrapped = RangeWorkers.unchecked(io, "a worker thread failed");
    assertEquals("a worker thread failed: java.io.IOException: disk full", wrapped.getMessage());
    assertSame(io, wrapped.getCause());

    IllegalArgumentException runtime = new IllegalArgumentException("bad");
    assertSame(runtime, RangeWorkers.unchecked(runtime, "ignored"));

    OutOfMemoryError error = new OutOfMemoryError("heap");
    assertSame(error, assertThrows(OutOfMemoryError.class, () -> RangeWorkers.unchecked(error, "ignored")));
  }
}
