package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.ann.Neighbors;
import io.leverxc.vector.DenseMatrix;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FusedScorerTest {
  private static final float TOLERANCE = 1e-6f;

  /**
   * Returns the label embeddings of the three-label tests: label 0 at (−1, 0), label 1 at (0, −1)
   * and label 2 at (1, 0), so the query (1, 0) has cosines −1, 0 and 1.
   */
  private static DenseMatrix threeEmbeddings() {
    return new DenseMatrix(3, 2, new float[] {-1, 0, 0, -1, 1, 0});
  }

  /** Returns the classifier weights of the three-label tests: logits 4, 0 and −4 for the query (1, 0). */
  private static DenseMatrix threeWeights() {
    return new DenseMatrix(3, 2, new float[] {4, 0, 0, 1, -4, 0});
  }

  /** Returns one training document at (1, 0), the query itself, labelled with label 1 only. */
  private static DocumentNeighbours oneDocumentVotingForLabelOne() {
    return new DocumentNeighbours(
        new ExactSearcher(new DenseMatrix(1, 2, new float[] {1, 0})),
        new io.leverxc.data.LabelMatrix(1, 3, new int[] {0, 1}, new int[] {1}, new float[] {1}));
  }

  @Test
  void fuseMatchesFormula() {
    // alpha 0.5, σ(0) = 0.5 and σ(2 · 0.5 − 1) = σ(0) = 0.5: 0.5.
    FusionSettings settings = new FusionSettings(0.5f, 2f, -1f, 10, 10);
    assertEquals(0.5f, FusedScorer.fuse(0f, 0.5f, settings), TOLERANCE);
    // alpha 1 keeps the classifier only: σ(2) = 0.880797.
    assertEquals(0.880797f, FusedScorer.fuse(2f, -1f, settings.withWeights(1f, 2f, -1f)), TOLERANCE);
    // alpha 0.25: 0.25 · σ(0) + 0.75 · σ(10 · 1 − 10) = 0.125 + 0.375 = 0.5.
    assertEquals(0.5f, FusedScorer.fuse(0f, 1f, settings.withWeights(0.25f, 10f, -10f)), TOLERANCE);
  }

  @Test
  void topKRanksUnionOfBothShortlists() {
    // Label 0 is only reachable through its classifier, label 2 only through its embedding.
    DenseMatrix embeddings = threeEmbeddings();
    DenseMatrix weights = threeWeights();
    OvaClassifiers classifiers = new OvaClassifiers(weights, new float[] {0f, 0f, 0f});
    FusionSettings settings = new FusionSettings(0.5f, 4f, 0f, 1, 1);
    FusedScorer scorer = new FusedScorer(
        classifiers, embeddings, new ExactSearcher(weights), new ExactSearcher(embeddings), settings);

    FusedScorer.Shortlist shortlist = scorer.shortlist(new float[] {1f, 0f});
    Neighbors top = scorer.topK(new float[] {1f, 0f}, 1);

    // Label 1 is on neither shortlist of size 1.
    assertArrayEquals(new int[] {0, 2}, shortlist.labels());
    // Label 0: 0.5 · σ(4) + 0.5 · σ(−4) = 0.5. Label 2: 0.5 · σ(−4) + 0.5 · σ(4) = 0.5 too, and
    // the tie goes to the smaller id.
    assertArrayEquals(new int[] {0}, top.ids());
    assertEquals(0.5f, top.scores()[0], TOLERANCE);
  }

  @Test
  void biasLiftsLabelIntoShortlist() {
    // Query (1, 0): w · x ranks label 0 first (1 against 0.9), the logits 1 and 0.9 + 5 rank label 1.
    DenseMatrix embeddings = new DenseMatrix(3, 2, new float[] {1, 0, 0, 1, -1, 0});
    DenseMatrix weights = new DenseMatrix(3, 2, new float[] {1, 0, 0.9f, 0, -1, 0});
    OvaClassifiers classifiers = new OvaClassifiers(weights, new float[] {0f, 5f, 0f});
    FusionSettings classifierOnly = new FusionSettings(1f, 4f, 0f, 1, 1);
    FusedScorer withBiases = new FusedScorer(classifiers, embeddings, new ExactSearcher(classifiers.searchVectors()),
        new ExactSearcher(embeddings), classifierOnly);
    FusedScorer bareWeights = new FusedScorer(classifiers, embeddings, new ExactSearcher(weights),
        new ExactSearcher(embeddings), classifierOnly);

    assertArrayEquals(new int[] {1}, withBiases.topK(new float[] {1f, 0f}, 1).ids());
    // Without the biases in the search, label 1 is on neither shortlist of size 1.
    assertArrayEquals(new int[] {0}, bareWeights.topK(new float[] {1f, 0f}, 1).ids());
    assertArrayEquals(new float[] {0.9f, 0f, 5f}, classifiers.searchVectors().row(1), TOLERANCE);
  }

  @Test
  void largeKWidensTheShortlists() {
    DenseMatrix embeddings = threeEmbeddings();
    DenseMatrix weights = threeWeights();
    OvaClassifiers classifiers = new OvaClassifiers(weights, new float[] {0f, 0f, 0f});
    FusionSettings settings = new FusionSettings(0.5f, 4f, 0f, 1, 1);
    FusedScorer scorer = new FusedScorer(
        classifiers, embeddings, new ExactSearcher(weights), new ExactSearcher(embeddings), settings);

    Neighbors top = scorer.topK(new float[] {1f, 0f}, 3);

    // Each graph now yields 3 labels. Label 1: 0.5 · σ(0) + 0.5 · σ(4 · 0) = 0.5, a three-way tie.
    assertArrayEquals(new int[] {0, 1, 2}, top.ids());
    assertEquals(0.5f, top.scores()[1], TOLERANCE);
    assertEquals(4, FusedScorer.searchCount(1, 4));
    assertEquals(10, FusedScorer.searchCount(100, 1));
    assertEquals(10, FusedScorer.searchCount(100, 10));
    assertEquals(30, FusedScorer.searchCount(100, 30));
    assertEquals(8, FusedScorer.searchCount(8, 5));
    assertEquals(100, FusedScorer.searchCount(100, 100));
    assertEquals(1000, FusedScorer.searchCount(100, 1000));
    assertEquals(100, FusedScorer.searchCount(100, 10, 554));
    assertEquals(100, FusedScorer.searchCount(100, 10, FusedScorer.FULL_SHORTLIST_MAX_LABELS));
    assertEquals(10, FusedScorer.searchCount(100, 10, FusedScorer.FULL_SHORTLIST_MAX_LABELS + 1));
    assertEquals(200, FusedScorer.searchCount(100, 200, 554));
    assertEquals(10, FusedScorer.searchCount(100, 10, 15_257));
  }

  @Test
  void documentVoteAddsItsWeightedShare() {
    FusionSettings settings = new FusionSettings(0.5f, 2f, -1f, 10, 10, 0.5f, 5);
    // 0.5 · σ(0) + 0.5 · σ(2 · 0.5 − 1) + 0.5 · 0.4 = 0.5 + 0.2.
    assertEquals(0.7f, FusedScorer.fuse(0f, 0.5f, 0.4f, settings), TOLERANCE);
    assertEquals(0.5f, FusedScorer.fuse(0f, 0.5f, settings), TOLERANCE);
  }

  @Test
  void votedLabelJoinsTheShortlist() {
    // As above, labels 0 and 2 come from the classifier and embedding shortlists of size 1 for k = 1.
    // The one training document, at the query itself, carries label 1 only.
    DenseMatrix embeddings = threeEmbeddings();
    DenseMatrix weights = threeWeights();
    OvaClassifiers classifiers = new OvaClassifiers(weights, new float[] {0f, 0f, 0f});
    DocumentNeighbours neighbours = oneDocumentVotingForLabelOne();
    FusionSettings settings = new FusionSettings(0.5f, 4f, 0f, 1, 1, 0.5f, 1);
    FusedScorer scorer = new FusedScorer(
        classifiers, embeddings, new ExactSearcher(weights), new ExactSearcher(embeddings), neighbours, settings);

    Neighbors top = scorer.topK(new float[] {1f, 0f}, 3);

    // Label 1: 0.5 · σ(0) + 0.5 · σ(0) + 0.5 · 1 = 1; labels 0 and 2 score 0.5 as above.
    assertArrayEquals(new int[] {1, 0, 2}, top.ids());
    assertEquals(1f, top.scores()[0], TOLERANCE);
    assertEquals(0.5f, top.scores()[1], TOLERANCE);
    // Weight 0 leaves the vote out of the ranking, so label 0 wins the three-way tie at 0.5.
    FusedScorer unweighted = new FusedScorer(classifiers, embeddings, new ExactSearcher(weights),
        new ExactSearcher(embeddings), neighbours, settings.withNeighbourWeight(0f));
    assertArrayEquals(new int[] {0}, unweighted.topK(new float[] {1f, 0f}, 1).ids());
    assertArrayEquals(new int[] {1}, scorer.topK(new float[] {1f, 0f}, 1).ids());
  }

  @Test
  void firstSlotChoosesOnlyFirstLabel() {
    // Label 0: logit 4 + bias 2 = 6, cosine −1. Label 1: logit 0, cosine 0, voted for by the one
    // training document. Label 2: logit −4, cosine 1.
    DenseMatrix embeddings = threeEmbeddings();
    DenseMatrix weights = threeWeights();
    OvaClassifiers classifiers = new OvaClassifiers(weights, new float[] {2f, 0f, 0f});
    DocumentNeighbours neighbours = oneDocumentVotingForLabelOne();
    FusionSettings main = new FusionSettings(0.5f, 4f, 0f, 1, 1, 0f, 1);
    FusionSettings first = main.withWeights(0f, 4f, 0f).withNeighbourWeight(0.5f);
    FusedScorer scorer = new FusedScorer(classifiers, embeddings, new ExactSearcher(weights),
        new ExactSearcher(embeddings), neighbours, main, first);

    Neighbors top = scorer.topK(new float[] {1f, 0f}, 3);

    // First slot: label 1 scores σ(0) + 0.5 · 1 = 1, label 2 σ(4) = 0.982, label 0 σ(−4) = 0.018.
    // The rest by the main settings: label 0 0.5 · σ(6) + 0.5 · σ(−4) = 0.507757, label 2 0.5.
    assertArrayEquals(new int[] {1, 0, 2}, top.ids());
    // Label 1's own main score, 0.5, is raised just above the next one, so scores decrease.
    assertEquals(Math.nextUp(top.scores()[1]), top.scores()[0]);
    assertEquals(0.507757f, top.scores()[1], TOLERANCE);
    assertEquals(0.5f, top.scores()[2], TOLERANCE);
    Neighbors topOne = scorer.topK(new float[] {1f, 0f}, 1);
    assertArrayEquals(new int[] {1}, topOne.ids());
    assertEquals(top.scores()[0], topOne.scores()[0], "the first label's score does not depend on k");
  }

  @Test
  void mismatchedSearcherIsRejected() {
    DenseMatrix embeddings = new DenseMatrix(3, 2, new float[] {1, 0, 0, 1, 1, 0});
    OvaClassifiers classifiers = new OvaClassifiers(embeddings.copy(), new float[3]);
    ExactSearcher tooSmall = new ExactSearcher(new DenseMatrix(2, 2));
    assertThrows(IllegalArgumentException.class, () -> new FusedScorer(
        classifiers, embeddings, tooSmall, new ExactSearcher(embeddings), FusionSettings.defaults()));
  }

  @Test
  void settingsRoundTripThroughMap() {
    FusionSettings settings = new FusionSettings(0.3f, 20f, -8f, 50, 70);
    Map<String, Object> map = settings.toMap();
    assertEquals(settings, FusionSettings.fromMap(map));
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> FusionSettings.fromMap(Map.of("alpha", 0.3f)));
    assertEquals(true, error.getMessage().contains("cosineScale"), error.getMessage());

    FusionSettings withVote = new FusionSettings(0.3f, 20f, -8f, 50, 70, 0.25f, 25);
    assertEquals(withVote, FusionSettings.fromMap(withVote.toMap()));
    // A manifest written before the vote existed has no neighbour entries: no vote.
    Map<String, Object> old = new java.util.HashMap<>(withVote.toMap());
    old.remove("neighbourWeight");
    old.remove("neighbourCount");
    assertEquals(settings, FusionSettings.fromMap(old));
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(1.5f, 10f, 0f, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(0.5f, 0f, 0f, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(0.5f, 10f, Float.NaN, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(0.5f, 10f, 0f, -1, 10));
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(0.5f, 10f, 0f, 10, 10, -0.1f, 5));
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(0.5f, 10f, 0f, 10, 10, Float.NaN, 5));
    assertThrows(IllegalArgumentException.class,
        () -> new FusionSettings(0.5f, 10f, 0f, 10, 10, 1f, FusionSettings.MAX_NEIGHBOUR_COUNT + 1));
  }
}
