package io.leverxc.ann;

import com.github.jelmerk.hnswlib.core.DistanceFunction;

/**
 * hnswlib distance {@code 1 - similarity} over a {@link SimilaritySpace}. The space is not
 * serialised with the graph; {@link HnswlibIndex} attaches it again after loading.
 */
final class HnswlibDistance implements DistanceFunction<HnswlibRow, Float> {
  private static final long serialVersionUID = 1L;

  private transient SimilaritySpace space;

  HnswlibDistance(SimilaritySpace space) {
    this.space = space;
  }

  void attach(SimilaritySpace newSpace) {
    this.space = newSpace;
  }

  @Override
  public Float distance(HnswlibRow u, HnswlibRow v) {
    float similarity;
    if (u.query != null) {
      similarity = space.querySimilarity(u.query, v.row);
    } else if (v.query != null) {
      similarity = space.querySimilarity(v.query, u.row);
    } else {
      similarity = space.rowSimilarity(u.row, v.row);
    }
    return 1f - similarity;
  }
}
