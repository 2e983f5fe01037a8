package io.leverxc.teacher;

import io.leverxc.ann.TopK;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.List;

/**
 * Teacher-only prediction and scoring: every document's nearest labels by cosine, found by exact
 * search over all label embeddings, with filtered pairs dropped before the top 5 are taken.
 *
 * @param documents features of the documents to predict for
 * @param truth their true labels, one row per document
 * @param filter pairs to drop from the predictions
 * @param inversePropensities inverse propensity of every label, for PSP@5
 */
public record TeacherEvaluation(
    List<SparseVector> documents, LabelMatrix truth, PairFilter filter, float[] inversePropensities) {

  /** Extra candidates fetched per document so that filtered pairs still leave five predictions. */
  static final int FILTER_SLACK = 5;

  public TeacherEvaluation {
    if (documents.size() != truth.rows()) {
      throw new IllegalArgumentException(
          documents.size() + " evaluation documents but " + truth.rows() + " label rows");
    }
    if (inversePropensities.length != truth.columns()) {
      throw new IllegalArgumentException(
          inversePropensities.length + " inverse propensities for " + truth.columns() + " labels");
    }
  }

  /** Encodes every label and document with {@code encoder} and scores the top-5 predictions. */
  public RankingMetrics evaluate(EmbeddingBagEncoder encoder, List<SparseVector> labelFeatures, int threads) {
    try (ParallelRanges parallel = new ParallelRanges(threads, "teacher-eval")) {
      return evaluate(encoder, TeacherEmbeddings.encodeAll(encoder, labelFeatures, parallel), parallel);
    }
  }

  RankingMetrics evaluate(EmbeddingBagEncoder encoder, DenseMatrix labelEmbeddings, ParallelRanges parallel) {
    int[][] predictions = predict(encoder, labelEmbeddings, parallel);
    return RankingMetrics.compute(predictions, truth, inversePropensities);
  }

  /** Returns the top-5 label ids of every document, best first, without filtered pairs. */
  int[][] predict(EmbeddingBagEncoder encoder, DenseMatrix labelEmbeddings, ParallelRanges parallel) {
    int[][] predictions = new int[documents.size()][];
    int dimension = encoder.dimension();
    int labelCount = labelEmbeddings.rows();
    float[] labelData = labelEmbeddings.data();
    parallel.run(documents.size(), (worker, from, to) -> {
      float[] query = new float[dimension];
      TopK top = new TopK(Math.min(labelCount, RankingMetrics.K + FILTER_SLACK));
      for (int document = from; document < to; document++) {
        encoder.encode(documents.get(document), query);
        top.clear();
        for (int label = 0; label < labelCount; label++) {
          top.offer(label, EmbeddingBagEncoder.dot(labelData, label * dimension, query, dimension));
        }
        int[] candidates = top.toNeighbors().ids();
        int[] kept = new int[RankingMetrics.K];
        int count = 0;
        for (int c = 0; c < candidates.length && count < kept.length; c++) {
          if (!filter.excludes(document, candidates[c])) {
            kept[count++] = candidates[c];
          }
        }
        predictions[document] = java.util.Arrays.copyOf(kept, count);
      }
    });
    return predictions;
  }
}
