package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.ann.Neighbors;
import io.leverxc.data.LabelMatrix;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sparse classifier term of {@link FusedScorer} and its weight in {@link FusionSettings}. */
class FusedScorerSparseTest {
  private static final float TOLERANCE = 1e-6f;

  /** Label embeddings at (−1, 0), (0, −1) and (1, 0): the query (1, 0) has cosines −1, 0 and 1. */
  private static final DenseMatrix EMBEDDINGS = new DenseMatrix(3, 2, new float[] {-1, 0, 0, -1, 1, 0});
  /** Classifier weights giving the query (1, 0) the logits 4, 0 and −4. */
  private static final DenseMatrix WEIGHTS = new DenseMatrix(3, 2, new float[] {4, 0, 0, 1, -4, 0});
  private static final float[] QUERY = {1f, 0f};
  /** Features 0 and 1 of the query document, with values 0.6 and 0.8. */
  private static final SparseVector FEATURES = SparseVector.of(new int[] {0, 1}, new float[] {0.6f, 0.8f});

  /** Sparse classifiers whose logits for {@link #FEATURES} are −2, 0 and 4 (label 2: 5 · 0.8). */
  private static SparseClassifiers sparse() {
    LabelMatrix weights = new LabelMatrix(3, 4, new int[] {0, 0, 0, 1}, new int[] {1}, new float[] {5f});
    return new SparseClassifiers(weights, new float[] {-2f, 0f, 0f});
  }

  private static FusedScorer scorer(SparseClassifiers sparse, FusionSettings settings, FusionSettings firstSlot) {
    OvaClassifiers classifiers = new OvaClassifiers(WEIGHTS, new float[] {0f, 0f, 0f});
    return new FusedScorer(
        classifiers, EMBEDDINGS, new ExactSearcher(WEIGHTS), new ExactSearcher(EMBEDDINGS), null, sparse, settings,
        firstSlot);
  }

  @Test
  void zeroWeightGivesTheScoresWithoutTheTerm() {
    FusionSettings settings = new FusionSettings(0.7f, 4f, -1f, 3, 3);
    FusionSettings firstSlot = new FusionSettings(0.2f, 10f, 0f, 3, 3);
    Neighbors without = scorer(null, settings, firstSlot).topK(QUERY, QUERY, 3);

    Neighbors with = scorer(sparse(), settings, firstSlot).topK(QUERY, QUERY, FEATURES, 3);

    assertArrayEquals(without.ids(), with.ids());
    for (int i = 0; i < without.size(); i++) {
      assertEquals(Float.floatToIntBits(without.scores()[i]), Float.floatToIntBits(with.scores()[i]), "rank " + i);
    }
  }

  @Test
  void weightedTermCanReorderTheShortlist() {
    // alpha 1 ranks by the classifier alone: σ(4), σ(0), σ(−4) puts label 0 first.
    FusionSettings classifierOnly = new FusionSettings(1f, 4f, 0f, 3, 3);
    assertEquals(0, scorer(sparse(), classifierOnly, null).topK(QUERY, QUERY, FEATURES, 1).ids()[0]);

    // With β = 2, label 2 scores σ(−4) + 2 · σ(4) = 0.017986 + 1.964028 = 1.982014 and label 0
    // scores σ(4) + 2 · σ(−2) = 0.982014 + 0.238406 = 1.220420.
    Neighbors top = scorer(sparse(), classifierOnly.withSparseWeight(2f), null).topK(QUERY, QUERY, FEATURES, 3);

    // Label 1 scores σ(0) + 2 · σ(0) = 1.5, so it too passes label 0.
    assertArrayEquals(new int[] {2, 1, 0}, top.ids());
    assertEquals(1.982014f, top.scores()[0], TOLERANCE);
    assertEquals(1.5f, top.scores()[1], TOLERANCE);
    assertEquals(1.220420f, top.scores()[2], TOLERANCE);
  }

