package io.leverxc.teacher;

import io.leverxc.ann.TopK;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.eval.Evaluation;
import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.Propensity;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;

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

  /** Predictions kept per document: the largest cut-off scored. */
  static final int TOP_K = 5;

  /** Extra candidates fetched per document so that filtered pairs still leave {@link #TOP_K}. */
  static final int FILTER_SLACK = 5;

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
    try (ParallelRanges parallel = new ParallelRanges(threads, "teacher-eval")) {
      return evaluate(encoder, TeacherEmbeddings.encodeAll(encoder, labelFeatures, parallel), parallel);
    }
  }

  EvaluationResult evaluate(EmbeddingBagEncoder encoder, DenseMatrix labelEmbeddings, ParallelRanges parallel) {
    int[][] predictions = predict(encoder, labelEmbeddings, parallel);
    return Evaluation.evaluate(truth, predictions, propensity, FilterPairs.none(), Evaluation.DEFAULT_KS);
  }

  /** Returns up to five label ids per document, best first, without filtered pairs. */
  int[][] predict(EmbeddingBagEncoder encoder, DenseMatrix labelEmbeddings, ParallelRanges parallel) {
    int[][] predictions = new int[documents.size()][];
    int dimension = encoder.dimension();
    int labelCount = labelEmbeddings.rows();
    float[] labelData = labelEmbeddings.data();
    parallel.run(documents.size(), (worker, from, to) -> {
      float[] query = new float[dimension];
      TopK top = new TopK(Math.min(labelCount, TOP_K + FILTER_SLACK));
      int[] kept = new int[TOP_K];
      for (int document = from; document < to; document++) {
        encoder.encode(documents.get(document), query);
        for (int label = 0; label < labelCount; label++) {
          top.offer(label, EmbeddingBagEncoder.dot(labelData, label * dimension, query, dimension));
        }
        int[] candidates = top.toNeighbors().ids();
        int count = 0;
        for (int c = 0; c < candidates.length && count < TOP_K; c++) {
          if (!filter.excludes(document, candidates[c])) {
            kept[count++] = candidates[c];
          }
        }
        predictions[document] = Arrays.copyOf(kept, count);
      }
    });
    return predictions;
  }
}
