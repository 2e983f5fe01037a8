package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.leverxc.data.LabelMatrix;
import io.leverxc.eval.Propensity;
import io.leverxc.eval.PropensityConstants;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.parallel.RangeWorkers;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TeacherEvaluationTest {
  // More labels than one tile, so the search crosses a tile boundary.
  private static final int LABELS = TeacherEvaluation.LABEL_TILE + 300;
  private static final int FEATURES = 40;
  private static final int DIMENSION = 8;

  @Test
  void tiledSearchMatchesBruteForceAndDropsFilteredPairs() {
    SplittableRandom random = new SplittableRandom(4);
    EmbeddingBagEncoder encoder = TeacherTrainer.initialEncoder(FEATURES, DIMENSION, random);
    List<SparseVector> labelFeatures = new ArrayList<>();
    for (int label = 0; label < LABELS; label++) {
      labelFeatures.add(randomFeatures(random));
    }
    List<SparseVector> documents = new ArrayList<>();
    LabelMatrix.Builder truth = new LabelMatrix.Builder(LABELS);
    for (int d = 0; d < 30; d++) {
      documents.add(randomFeatures(random));
      truth.addRow(new int[] {d}, new float[] {1f}, 1);
    }
    DenseMatrix labelEmbeddings = TeacherEmbeddings.encodeAll(encoder, labelFeatures, 1);
    int[][] unfiltered = bruteForceTop(encoder, documents, labelEmbeddings, 6);
    // Drop each document's best label; the rest shift up by one.
    PairFilter filter = (document, label) -> label == unfiltered[document][0];
    Propensity propensity = Propensity.fromTrainLabels(truth.build(), PropensityConstants.DEFAULT);
    TeacherEvaluation evaluation = new TeacherEvaluation(documents, truth.build(), filter, propensity);

    int[][] predicted;
    try (RangeWorkers parallel = new RangeWorkers(2, "test")) {
      predicted = evaluation.predict(encoder, labelEmbeddings, parallel);
    }
    for (int d = 0; d < documents.size(); d++) {
      assertArrayEquals(Arrays.copyOfRange(unfiltered[d], 1, 6), predicted[d], "document " + d);
    }
  }

  @Test
  void perfectEmbeddingsScoreFullPrecisionAt1() {
    // Label l's text and document l share feature l only, so each document's nearest label is its own.
    SplittableRandom random = new SplittableRandom(8);
    EmbeddingBagEncoder encoder = TeacherTrainer.initialEncoder(4, 64, random);
    List<SparseVector> texts = new ArrayList<>();
    LabelMatrix.Builder truth = new LabelMatrix.Builder(4);
    for (int l = 0; l < 4; l++) {
      texts.add(SparseVector.of(new int[] {l}, new float[] {1f}));
      truth.addRow(new int[] {l}, new float[] {1f}, 1);
    }
    LabelMatrix labels = truth.build();
    TeacherEvaluation evaluation = new TeacherEvaluation(
        texts, labels, PairFilter.NONE, Propensity.fromTrainLabels(labels, PropensityConstants.DEFAULT));
    assertEquals(1.0, evaluation.evaluate(encoder, texts, 1).metric("P@1"));
    assertEquals(0.2, evaluation.evaluate(encoder, texts, 1).metric("P@5"), 1e-12);
  }

  private static SparseVector randomFeatures(SplittableRandom random) {
    int first = random.nextInt(FEATURES / 2);
    int second = FEATURES / 2 + random.nextInt(FEATURES / 2);
    return SparseVector.of(new int[] {first, second}, new float[] {(float) random.nextDouble(), (float) random.nextDouble()});
  }

  private static int[][] bruteForceTop(
      EmbeddingBagEncoder encoder, List<SparseVector> documents, DenseMatrix labels, int k) {
    int[][] top = new int[documents.size()][];
    float[] query = new float[DIMENSION];
    for (int d = 0; d < documents.size(); d++) {
      encoder.encode(documents.get(d), query);
      double[] scores = new double[labels.rows()];
      for (int l = 0; l < labels.rows(); l++) {
        float sum = 0f;
        for (int i = 0; i < DIMENSION; i++) {
          sum += query[i] * labels.get(l, i);
        }
        scores[l] = sum;
      }
      top[d] = IntStream.range(0, labels.rows()).boxed()
          .sorted(Comparator.<Integer>comparingDouble(l -> -scores[l]).thenComparingInt(l -> l))
          .limit(k).mapToInt(Integer::intValue).toArray();
    }
    return top;
  }
}
