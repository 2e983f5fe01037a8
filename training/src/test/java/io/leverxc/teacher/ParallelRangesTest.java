package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelRangesTest {

  @Test
  void everyIndexRunsOnceOnItsWorker() {
    AtomicIntegerArray visits = new AtomicIntegerArray(10);
    AtomicIntegerArray workerOf = new AtomicIntegerArray(10);
    try (ParallelRanges parallel = new ParallelRanges(3, "test")) {
      parallel.run(10, (worker, from, to) -> {
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
  void workerFailureReachesCaller() {
    try (ParallelRanges parallel = new ParallelRanges(2, "test")) {
      IllegalStateException error = assertThrows(IllegalStateException.class, () -> parallel.run(4, (worker, from, to) -> {
        if (worker == 1) {
          throw new IllegalStateException("worker 1 failed");
        }
      }));
      assertEquals("worker 1 failed", error.getMessage());
    }
  }
}
