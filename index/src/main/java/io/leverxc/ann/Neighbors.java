package io.leverxc.ann;

/**
 * The result of one nearest-neighbour query: ids and similarity scores, best first.
 *
 * @param ids item ids, best first
 * @param scores similarity of each id (higher is closer), aligned with {@code ids}
 */
public record Neighbors(int[] ids, float[] scores) {
  public Neighbors {
    if (ids.length != scores.length) {
      throw new IllegalArgumentException("ids and scores differ in length");
    }
  }

  public int size() {
    return ids.length;
  }

  /** Returns the first {@code count} neighbours, or all of them when there are fewer. */
  public Neighbors prefix(int count) {
    int size = Math.min(count, ids.length);
    return new Neighbors(java.util.Arrays.copyOf(ids, size), java.util.Arrays.copyOf(scores, size));
  }
}
