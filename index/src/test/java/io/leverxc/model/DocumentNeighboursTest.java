package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.api.Test;

class DocumentNeighboursTest {
  private static final float TOLERANCE = 1e-6f;

  /** Four unit documents: d0 = (1, 0) with labels {0, 1}, d1 = (0.6, 0.8) with {1}, d2 = (0, 1) with {2}, d3 = (−1, 0) with {3}. */
  private static DocumentNeighbours fourDocuments() {
    DenseMatrix embeddings = new DenseMatrix(4, 2, new float[] {1, 0, 0.6f, 0.8f, 0, 1, -1, 0});
    LabelMatrix labels =
        new LabelMatrix(4, 4, new int[] {0, 2, 3, 4, 5}, new int[] {0, 1, 1, 2, 3}, new float[] {1, 1, 1, 1, 1});
    return new DocumentNeighbours(new ExactSearcher(embeddings), labels);
  }

  @Test
  void votesAreSimilarityWeightedShares() {
    DocumentNeighbours.Votes votes = fourDocuments().vote(new float[] {1, 0}, 2);

    // Neighbours d0 (cosine 1) and d1 (0.6): weights 1 and 0.6^4 = 0.1296, total 1.1296.
    // Label 0 is on d0 only: 1 / 1.1296. Label 1 is on both: 1.
    assertArrayEquals(new int[] {0, 1}, votes.labels());
    assertEquals(1f / 1.1296f, votes.votes()[0], TOLERANCE);
    assertEquals(1f, votes.votes()[1], TOLERANCE);
  }

  @Test
  void nonPositiveCosinesDoNotVote() {
    DocumentNeighbours neighbours = fourDocuments();
    // The third neighbour of (1, 0) is d2 at cosine 0: it adds no label.
    assertArrayEquals(new int[] {0, 1}, neighbours.vote(new float[] {1, 0}, 3).labels());
    // Every document is at cosine 0 or below (0, −0.8, −1, 0) of (0, −1): no vote at all.
    assertEquals(0, neighbours.vote(new float[] {0, -1}, 4).size());
    assertEquals(0, neighbours.vote(new float[] {1, 0}, 0).size());
  }

  @Test
  void moreNeighboursThanDocumentsUsesThemAll() {
    DocumentNeighbours.Votes votes = fourDocuments().vote(new float[] {0.6f, 0.8f}, 10);
    // Cosines: d0 0.6, d1 1, d2 0.8, d3 −0.6. Weights 0.1296, 1, 0.4096; total 1.5392.
    // Order first met follows the neighbour ranking: d1 {1}, d2 {2}, d0 {0, 1}.
    assertArrayEquals(new int[] {1, 2, 0}, votes.labels());
    assertEquals((1f + 0.1296f) / 1.5392f, votes.votes()[0], TOLERANCE);
    assertEquals(0.4096f / 1.5392f, votes.votes()[1], TOLERANCE);
    assertEquals(0.1296f / 1.5392f, votes.votes()[2], TOLERANCE);
  }

  @Test
  void searcherAndLabelsMustAgreeOnDocuments() {
    DenseMatrix embeddings = new DenseMatrix(2, 2, new float[] {1, 0, 0, 1});
    LabelMatrix oneRow = new LabelMatrix(1, 3, new int[] {0, 1}, new int[] {0}, new float[] {1});
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> new DocumentNeighbours(new ExactSearcher(embeddings), oneRow));
    assertEquals("the document searcher indexes 2 documents but the document labels have 1 rows", error.getMessage());
  }
}
