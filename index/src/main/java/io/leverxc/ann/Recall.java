package io.leverxc.ann;

import java.util.HashSet;
import java.util.Set;

/** Recall of an approximate result list against the exact one. */
public final class Recall {
  private Recall() {}

  /**
   * Returns the fraction of the first {@code k} exact ids that appear among the first {@code k}
   * approximate ids. When fewer than {@code k} exact ids exist, it divides by their number, and it
   * returns 1 when there are none.
   */
  public static double at(int[] exact, int[] approximate, int k) {
    int truthCount = Math.min(k, exact.length);
    if (truthCount == 0) {
      return 1.0;
    }
    int approximateCount = Math.min(k, approximate.length);
    Set<Integer> found = new HashSet<>(approximateCount * 2);
    for (int i = 0; i < approximateCount; i++) {
      found.add(approximate[i]);
    }
    int hits = 0;
    for (int i = 0; i < truthCount; i++) {
      if (found.contains(exact[i])) {
        hits++;
      }
    }
    return (double) hits / truthCount;
  }
}
