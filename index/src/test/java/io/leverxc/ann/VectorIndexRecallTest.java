package io.leverxc.ann;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Recall of the graph backends against brute force on seeded clustered data. */
class VectorIndexRecallTest {
  private static final int ROWS = 3000;
  private static final int DIMENSION = 32;
  private static final int CENTRES = 60;
  private static final double SPREAD = 0.6;
  private static final int QUERIES = 100;
  private static final int K = 10;
  private static final int EF = 64;
  /** Lower bound on mean recall@10. Both backends measured 1.0 with these seeds. */
  private static final double MIN_RECALL = 0.95;

  @ParameterizedTest
  @CsvSource({"HNSWLIB, COSINE", "HNSWLIB, INNER_PRODUCT", "LUCENE, COSINE", "LUCENE, INNER_PRODUCT"})
  void recallAtTenExceedsThreshold(IndexBackend backend, Similarity similarity) {
    GaussianMixture mixture = new GaussianMixture(DIMENSION, CENTRES, SPREAD, 0, 10);
    DenseMatrix vectors = mixture.sample(ROWS, 11);
    DenseMatrix queries = mixture.sample(QUERIES, 12);
    if (similarity == Similarity.INNER_PRODUCT) {
      // Unnormalised rows, as classifier weights are: norms from 0.2 to 3.
      GaussianMixture.scaleRows(vectors, 0.2, 3.0, 12);
    }
    VectorIndex exact =
        VectorIndexes.build(vectors, similarity, IndexSettings.defaults(IndexBackend.EXACT), 1);
    VectorIndex graph =
        VectorIndexes.build(vectors, similarity, new IndexSettings(backend, 16, 100, EF), 2);

    double recall = 0;
    for (int q = 0; q < QUERIES; q++) {
      float[] query = queries.row(q);
      recall += Recall.at(exact.search(query, K).ids(), graph.search(query, K).ids(), K);
    }
    recall /= QUERIES;

    assertTrue(
        recall >= MIN_RECALL,
        backend + " " + similarity + " recall@" + K + " = " + recall + ", expected >= " + MIN_RECALL);
  }
}
