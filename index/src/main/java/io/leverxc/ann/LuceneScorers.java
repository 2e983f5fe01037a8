package io.leverxc.ann;

import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.apache.lucene.util.hnsw.UpdateableRandomVectorScorer;

/**
 * Lucene vector scorers over a {@link SimilaritySpace}. Scores are {@code (1 + similarity) / 2},
 * in [0, 1], the same mapping Lucene's own DOT_PRODUCT similarity uses, so the graph code sees
 * the non-negative scores it is written for.
 */
final class LuceneScorers {
  private LuceneScorers() {}

  static float toLuceneScore(float similarity) {
    return (1f + similarity) * 0.5f;
  }

  /** Scores rows against other rows while the graph is built. Stateless, so copies share it. */
  static final class RowSupplier implements RandomVectorScorerSupplier {
    private final SimilaritySpace space;

    RowSupplier(SimilaritySpace space) {
      this.space = space;
    }

    @Override
    public UpdateableRandomVectorScorer scorer() {
      return new RowScorer(space);
    }

    @Override
    public RandomVectorScorerSupplier copy() {
      return this;
    }
  }

  /** Scores rows against one row chosen by {@link #setScoringOrdinal}. Not thread-safe. */
  private static final class RowScorer implements UpdateableRandomVectorScorer {
    private final SimilaritySpace space;
    private int scoringRow = -1;

    RowScorer(SimilaritySpace space) {
      this.space = space;
    }

    @Override
    public void setScoringOrdinal(int row) {
      scoringRow = row;
    }

    @Override
    public float score(int row) {
      return toLuceneScore(space.rowSimilarity(scoringRow, row));
    }

    @Override
    public int maxOrd() {
      return space.size();
    }
  }

  /** Scores rows against one prepared query. */
  static final class QueryScorer implements RandomVectorScorer {
    private final SimilaritySpace space;
    private final float[] preparedQuery;

    QueryScorer(SimilaritySpace space, float[] preparedQuery) {
      this.space = space;
      this.preparedQuery = preparedQuery;
    }

    @Override
    public float score(int row) {
      return toLuceneScore(space.querySimilarity(preparedQuery, row));
    }

    @Override
    public int maxOrd() {
      return space.size();
    }
  }
}
