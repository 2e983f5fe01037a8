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
  void resultDoesNotDependOnThreadCount() throws Exception {
    int labels = 40;
    int documents = 60;
    int dimension = 8;
    java.util.SplittableRandom random = new java.util.SplittableRandom(3);
    DenseMatrix labelEmbeddings = unitRows(random, labels, dimension);
    DenseMatrix documentEmbeddings = unitRows(random, documents, dimension);
    DenseMatrix weights = unitRows(random, labels, dimension);
    LabelMatrix.Builder truth = new LabelMatrix.Builder(labels);
    for (int row = 0; row < documents; row++) {
      truth.addRow(new int[] {random.nextInt(labels)}, new float[] {1f}, 1);
    }
    LabelMatrix validationLabels = truth.build();
    float[] inversePropensities = new float[labels];
    for (int label = 0; label < labels; label++) {
      inversePropensities[label] = 1f + random.nextFloat() * 4f;
    }
    FusedScorer scorer = new FusedScorer(new OvaClassifiers(weights, new float[labels]), labelEmbeddings,
        new ExactSearcher(weights), new ExactSearcher(labelEmbeddings), new FusionSettings(0.5f, 10f, -5f, 10, 10));
    FusionTuner tuner = new FusionTuner(TuningObjective.BALANCED, inversePropensities);

    FusionTuner.Result oneThread = tuneOn(1, () -> tuner.tune(scorer, documentEmbeddings, validationLabels));
    FusionTuner.Result twoThreads = tuneOn(2, () -> tuner.tune(scorer, documentEmbeddings, validationLabels));

    assertEquals(oneThread, twoThreads);
  }

  private static FusionTuner.Result tuneOn(int threads, java.util.concurrent.Callable<FusionTuner.Result> tuning)
      throws Exception {
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
    try {
      return pool.submit(tuning).get();
    } finally {
      pool.shutdown();
    }
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

  @Test
  void rankingQualityDropsFilteredLabels() {
    // Document 0 has labels {0, 1}. Its ranking 3, 1, 0 loses label 3 to the filter, so label 1
    // comes first: P@1 1, and both true labels in the top 5.
    LabelMatrix truth = new LabelMatrix(1, 4, new int[] {0, 2}, new int[] {0, 1}, new float[] {1, 1});
    RankingQuality quality = new RankingQuality(truth, new float[] {1f, 1f, 1f, 1f});

    quality.add(0, new int[] {3, 1, 0}, 3, (document, label) -> label == 3);

    assertEquals(1.0, quality.precisionAt1(), 1e-9);
    assertEquals(0.4, quality.precisionAt5(), 1e-9);
  }

  @Test
  void filteredTrueLabelsCountAsMisses() {
    // The setting of the first test, where the cosine ranks every document's label first. A filter
    // that removes exactly those pairs leaves no true label to find.
    DenseMatrix embeddings = new DenseMatrix(3, 3, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
    DenseMatrix rotated = new DenseMatrix(3, 3, new float[] {0, 5, 0, 0, 0, 5, 5, 0, 0});
    FusedScorer scorer =
        new FusedScorer(new OvaClassifiers(rotated, new float[3]), embeddings, new ExactSearcher(rotated),
            new ExactSearcher(embeddings), new FusionSettings(0.5f, 10f, -5f, 3, 3));
    LabelMatrix truth = new LabelMatrix(3, 3, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 1});

    FusionTuner.Result result =
        new FusionTuner(TuningObjective.PRECISION_AT_1, new float[] {1, 1, 1}, (row, label) -> row == label)
            .tune(scorer, embeddings, truth);

    assertEquals(0.0, result.precisionAt1(), 1e-9);
    assertEquals(0.0, result.coverageAt5(), 1e-9);
  }

  @Test
  void tunedFiguresMatchServedRankingsAfterFiltering() {
    // Random labels, classifiers and documents. The filter removes the label that the teacher
    // ranks first for every other document, so it removes some first-slot picks too. The figures
    // that the tuner reports must be those of the served rankings with the filtered labels removed.
    int labels = 8;
    int documents = 40;
    int dimension = 4;
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    DenseMatrix labelEmbeddings = unitRows(random, labels, dimension);
    DenseMatrix weights = unitRows(random, labels, dimension);
    DenseMatrix queries = unitRows(random, documents, dimension);
    LabelMatrix.Builder truthRows = new LabelMatrix.Builder(labels);
    int[] filtered = new int[documents];
    for (int row = 0; row < documents; row++) {
      int first = random.nextInt(labels);
      int second = (first + 1 + random.nextInt(labels - 1)) % labels;
      int[] rowLabels = first < second ? new int[] {first, second} : new int[] {second, first};
      truthRows.addRow(rowLabels, new float[] {1, 1}, 2);
      filtered[row] = row % 2 == 0 ? nearest(labelEmbeddings, queries.row(row)) : -1;
    }
    LabelMatrix truth = truthRows.build();
    float[] inversePropensities = {1, 2, 1, 3, 1, 2, 1, 4};
    FusionSettings start = new FusionSettings(0.5f, 10f, -5f, labels, labels);
    FusedScorer scorer =
        new FusedScorer(new OvaClassifiers(weights, new float[labels]), labelEmbeddings, new ExactSearcher(weights),
            new ExactSearcher(labelEmbeddings), start);

    FusionTuner.Result result =
        new FusionTuner(TuningObjective.HEAD_GUARDED, inversePropensities, (row, label) -> filtered[row] == label)
            .tune(scorer, queries, truth);

    FusedScorer served =
        new FusedScorer(new OvaClassifiers(weights, new float[labels]), labelEmbeddings, new ExactSearcher(weights),
            new ExactSearcher(labelEmbeddings), null, result.settings(), result.firstSlot());
    RankingQuality quality = new RankingQuality(truth, inversePropensities);
    for (int row = 0; row < documents; row++) {
      int[] ranked = served.topK(queries.row(row), RankingQuality.K + 1).ids();
      quality.add(row, ranked, ranked.length, (document, label) -> filtered[document] == label);
    }
    assertEquals(quality.precisionAt1(), result.precisionAt1(), 1e-9);
    assertEquals(quality.precisionAt5(), result.precisionAt5(), 1e-9);
    assertEquals(quality.pspAt5(), result.pspAt5(), 1e-9);
    assertEquals(quality.coverageAt5(), result.coverageAt5(), 1e-9);
  }

  private static DenseMatrix unitRows(java.util.SplittableRandom random, int rows, int columns) {
    float[] data = new float[rows * columns];
    for (int row = 0; row < rows; row++) {
      double norm = 0;
      for (int column = 0; column < columns; column++) {
        data[row * columns + column] = (float) random.nextGaussian();
        norm += data[row * columns + column] * data[row * columns + column];
      }
      for (int column = 0; column < columns; column++) {
        data[row * columns + column] /= (float) Math.sqrt(norm);
      }
    }
    return new DenseMatrix(rows, columns, data);
  }

  private static int nearest(DenseMatrix rows, float[] query) {
    int best = 0;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int row = 0; row < rows.rows(); row++) {
      float score = io.leverxc.ann.DotProducts.dot(rows.row(row), 0, query, 0, query.length);
      if (score > bestScore) {
        best = row;
        bestScore = score;
      }
    }
    return best;
  }

  @Test
  void headToleranceGrowsOnSmallSplits() {
    assertEquals(FusionTuner.HEAD_TOLERANCE, FusionTuner.headTolerance(2_845));
    assertEquals(FusionTuner.HEAD_TOLERANCE, FusionTuner.headTolerance(200));
    assertEquals(0.05, FusionTuner.headTolerance(40), 1e-12);
    assertEquals(FusionTuner.HEAD_TOLERANCE, FusionTuner.headTolerance(0));
  }
}
