package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void parallelStreamsStayOnTheGivenThreads() {
    Set<String> threadNames = ConcurrentHashMap.newKeySet();

    int sum = Parallel.within(1, () -> IntStream.range(0, 10_000).parallel()
        .map(i -> {
          threadNames.add(Thread.currentThread().getName());
          return i;
        })
        .sum());

    assertEquals(49_995_000, sum);
    assertEquals(1, threadNames.size(), threadNames.toString());
    assertTrue(threadNames.iterator().next().startsWith("lever-train-"), threadNames.toString());
  }

  @Test
  void twoThreadsUseAtMostTwo() {
    Set<String> threadNames = ConcurrentHashMap.newKeySet();

    Parallel.within(2, () -> {
      IntStream.range(0, 10_000).parallel().forEach(i -> threadNames.add(Thread.currentThread().getName()));
      return null;
    });

    assertTrue(threadNames.size() <= 2, threadNames.toString());
  }

  @Test
  void failureKeepsItsTypeAndMessage() {
    IllegalArgumentException thrown = new IllegalArgumentException("--data x has no trn_X.txt");

    IllegalArgumentException caught = assertThrows(IllegalArgumentException.class, () -> Parallel.within(1, () -> {
      throw thrown;
    }));

    assertSame(thrown, caught);
  }
}
