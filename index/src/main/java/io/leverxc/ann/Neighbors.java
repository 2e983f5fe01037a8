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
}
