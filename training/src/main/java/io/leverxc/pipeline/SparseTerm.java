package io.leverxc.pipeline;

import io.leverxc.ann.VectorSearcher;
import io.leverxc.classifier.FusionTuner;
import io.leverxc.classifier.RankingQuality;
import io.leverxc.classifier.SparseOvaSettings;
import io.leverxc.classifier.SparseOvaTrainer;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.DocumentNeighbours;
import io.leverxc.model.FusedScorer;
import io.leverxc.model.FusionSettings;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline stage that adds the sparse classifier term to a model whose fusion is already
 * tuned: it takes each training document's hard negatives from the tuned fused ranking, trains
 * {@link SparseClassifiers} on the TF-IDF features, then tunes the term's weight on the validation
 * split.
 */
final class SparseTerm {
  private static final Logger LOG = LoggerFactory.getLogger(SparseTerm.class);

  /** Documents between two progress lines while the hard negatives are ranked. */
  private static final int PROGRESS_EVERY = 10_000;

  private SparseTerm() {}

  /** The trained sparse classifiers and the fusion settings tuned with them. */
  record Trained(SparseClassifiers classifiers, FusionTuner.Result fusion) {}

  /** The parts of the dense model that rank labels, as the tuned scorer uses them. */
  record DenseModel(
      OvaClassifiers classifiers,
      DenseMatrix labelEmbeddings,
      VectorSearcher classifierSearcher,
      VectorSearcher labelSearcher,
      DocumentNeighbours neighbours) {}

  /** Documents of one split with their TF-IDF features and both embeddings, row for row. */
  record Documents(List<SparseVector> features, DenseMatrix classifierInputs, DenseMatrix teacherEmbeddings,
      LabelMatrix labels) {}

  /**
   * Trains the sparse classifiers and tunes their weight.
   *
   * @param tuned fusion tuned without the sparse term on the same validation documents
   * @param labelFeatures TF-IDF features of the label texts
   * @param inversePropensities per-label weights of PSP@5, from the training labels, for the log
   *     line that rates the sparse classifiers alone
   */
  static Trained train(
      SparseOvaSettings settings,
      DenseModel model,
      FusionTuner tuner,
      FusionTuner.Result tuned,
      Documents training,
      Documents validation,
      List<SparseVector> labelFeatures,
      int featureDimension,
      float[] inversePropensities,
      int threads) {
    SparseClassifiers sparse =
        trainUntuned(
            settings, model, tuned.settings(), tuned.firstSlot(), training, labelFeatures, featureDimension, threads);
    RankingQuality alone =
        new SparseRanking(sparse).quality(validation.features(), validation.labels(), inversePropensities);
    LOG.info(
        "Sparse classifiers alone, ranking all {} labels of {} validation documents: P@1 {}, P@5 {}, PSP@5 {}, C@5 {}",
        sparse.labelCount(), validation.labels().rows(), String.format(java.util.Locale.ROOT, "%.4f", alone.precisionAt1()),
        String.format(java.util.Locale.ROOT, "%.4f", alone.precisionAt5()), String.format(java.util.Locale.ROOT, "%.4f", alone.pspAt5()),
        String.format(java.util.Locale.ROOT, "%.4f", alone.coverageAt5()));
    FusedScorer withSparse =
        new FusedScorer(
            model.classifiers(), model.labelEmbeddings(), model.classifierSearcher(), model.labelSearcher(),
            model.neighbours(), sparse, tuned.settings(), tuned.firstSlot());
    FusionTuner.Result fusion =
        tuner.tuneSparseWeight(
            withSparse, validation.classifierInputs(), validation.teacherEmbeddings(), validation.features(),
            validation.labels(), tuned);
    return new Trained(sparse, fusion);
  }

  /**
   * Trains the sparse classifiers for fusion settings that already weigh them, as a retrain without
   * a validation split does with its parent's settings: the hard negatives come from the ranking
   * under {@code fusion} without the sparse term, and no weight is tuned.
   *
   * @param fusion the settings the bundle will rank with; their sparse weights are ignored here
   * @param firstSlot the first-slot settings, or null
   */
  static SparseClassifiers trainUntuned(
      SparseOvaSettings settings,
      DenseModel model,
      FusionSettings fusion,
      FusionSettings firstSlot,
      Documents training,
      List<SparseVector> labelFeatures,
      int featureDimension,
      int threads) {
    FusedScorer ranking =
        new FusedScorer(
            model.classifiers(), model.labelEmbeddings(), model.classifierSearcher(), model.labelSearcher(),
            model.neighbours(), null, fusion.withSparseWeight(0f),
            firstSlot == null ? null : firstSlot.withSparseWeight(0f));
    // Training against every label ignores the hard negatives, so none are ranked then.
    int negativeCount = settings.trainsAgainstAllLabels(training.labels().columns(), featureDimension) ? 0 : settings.hardNegatives();
    int[][] hardNegatives = hardNegatives(ranking, training, negativeCount, threads);
    return new SparseOvaTrainer(settings)
        .train(training.features(), training.labels(), hardNegatives, labelFeatures, featureDimension);
  }

  /**
   * Returns each training document's top {@code count} labels under {@code ranking}, the fused ranking
   * without the sparse term. The
   * document's own labels are among them, because it votes for itself, and the trainer skips them.
   */
  private static int[][] hardNegatives(FusedScorer ranking, Documents training, int count, int threads) {
    int documents = training.labels().rows();
    int[][] negatives = new int[documents][];
    if (count == 0) {
      for (int row = 0; row < documents; row++) {
        negatives[row] = new int[0];
      }
      return negatives;
    }
    long start = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(0, documents).parallel().forEach(row -> {
        negatives[row] =
            ranking.topK(training.classifierInputs().row(row), training.teacherEmbeddings().row(row), count).ids();
        int finished = done.incrementAndGet();
        if (finished % PROGRESS_EVERY == 0) {
          LOG.info("Ranked hard negatives for {}/{} training documents", finished, documents);
        }
      })).join();
    } finally {
      pool.shutdown();
    }
    LOG.info(
        "Ranked the top {} labels of {} training documents as hard negatives in {} ms", count, documents,
        (System.nanoTime() - start) / 1_000_000);
    return negatives;
  }
}
