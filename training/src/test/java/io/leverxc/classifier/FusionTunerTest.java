package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.data.LabelMatrix;
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
  void rankingQualityMatchesHandWorkedValues() {
    // Document 0 has labels {0, 1} and document 1 has label {2}. Inverse propensities are 1, 2, 4, 8.
    LabelMatrix truth = new LabelMatrix(2, 4, new int[] {0, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});
    RankingQuality quality = new RankingQuality(truth, new float[] {1f, 2f, 4f, 8f});
    quality.add(0, new int[] {1, 3, 0}, 3);
    quality.add(1, new int[] {3, 0}, 2);

    // P@1: document 0 hits label 1, document 1 misses: 1/2.
    assertEquals(0.5, quality.precisionAt1(), 1e-9);
    // PSP@5: the hits weigh 2 + 1 = 3 and the best possible ranking 1 + 2 + 4 = 7.
    assertEquals(3.0 / 7.0, quality.pspAt5(), 1e-9);
    // Coverage@5: labels 0 and 1 of the 3 labels with a positive.
    assertEquals(2.0 / 3.0, quality.coverageAt5(), 1e-9);
  }
}
