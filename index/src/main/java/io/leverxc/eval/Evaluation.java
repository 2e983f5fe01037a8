package io.leverxc.eval;

import io.leverxc.data.DataFormatException;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates predictions against a test ground truth with the metrics of XC papers (P@k, nDCG@k,
 * PSP@k, PSnDCG@k, R@k, C@k), either from ranked label lists in memory, as training-time
 * validation needs, or by streaming a prediction file. Both paths feed one {@link MetricAccumulator},
 * so they give identical numbers for the same predictions.
 */
public final class Evaluation {
  private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

  /** Cut-offs used when the caller gives none: the ones XC papers report. */
  public static final int[] DEFAULT_KS = {1, 3, 5};

  private static final int PROGRESS_INTERVAL_DOCUMENTS = 250_000;

  private Evaluation() {}

  /**
   * Evaluates ranked predictions held in memory.
   *
   * @param rankedLabels one array per test document, best label first; may be longer or shorter than max(ks)
   * @param propensity weights computed from the original binary train labels
   * @param filter pairs to drop from the predictions before ranking; {@link FilterPairs#none()} for none
   * @throws IllegalArgumentException if the document counts or label spaces differ, or a label is
   *     out of range or repeated
   */
  public static EvaluationResult evaluate(
      LabelMatrix truth, int[][] rankedLabels, Propensity propensity, FilterPairs filter, int[] ks) {
    return evaluate(truth, rankedLabels, new MetricAccumulator(truth, propensity, filter, ks));
  }

  /**
   * Evaluates ranked predictions held in memory as {@link #evaluate(LabelMatrix, int[][],
   * Propensity, FilterPairs, int[])} does and also keeps each document's share of the metrics.
   *
   * @throws IllegalArgumentException as that method does
   */
  public static WithDocumentScores evaluateWithDocumentScores(
      LabelMatrix truth, int[][] rankedLabels, Propensity propensity, FilterPairs filter, int[] ks) {
    MetricAccumulator accumulator = new MetricAccumulator(truth, propensity, filter, ks);
    accumulator.recordDocumentScores();
    EvaluationResult result = evaluate(truth, rankedLabels, accumulator);
    return new WithDocumentScores(result, accumulator.documentScores());
  }

  private static EvaluationResult evaluate(LabelMatrix truth, int[][] rankedLabels, MetricAccumulator accumulator) {
    if (rankedLabels.length != truth.rows()) {
      throw new IllegalArgumentException(
          "predictions cover " + rankedLabels.length + " documents but the ground truth has " + truth.rows());
    }
    for (int document = 0; document < rankedLabels.length; document++) {
      accumulator.addRanked(document, rankedLabels[document], rankedLabels[document].length);
    }
    return finish(accumulator, "in-memory predictions");
  }

  /**
   * Evaluates ranked predictions with propensities computed from {@code trainLabels} under the
   * default constants (A=0.55, B=1.5).
   *
   * @throws IllegalArgumentException as {@link #evaluate(LabelMatrix, int[][], Propensity, FilterPairs, int[])}
   */
  public static EvaluationResult evaluate(
      LabelMatrix truth, int[][] rankedLabels, LabelMatrix trainLabels, FilterPairs filter, int[] ks) {
    Propensity propensity = Propensity.fromTrainLabels(trainLabels, PropensityConstants.DEFAULT);
    return evaluate(truth, rankedLabels, propensity, filter, ks);
  }

  /**
   * Streams a prediction file (see {@link PredictionReader}) and evaluates it. Only one row of
   * predictions is in memory at a time.
   *
   * @throws DataFormatException naming the file and line when the header's shape disagrees with the
   *     ground truth or a row is malformed
   */
  public static EvaluationResult evaluateFile(
      Path predictions, LabelMatrix truth, Propensity propensity, FilterPairs filter, int[] ks) {
    return evaluateFile(predictions, truth, new MetricAccumulator(truth, propensity, filter, ks));
  }

