package io.leverxc.ann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void tiesGoToSmallerId() {
    TopK top = new TopK(2);
    top.offer(7, 0.5f);
    top.offer(3, 0.5f);
    top.offer(5, 0.5f);
    int[] out = new int[3];

    int count = top.drainIds(out, 1);

    assertEquals(2, count);
    assertArrayEquals(new int[] {0, 3, 5}, out);
    assertEquals(0, top.size());
  }

  /** Scores drawn from a few values, so that ties are common. */
  @Property(tries = 200)
  void drainIdsMatchesSortedOrder(
      @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 7) Integer> scoreLevels,
      @ForAll @IntRange(min = 0, max = 10) int capacity,
      @ForAll @IntRange(min = 0, max = 3) int offset) {
    TopK drained = new TopK(capacity);
    TopK listed = new TopK(capacity);
    List<int[]> entries = new ArrayList<>();
    for (int id = 0; id < scoreLevels.size(); id++) {
      // Ids are offered in a scrambled order, each once.
      int scrambled = (id * 37) % 61;
      float score = scoreLevels.get(id) / 4f;
      drained.offer(scrambled, score);
      listed.offer(scrambled, score);
      entries.add(new int[] {scrambled, scoreLevels.get(id)});
    }
    entries.sort(Comparator.<int[]>comparingInt(entry -> -entry[1]).thenComparingInt(entry -> entry[0]));
    int expectedCount = Math.min(capacity, entries.size());
    int[] expected = new int[offset + expectedCount];
    for (int i = 0; i < expectedCount; i++) {
      expected[offset + i] = entries.get(i)[0];
    }
    int[] out = new int[offset + capacity];

    int count = drained.drainIds(out, offset);

    assertEquals(expectedCount, count);
    assertArrayEquals(expected, java.util.Arrays.copyOf(out, offset + count));
    assertArrayEquals(java.util.Arrays.copyOfRange(expected, offset, offset + count), listed.toNeighbors().ids());
  }
}
