package io.leverxc.ann;

/**
 * Keeps the {@code k} highest-scoring ids seen so far in a bounded min-heap. Ties are broken in
 * favour of the smaller id, so results are deterministic. Not thread-safe.
 */
public final class TopK {
  private final int capacity;
  private final int[] ids;
  private final float[] scores;
  private int size;

  public TopK(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
    }
    this.capacity = capacity;
    this.ids = new int[capacity];
    this.scores = new float[capacity];
  }

  /** Removes every entry, keeping the capacity. */
  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Offers one candidate; it is kept if it beats the worst of the current top k. */
  public void offer(int id, float score) {
    if (capacity == 0) {
      return;
    }
    if (size < capacity) {
      ids[size] = id;
      scores[size] = score;
      siftUp(size++);
    } else if (worse(ids[0], scores[0], id, score)) {
      ids[0] = id;
      scores[0] = score;
      siftDown(0);
    }
  }

  /** Lowest score currently kept, or negative infinity while fewer than k are kept. */
  public float threshold() {
    return size < capacity ? Float.NEGATIVE_INFINITY : scores[0];
  }

  // True if (idA, scoreA) ranks below (idB, scoreB).
  private static boolean worse(int idA, float scoreA, int idB, float scoreB) {
    return scoreA < scoreB || (scoreA == scoreB && idA > idB);
  }

  private void siftUp(int index) {
    while (index > 0) {
      int parent = (index - 1) >>> 1;
      if (worse(ids[index], scores[index], ids[parent], scores[parent])) {
        swap(index, parent);
        index = parent;
      } else {
        return;
      }
    }
  }

  private void siftDown(int index) {
    while (true) {
      int left = 2 * index + 1;
      if (left >= size) {
        return;
      }
      int right = left + 1;
      int smallest = left;
      if (right < size && worse(ids[right], scores[right], ids[left], scores[left])) {
        smallest = right;
      }
      if (worse(ids[smallest], scores[smallest], ids[index], scores[index])) {
        swap(index, smallest);
        index = smallest;
      } else {
        return;
      }
    }
  }

  private void swap(int a, int b) {
    int id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
    float score = scores[a];
    scores[a] = scores[b];
    scores[b] = score;
  }

  /**
   * Writes the kept ids best first into {@code out} from {@code offset} on, returns how many there
   * were, and leaves this heap empty. Unlike {@link #toNeighbors()} it allocates nothing, for loops
   * that rank many short lists.
   *
   * @throws ArrayIndexOutOfBoundsException if {@code out} has fewer than {@link #size()} places
   *     from {@code offset}
   */
  public int drainIds(int[] out, int offset) {
    int count = size;
    for (int i = count - 1; i >= 0; i--) {
      out[offset + i] = ids[0];
      size--;
      ids[0] = ids[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    return count;
  }

  /** Returns the kept entries best first and leaves this heap empty. */
  public Neighbors toNeighbors() {
    int count = size;
    int[] outIds = new int[count];
    float[] outScores = new float[count];
    for (int i = count - 1; i >= 0; i--) {
      outIds[i] = ids[0];
      outScores[i] = scores[0];
      size--;
      ids[0] = ids[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    return new Neighbors(outIds, outScores);
  }
}