  /**
   * An evaluation together with each document's share of its metrics.
   *
   * @param documents the input of a {@link PairedBootstrap} comparison with another prediction set
   */
  public record WithDocumentScores(EvaluationResult result, DocumentScores documents) {}

  /**
   * Evaluates a prediction file as {@link #evaluateFile(Path, LabelMatrix, Propensity, FilterPairs,
   * int[])} does and also keeps each document's share of the metrics, which takes memory in
   * proportion to the number of documents.
   *
   * @throws DataFormatException naming the file and line when the header's shape disagrees with the
   *     ground truth (fewer labels are accepted: they are its first ids) or a row is malformed
   */
  public static WithDocumentScores evaluateFileWithDocumentScores(
      Path predictions, LabelMatrix truth, Propensity propensity, FilterPairs filter, int[] ks) {
    MetricAccumulator accumulator = new MetricAccumulator(truth, propensity, filter, ks);
    accumulator.recordDocumentScores();
    EvaluationResult result = evaluateFile(predictions, truth, accumulator);
    return new WithDocumentScores(result, accumulator.documentScores());
  }

  private static EvaluationResult evaluateFile(Path predictions, LabelMatrix truth, MetricAccumulator accumulator) {
    long started = System.nanoTime();
    try (PredictionReader reader = PredictionReader.open(predictions)) {
      if (reader.documents() != truth.rows()) {
        throw new DataFormatException(predictions, 1, "the header declares " + reader.documents()
            + " rows but the ground truth has " + truth.rows() + " documents; predict on the same test set");
      }
      if (reader.labelCount() > truth.columns()) {
        throw new DataFormatException(predictions, 1, "the header declares " + reader.labelCount()
            + " labels but the ground truth has " + truth.columns() + "; predict with a model of the same label space");
      }
      if (reader.labelCount() < truth.columns()) {
        // A retrain appends its new labels, so a parent's predictions cover the first ids.
        LOG.info("{} declares {} labels, the first {} of the ground truth's {}; the later labels count as never"
            + " predicted", predictions, reader.labelCount(), reader.labelCount(), truth.columns());
      }
      LOG.info("Evaluating {} ({} documents, k = {})", predictions, truth.rows(), java.util.Arrays.toString(accumulator.ks()));
      while (reader.next()) {
        accumulator.addScored(reader.document(), reader.labels(), reader.scores(), reader.size());
        int done = reader.document() + 1;
        if (done % PROGRESS_INTERVAL_DOCUMENTS == 0) {
          double seconds = (System.nanoTime() - started) / 1e9;
          LOG.info(String.format(Locale.ROOT, "Evaluated %,d of %,d documents (%.0f documents/s)",
              done, truth.rows(), done / seconds));
        }
      }
    }
    return finish(accumulator, predictions.toString());
  }

  private static EvaluationResult finish(MetricAccumulator accumulator, String source) {
    EvaluationResult result = accumulator.result();
    if (result.documentsWithFewerThanMaxK() > 0 && result.filteredPredictions() > 0) {
      // Expected: a document whose top k held a filter pair has k − 1 predictions left.
      LOG.info("{}: {} of {} documents have fewer than {} predictions once the filter pairs are removed; the missing"
          + " positions count as misses", source, result.documentsWithFewerThanMaxK(), result.documents(),
          accumulator.maxK());
    } else if (result.documentsWithFewerThanMaxK() > 0) {
      LOG.warn("{}: {} of {} documents have fewer than {} predictions; the missing positions count as misses",
          source, result.documentsWithFewerThanMaxK(), result.documents(), accumulator.maxK());
    }
    if (result.filteredPredictions() > 0) {
      LOG.info("{}: removed {} {} listed in the filter before ranking", source, result.filteredPredictions(),
          result.filteredPredictions() == 1 ? "prediction" : "predictions");
    }
    return result;
  }
}
