package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.FusedScorer;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.vector.DenseMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTunerNearTest {
  private static final float[] VOTE_WEIGHTS = {0f, 0.1f, 0.25f, 0.5f, 1f, 2f, 4f};

  @Test
  void neighbourhoodSpansOneGridStepEachWay() {
    FusionSettings base = new FusionSettings(0.5f, 10f, -5f, 7, 9, 0f, 25);
    // Alpha 0.1, scale 5, crossing cosine 2/5 = 0.4, vote weight 2.
    FusionSettings centre = new FusionSettings(0.1f, 5f, -2f, 100, 100, 2f, 25);

    List<FusionSettings> points = FusionTuner.neighbourhood(base, centre, VOTE_WEIGHTS);

    assertEquals(81, points.size());
    FusionSettings first = points.get(0);
    assertEquals(0f, first.alpha());
    assertEquals(2f, first.cosineScale());
    assertEquals(-0.2f * 2f, first.cosineShift(), 1e-6);
    assertEquals(1f, first.neighbourWeight());
    // Shortlist sizes and vote count come from the base settings, not the centre.
    assertEquals(7, first.classifierShortlist());
    assertEquals(9, first.embeddingShortlist());
    assertEquals(25, first.neighbourCount());
    FusionSettings last = points.get(80);
    assertEquals(0.2f, last.alpha());
    assertEquals(10f, last.cosineScale());
    assertEquals(-0.6f * 10f, last.cosineShift(), 1e-5);
    assertEquals(4f, last.neighbourWeight());
  }

  @Test
  void neighbourhoodClipsAtGridEnds() {
    FusionSettings base = FusionSettings.defaults();
    // Alpha 1 and scale 40 are the last grid values and crossing 0 the first. 0.27 is nearest 0.3.
    FusionSettings atEnds = new FusionSettings(1f, 40f, 0f, 100, 100, 0f, 0);
    FusionSettings between = new FusionSettings(0.27f, 40f, 0f, 100, 100, 0f, 0);

    List<FusionSettings> clipped = FusionTuner.neighbourhood(base, atEnds, new float[] {0f});
    List<FusionSettings> inner = FusionTuner.neighbourhood(base, between, new float[] {0f});

    // Alphas 0.9 and 1, scales 20 and 40, crossings 0 and 0.2, vote weight 0 only.
    assertEquals(8, clipped.size());
    assertEquals(0.9f, clipped.get(0).alpha());
    assertEquals(20f, clipped.get(0).cosineScale());
    assertEquals(0f, clipped.get(0).cosineShift());
    assertEquals(1f, clipped.get(7).alpha());
    assertEquals(12, inner.size());
    assertEquals(0.2f, inner.get(0).alpha());
    assertEquals(0.4f, inner.get(11).alpha());
  }

  @Test
  void tuneNearFindsOptimumInNeighbourhood() {
    // Three orthogonal labels. The classifiers are rotated by one label, so only alpha 0 (the
    // cosine alone) ranks every document's own label first.
    DenseMatrix embeddings = new DenseMatrix(3, 3, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    DenseMatrix rotated = new DenseMatrix(3, 3, new float[] {0, 5, 0, 0, 0, 5, 5, 0, 0});
    FusedScorer scorer = scorer(embeddings, rotated);
    LabelMatrix truth = new LabelMatrix(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
    FusionTuner tuner = new FusionTuner(TuningObjective.PRECISION_AT_1, new float[] {1, 1, 1});

    FusionTuner.Result near = tuner.tuneNear(
        scorer, embeddings, embeddings, truth, new FusionSettings(0.1f, 10f, -4f, 3, 3), null);

    assertEquals(1.0, near.precisionAt1(), 1e-9);
    assertEquals(0f, near.settings().alpha());
    assertEquals(5f, near.settings().cosineScale());
    assertNull(near.firstSlot());
  }

  @Test
  void tuneNearSearchesOnlyNeighbourhood() {
    // As above, but centred at alpha 0.9. For document 0 label 2 then scores at least
    // 0.8 · σ(5) = 0.795 against at most 0.8 · σ(0) + 0.2 = 0.6 for label 0, so every point near
    // the centre ranks a wrong label first, while the whole grid reaches P@1 1 at alpha 0.
    DenseMatrix embeddings = new DenseMatrix(3, 3, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    DenseMatrix rotated = new DenseMatrix(3, 3, new float[] {0, 5, 0, 0, 0, 5, 5, 0, 0});
    FusedScorer scorer = scorer(embeddings, rotated);
    LabelMatrix truth = new LabelMatrix(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
    FusionTuner tuner = new FusionTuner(TuningObjective.PRECISION_AT_1, new float[] {1, 1, 1});
    FusionSettings centre = new FusionSettings(0.9f, 10f, -4f, 3, 3);

    FusionTuner.Result near = tuner.tuneNear(scorer, embeddings, embeddings, truth, centre, null);
    FusionTuner.Result full = tuner.tune(scorer, embeddings, embeddings, truth);

    assertEquals(0.0, near.precisionAt1(), 1e-9);
    // Every point ties at 0, so the first in grid order wins.
    assertEquals(0.8f, near.settings().alpha());
    assertEquals(5f, near.settings().cosineScale());
    assertEquals(1.0, full.precisionAt1(), 1e-9);
  }

  @Test
  void firstSlotCentredOnPrevious() {
    DenseMatrix embeddings = new DenseMatrix(3, 3, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    DenseMatrix rotated = new DenseMatrix(3, 3, new float[] {0, 5, 0, 0, 0, 5, 5, 0, 0});
    FusedScorer scorer = scorer(embeddings, rotated);
    LabelMatrix truth = new LabelMatrix(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
    FusionTuner tuner = new FusionTuner(TuningObjective.BALANCED, new float[] {1, 1, 1});

    // The main settings are centred where every point fails, the first slot where alpha 0 is near.
    FusionTuner.Result result = tuner.tuneNear(
        scorer, embeddings, embeddings, truth, new FusionSettings(0.9f, 10f, -4f, 3, 3),
        new FusionSettings(0.1f, 10f, -4f, 3, 3));

    assertEquals(0f, result.firstSlot().alpha());
    // The first slot alone puts the right label first for every document.
    assertEquals(1.0, result.precisionAt1(), 1e-9);
  }

  private static FusedScorer scorer(DenseMatrix embeddings, DenseMatrix classifierWeights) {
    OvaClassifiers classifiers = new OvaClassifiers(classifierWeights, new float[3]);
    return new FusedScorer(
        classifiers, embeddings, new ExactSearcher(classifierWeights), new ExactSearcher(embeddings),
        new FusionSettings(0.5f, 10f, -5f, 3, 3));
  }
}
