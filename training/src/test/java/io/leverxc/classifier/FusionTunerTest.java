package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.DocumentNeighbours;
import io.leverxc.model.FusedScorer;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.vector.DenseMatrix;
import org.junit.jupiter.api.Test;

class FusionTunerTest {
  @Test
  void tunerPrefersTheSourceThatRanksCorrectly() {
    // Three orthogonal labels. Documents sit exactly on their label's embedding, but the
    // classifiers are rotated by one label, so only the cosine part ranks them right.
    DenseMatrix embeddings = new DenseMatrix(3, 3, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    DenseMatrix rotated = new DenseMatrix(3, 3, new float[] {0, 5, 0, 0, 0, 5, 5, 0, 0});
    OvaClassifiers classifiers = new OvaClassifiers(rotated, new float[3]);
    FusionSettings start = new FusionSettings(0.5f, 10f, -5f, 3, 3);
    FusedScorer scorer =
        new FusedScorer(classifiers, embeddings, new ExactSearcher(rotated), new ExactSearcher(embeddings), start);
    LabelMatrix truth = new LabelMatrix(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});

    FusionTuner.Result result = new FusionTuner(TuningObjective.PRECISION_AT_1, new float[] {1, 1, 1})
        .tune(scorer, embeddings, truth);

    assertEquals(1.0, result.precisionAt1(), 1e-9);
    // The first grid point that ranks correctly is alpha 0: the classifiers alone are always wrong.
    assertEquals(0f, result.settings().alpha());
    assertEquals(3, result.settings().classifierShortlist());
  }

  @Test
  void voteWeightedWhenOnlyVoteRanks() {
    // The classifiers are rotated one way and the label embeddings the other, so only the vote of
    // the training document at each validation document's own position is right.
    DenseMatrix documents = new DenseMatrix(3, 3, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    DenseMatrix rotated = new DenseMatrix(3, 3, new float[] {0, 5, 0, 0, 0, 5, 5, 0, 0});
    DenseMatrix embeddings = new DenseMatrix(3, 3, new float[] {0, 0, 1, 1, 0, 0, 0, 1, 0});
    LabelMatrix truth = new LabelMatrix(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
    DocumentNeighbours neighbours = new DocumentNeighbours(new ExactSearcher(documents), truth);
    FusedScorer scorer = new FusedScorer(new OvaClassifiers(rotated, new float[3]), embeddings,
        new ExactSearcher(rotated), new ExactSearcher(embeddings), neighbours,
        new FusionSettings(0.5f, 10f, -5f, 3, 3, 0f, 1));

    FusionTuner.Result result = new FusionTuner(TuningObjective.PRECISION_AT_1, new float[] {1, 1, 1})
        .tune(scorer, documents, truth);

    // Alpha 0, scale 2, crossing 0 come first. There document 0 scores its own label σ(0) + γ = 0.5 + γ
    // and the wrong label 1 σ(2) = 0.8808, so the first vote weight that wins is 0.5.
    assertEquals(1.0, result.precisionAt1(), 1e-9);
    assertEquals(0f, result.settings().alpha());
    assertEquals(2f, result.settings().cosineScale());
    assertEquals(0.5f, result.settings().neighbourWeight());
    assertEquals(1, result.settings().neighbourCount());
    assertEquals(null, result.firstSlot());

    // Any other objective first takes the best-P@1 settings for the first slot: the same point.
    FusionTuner.Result balanced = new FusionTuner(TuningObjective.BALANCED, new float[] {1, 1, 1})
        .tune(scorer, documents, truth);
    assertEquals(0f, balanced.firstSlot().alpha());
    assertEquals(2f, balanced.firstSlot().cosineScale());
    assertEquals(0.5f, balanced.firstSlot().neighbourWeight());
    assertEquals(1.0, balanced.precisionAt1(), 1e-9);
  }

  @Test
  void rankingQualityMatchesHandWorkedValues() {
    // Document 0 has labels {0, 1} and document 1 has label {2}. Inverse propensities are 1, 2, 4, 8.
    LabelMatrix truth = new LabelMatrix(2, 4, new int[] {0, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
    RankingQuality quality = new RankingQuality(truth, new float[] {1f, 2f, 4f, 8f});
    quality.add(0, new int[] {1, 3, 0}, 3);
    quality.add(1, new int[] {3, 0}, 2);

    // P@1: document 0 hits label 1, document 1 misses: 1/2.
    assertEquals(0.5, quality.precisionAt1(), 1e-9);
    // P@5: 2 hits in 2 · 5 positions.
    assertEquals(0.2, quality.precisionAt5(), 1e-9);
    // PSP@5: the hits weigh 2 + 1 = 3 and the best possible ranking 1 + 2 + 4 = 7.
    assertEquals(3.0 / 7.0, quality.pspAt5(), 1e-9);
    // Coverage@5: labels 0 and 1 of the 3 labels with a positive.
    assertEquals(2.0 / 3.0, quality.coverageAt5(), 1e-9);
  }
}
