package io.leverxc.ann;

/** Brute-force {@link VectorIndex}: scores every row, so its results are exact. */
final class ExactIndex implements VectorIndex {
  private final SimilaritySpace space;
  private final IndexSettings settings;

  ExactIndex(SimilaritySpace space, IndexSettings settings) {
    this.space = space;
    this.settings = settings;
  }

  @Override
  public Neighbors search(float[] query, int k, int ef) {
    SearchArguments.check(space.dimension(), query, k, ef);
    float queryNorm = (float) Math.sqrt(DotProducts.dot(query, query));
    TopK top = new TopK(Math.min(k, space.size()));
    for (int row = 0; row < space.size(); row++) {
      top.offer(row, space.score(query, queryNorm, row));
    }
    return top.toNeighbors();
  }

  @Override
  public Similarity similarity() {
    return space.similarity();
  }

  @Override
  public IndexSettings settings() {
    return settings;
  }

  @Override
  public byte[] toBytes() {
    return IndexEnvelope.write(settings, space, new byte[0]);
  }

  @Override
  public int size() {
    return space.size();
  }

  @Override
  public int dimension() {
    return space.dimension();
  }
}
