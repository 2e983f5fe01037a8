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
    DenseMatrix embeddings = new DenseMatrix(3, 2, new float[] {-1, 0, 0, -1, 1, 0});
    DenseMatrix weights = new DenseMatrix(3, 2, new float[] {4, 0, 0, 1, -4, 0});
    OvaClassifiers classifiers = new OvaClassifiers(weights, new float[] {0f, 0f, 0f});
    FusionSettings settings = new FusionSettings(0.5f, 4f, 0f, 1, 1);
    FusedScorer scorer = new FusedScorer(
        classifiers, embeddings, new ExactSearcher(weights), new ExactSearcher(embeddings), settings);

    Neighbors top = scorer.topK(new float[] {1f, 0f}, 3);

    // Label 0: 0.5 · σ(4) + 0.5 · σ(−4) = 0.5. Label 2: 0.5 · σ(−4) + 0.5 · σ(4) = 0.5 too, and
    // the tie goes to the smaller id. Label 1 is on neither shortlist.
    assertArrayEquals(new int[] {0, 2}, top.ids());
    assertEquals(0.5f, top.scores()[0], TOLERANCE);
    assertEquals(0.5f, top.scores()[1], TOLERANCE);
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
  }

  @Test
  void invalidSettingsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(1.5f, 10f, 0f, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(0.5f, 0f, 0f, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(0.5f, 10f, Float.NaN, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new FusionSettings(0.5f, 10f, 0f, -1, 10));
  }
}
