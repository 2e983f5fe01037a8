package io.leverxc.teacher;

import io.leverxc.ann.DotProducts;
import io.leverxc.ann.TopK;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.eval.Evaluation;
import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.Propensity;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.parallel.ProgressLog;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Teacher-only prediction and scoring: every document's nearest labels by cosine, found by exact
 * search over all label embeddings, with filtered pairs dropped, scored at k = 1, 3, 5.
 *
 * @param documents features of the documents to predict for
 * @param truth their true labels, one row per document
 * @param filter pairs to drop from the predictions, with row ids of {@code documents}
 * @param propensity inverse propensities of the labels, computed from the training labels
 */
public record TeacherEvaluation(
    List<SparseVector> documents, LabelMatrix truth, PairFilter filter, Propensity propensity) {
  private static final Logger LOG = LoggerFactory.getLogger(TeacherEvaluation.class);

  /** Predictions kept per document: the largest cut-off scored. */
  static final int TOP_K = 5;

  /** Extra candidates fetched per document so that filtered pairs still leave {@link #TOP_K}. */
  static final int FILTER_SLACK = 5;

  /** Labels scored per pass; 1024 labels × 256 dimensions of floats is 1 MiB, about an L2 cache. */
  static final int LABEL_TILE = 1024;

  public TeacherEvaluation {
    if (documents.size() != truth.rows()) {
      throw new IllegalArgumentException(
          documents.size() + " evaluation documents but " + truth.rows() + " label rows");
    }
    if (propensity.labelCount() != truth.columns()) {
      throw new IllegalArgumentException(
          "propensities cover " + propensity.labelCount() + " labels, the ground truth has " + truth.columns());
    }
  }

  /** Encodes every label and document with {@code encoder} and scores the top-5 predictions. */
  public EvaluationResult evaluate(EmbeddingBagEncoder encoder, List<SparseVector> labelFeatures, int threads) {
    try (RangeWorkers parallel = new RangeWorkers(threads, "teacher-eval")) {
      return evaluate(encoder, TeacherEmbeddings.encodeAll(encoder, labelFeatures, parallel), parallel);
    }
  }

  EvaluationResult evaluate(EmbeddingBagEncoder encoder, DenseMatrix labelEmbeddings, RangeWorkers parallel) {
    int[][] predictions = predict(encoder, labelEmbeddings, parallel);
    return Evaluation.evaluate(truth, predictions, propensity, FilterPairs.none(), Evaluation.DEFAULT_KS);
  }

  /**
   * Returns up to five label ids per document, best first, without filtered pairs. The search is
   * exact. Labels are scanned in tiles that stay in cache while every document of a worker's
   * range is scored against them, with the label embeddings transposed so that the inner loop is
   * a contiguous a·x + y update.
   */
  int[][] predict(EmbeddingBagEncoder encoder, DenseMatrix labelEmbeddings, RangeWorkers parallel) {
    int dimension = encoder.dimension();
    int labelCount = labelEmbeddings.rows();
    DenseMatrix queries = TeacherEmbeddings.encodeAll(encoder, documents, parallel);
    float[] transposed = transpose(labelEmbeddings);
    int candidates = Math.min(labelCount, TOP_K + FILTER_SLACK);
    int[][] predictions = new int[documents.size()][];
    ProgressLog progress =
        new ProgressLog(LOG, "teacher check on the validation split, document-label scores", (long) documents.size() * labelCount);
    parallel.forEachRange(documents.size(), (worker, from, to) -> {
      TopK[] tops = new TopK[to - from];
      for (int d = 0; d < tops.length; d++) {
        tops[d] = new TopK(candidates);
      }
      float[] scores = new float[LABEL_TILE];
      float[] queryData = queries.data();
      for (int tileStart = 0; tileStart < labelCount; tileStart += LABEL_TILE) {
        int tileSize = Math.min(LABEL_TILE, labelCount - tileStart);
        for (int document = from; document < to; document++) {
          Arrays.fill(scores, 0, tileSize, 0f);
          int queryOffset = document * dimension;
          for (int i = 0; i < dimension; i++) {
            DotProducts.axpy(queryData[queryOffset + i], transposed, i * labelCount + tileStart, scores, 0, tileSize);
          }
          TopK top = tops[document - from];
          for (int l = 0; l < tileSize; l++) {
            top.offer(tileStart + l, scores[l]);
          }
        }
        progress.add((long) (to - from) * tileSize);
      }
      for (int document = from; document < to; document++) {
        predictions[document] = unfiltered(document, tops[document - from].toNeighbors().ids());
      }
    });
    return predictions;
  }

  private int[] unfiltered(int document, int[] candidates) {
    int[] kept = new int[TOP_K];
    int count = 0;
    for (int c = 0; c < candidates.length && count < TOP_K; c++) {
      if (!filter.excludes(document, candidates[c])) {
        kept[count++] = candidates[c];
      }
    }
    return Arrays.copyOf(kept, count);
  }

  private static float[] transpose(DenseMatrix matrix) {
    int rows = matrix.rows();
    int columns = matrix.columns();
    float[] data = matrix.data();
    float[] transposed = new float[data.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < columns; c++) {
        transposed[c * rows + r] = data[r * columns + c];
      }
    }
    return transposed;
  }
}