  @Test
  void sparseTopLabelsJoinTheShortlist() {
    // Bias 3 makes label 1 the sparse classifiers' top label, while the one-label searches give
    // label 0 (logit 4) and label 2 (cosine 1).
    SparseClassifiers favoursLabel1 =
        new SparseClassifiers(new LabelMatrix(3, 4, new int[] {0, 0, 0, 0}, new int[0], new float[0]),
            new float[] {0f, 3f, 0f});
    FusionSettings oneEach = new FusionSettings(1f, 4f, 0f, 1, 1).withSparseWeight(2f);
    FusedScorer scorer = scorer(favoursLabel1, oneEach, null);

    assertArrayEquals(new int[] {0, 2, 1}, scorer.shortlist(QUERY, QUERY, FEATURES).labels());
    assertArrayEquals(new int[] {0, 2}, scorer.shortlist(QUERY, QUERY, null).labels());
    // Label 1 scores σ(0) + 2 · σ(3) = 2.405148 and label 0 σ(4) + 2 · σ(0) = 1.982014.
    Neighbors top = scorer.topK(QUERY, QUERY, FEATURES, 1);
    assertArrayEquals(new int[] {1}, top.ids());
    assertEquals(2.405148f, top.scores()[0], TOLERANCE);
    // Without features the term is 0 and adds no label, so label 0 comes first.
    assertArrayEquals(new int[] {0}, scorer.topK(QUERY, QUERY, 1).ids());
  }

  @Test
  void queryWithoutFeaturesLeavesTheTermAtZero() {
    FusionSettings settings = new FusionSettings(1f, 4f, 0f, 3, 3).withSparseWeight(2f);

    FusedScorer.Shortlist shortlist = scorer(sparse(), settings, null).shortlist(QUERY, QUERY, null);

    assertArrayEquals(new float[] {0f, 0f, 0f}, shortlist.sparseProbabilities());
    assertEquals(0, scorer(sparse(), settings, null).topK(QUERY, QUERY, 1).ids()[0]);
  }

  @Test
  void shortlistCarriesSparseProbabilities() {
    FusedScorer.Shortlist shortlist =
        scorer(sparse(), new FusionSettings(0.5f, 4f, 0f, 3, 3), null).shortlist(QUERY, QUERY, FEATURES);

    for (int i = 0; i < shortlist.size(); i++) {
      float expected = Vectors.sigmoid(sparse().logit(shortlist.labels()[i], FEATURES));
      assertEquals(expected, shortlist.sparseProbabilities()[i], "label " + shortlist.labels()[i]);
    }
  }

  @Test
  void weightWithoutSparseClassifiersIsRejected() {
    FusionSettings settings = new FusionSettings(0.5f, 4f, 0f, 3, 3);

    IllegalArgumentException main =
        assertThrows(IllegalArgumentException.class, () -> scorer(null, settings.withSparseWeight(1f), null));
    IllegalArgumentException first =
        assertThrows(IllegalArgumentException.class, () -> scorer(null, settings, settings.withSparseWeight(1f)));
    assertEquals("the fusion settings give the sparse classifiers a weight but the scorer has none", main.getMessage());
    assertEquals(main.getMessage(), first.getMessage());
  }

  @Test
  void sparseLabelCountMustMatch() {
    SparseClassifiers twoLabels =
        new SparseClassifiers(new LabelMatrix(2, 4, new int[] {0, 0, 0}, new int[0], new float[0]), new float[2]);

    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class,
            () -> scorer(twoLabels, new FusionSettings(0.5f, 4f, 0f, 3, 3), null));
    assertEquals("the sparse classifiers cover 2 labels, expected 3", error.getMessage());
  }

  @Test
  void sparseWeightRoundTripsAndDefaultsToZero() {
    FusionSettings settings = new FusionSettings(0.5f, 4f, 0f, 3, 3, 0.25f, 5, 8f);
    assertEquals(settings, FusionSettings.fromMap(settings.toMap()));

    Map<String, Object> older = new java.util.LinkedHashMap<>(settings.toMap());
    older.remove("sparseWeight");
    assertEquals(0f, FusionSettings.fromMap(older).sparseWeight());
    assertEquals(settings.withSparseWeight(0f), FusionSettings.fromMap(older));
  }

  @Test
  void negativeOrInfiniteWeightIsRejected() {
    FusionSettings settings = new FusionSettings(0.5f, 4f, 0f, 3, 3);

    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> settings.withSparseWeight(-1f));
    assertThrows(IllegalArgumentException.class, () -> settings.withSparseWeight(Float.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> settings.withSparseWeight(Float.NaN));
    assertEquals("fusion sparseWeight must be finite and at least 0, got -1.0", negative.getMessage());
  }
}
