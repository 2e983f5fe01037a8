package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.ann.ExactSearcher;
import io.leverxc.classifier.FineTunedEncoder;
import io.leverxc.classifier.OvaSettings;
import io.leverxc.classifier.OvaTrainer;
import io.leverxc.data.LabelMatrix;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.teacher.TeacherSettings;
import io.leverxc.teacher.TeacherTrainer;
import io.leverxc.vector.DenseMatrix;
import io.leverxc.vector.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The warm-start overloads of the trainers: with a vanishing learning rate the result stays at the
 * given start (and not at the cold-start point), and the start itself is never changed.
 */
class WarmStartTrainingTest {
  private static final int LABELS = 6;
  private static final int DOCUMENTS = 24;
  private static final int FEATURES = 30;
  private static final int DIMENSION = 8;
  private static final float TINY_LEARNING_RATE = 1e-7f;
  private static final float TOLERANCE = 1e-4f;

  private static DenseMatrix randomUnitRows(SplittableRandom random, int rows) {
    DenseMatrix matrix = new DenseMatrix(rows, DIMENSION);
    for (int i = 0; i < matrix.data().length; i++) {
      matrix.data()[i] = (float) random.nextGaussian();
    }
    matrix.normalizeRows();
    return matrix;
  }

  private static LabelMatrix oneLabelPerDocument() {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(LABELS);
    for (int document = 0; document < DOCUMENTS; document++) {
      builder.addRow(new int[] {document % LABELS}, new float[] {1f}, 1);
    }
    return builder.build();
  }

  private static float maxDifference(float[] first, float[] second) {
    float max = 0;
    for (int i = 0; i < first.length; i++) {
      max = Math.max(max, Math.abs(first[i] - second[i]));
    }
    return max;
  }

  @Test
  void classifiersStayAtStart() {
    SplittableRandom random = new SplittableRandom(1);
    DenseMatrix inputs = randomUnitRows(random, DOCUMENTS);
    DenseMatrix labelEmbeddings = randomUnitRows(random, LABELS);
    OvaClassifiers start = new OvaClassifiers(randomUnitRows(random, LABELS), new float[] {1, 2, 3, 4, 5, 6});
    float[] startWeights = start.weights().data().clone();
    OvaSettings settings = OvaSettings.defaults(1).withSchedule(1, TINY_LEARNING_RATE);
    OvaTrainer trainer = new OvaTrainer(settings);

    OvaClassifiers warm = trainer.train(
        inputs, oneLabelPerDocument(), labelEmbeddings, new ExactSearcher(labelEmbeddings), start);
    OvaClassifiers cold = trainer.train(inputs, oneLabelPerDocument(), labelEmbeddings);

    assertTrue(maxDifference(startWeights, warm.weights().data()) < TOLERANCE, "warm weights moved");
    assertTrue(maxDifference(new float[] {1, 2, 3, 4, 5, 6}, warm.biases()) < TOLERANCE, "warm biases moved");
    assertTrue(maxDifference(startWeights, cold.weights().data()) > 0.1f, "cold start began at the warm start");
    assertArrayEquals(startWeights, start.weights().data(), "the start was changed");
  }

  @Test
  void classifierStartOfOtherShapeRejected() {
    SplittableRandom random = new SplittableRandom(2);
    DenseMatrix inputs = randomUnitRows(random, DOCUMENTS);
    DenseMatrix labelEmbeddings = randomUnitRows(random, LABELS);
    OvaClassifiers tooFew = new OvaClassifiers(new DenseMatrix(LABELS - 1, DIMENSION), new float[LABELS - 1]);
    OvaTrainer trainer = new OvaTrainer(OvaSettings.defaults(1));

    assertThrows(IllegalArgumentException.class, () -> trainer.train(
        inputs, oneLabelPerDocument(), labelEmbeddings, new ExactSearcher(labelEmbeddings), tooFew));
  }

  private static List<SparseVector> randomFeatures(SplittableRandom random, int count) {
    List<SparseVector> vectors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int first = random.nextInt(FEATURES / 2);
      int second = FEATURES / 2 + random.nextInt(FEATURES / 2);
      vectors.add(SparseVector.of(new int[] {first, second}, new float[] {0.6f, 0.8f}));
    }
    return vectors;
  }

  @Test
  void teacherStaysAtStart() {
    SplittableRandom random = new SplittableRandom(3);
    List<SparseVector> documents = randomFeatures(random, DOCUMENTS);
    List<SparseVector> labels = randomFeatures(random, LABELS);
    DenseMatrix table = new DenseMatrix(FEATURES, DIMENSION);
    for (int i = 0; i < table.data().length; i++) {
      table.data()[i] = (float) random.nextGaussian();
    }
    EmbeddingBagEncoder start =
        new EmbeddingBagEncoder(table, new DenseMatrix(DIMENSION, DIMENSION), new DenseMatrix(1, DIMENSION));
    float[] startTable = table.data().clone();
    TeacherSettings settings = TeacherSettings.builder()
        .dimension(DIMENSION).epochs(1).batchSize(4).clusterSize(2).negativesPerRow(1)
        .learningRate(TINY_LEARNING_RATE).threads(1).seed(5).build();

    EmbeddingBagEncoder warm = new TeacherTrainer(settings)
        .fit(documents, oneLabelPerDocument(), labels, FEATURES, null, start).encoder();
    EmbeddingBagEncoder cold = new TeacherTrainer(settings)
        .fit(documents, oneLabelPerDocument(), labels, FEATURES, null).encoder();

    assertTrue(maxDifference(startTable, warm.embeddings().data()) < TOLERANCE, "warm table moved");
    assertTrue(maxDifference(startTable, cold.embeddings().data()) > 0.1f, "cold start began at the warm start");
    assertArrayEquals(startTable, start.embeddings().data(), "the start was changed");
  }

  @Test
  void teacherStartOfOtherDimensionRejected() {
    SplittableRandom random = new SplittableRandom(4);
    EmbeddingBagEncoder start = new EmbeddingBagEncoder(
        new DenseMatrix(FEATURES, DIMENSION), new DenseMatrix(DIMENSION, DIMENSION), new DenseMatrix(1, DIMENSION));
    TeacherSettings settings = TeacherSettings.builder()
        .dimension(DIMENSION * 2).epochs(1).batchSize(4).clusterSize(2).negativesPerRow(1).threads(1).build();

    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new TeacherTrainer(settings)
        .fit(randomFeatures(random, DOCUMENTS), oneLabelPerDocument(), randomFeatures(random, LABELS), FEATURES, null, start));
    assertTrue(error.getMessage().contains("dimension " + DIMENSION + ", expected " + FEATURES + " features and dimension "
        + DIMENSION * 2), error.getMessage());
  }

  @Test
  void labelSpaceQueriesChooseTheNegatives() {
    int labels = 40;
    SplittableRandom random = new SplittableRandom(5);
    DenseMatrix table = new DenseMatrix(FEATURES, DIMENSION);
    for (int i = 0; i < table.data().length; i++) {
      table.data()[i] = (float) random.nextGaussian();
    }
    EmbeddingBagEncoder encoder =
        new EmbeddingBagEncoder(table, new DenseMatrix(DIMENSION, DIMENSION), new DenseMatrix(1, DIMENSION));
    List<SparseVector> rows = randomFeatures(random, DOCUMENTS);
    LabelMatrix.Builder builder = new LabelMatrix.Builder(labels);
    for (int document = 0; document < DOCUMENTS; document++) {
      builder.addRow(new int[] {document % labels}, new float[] {1f}, 1);
    }
    LabelMatrix targets = builder.build();
    DenseMatrix labelEmbeddings = randomUnitRows(random, labels);
    OvaClassifiers start = new OvaClassifiers(randomUnitRows(random, labels), new float[labels]);
    DenseMatrix encoded = new DenseMatrix(DOCUMENTS, DIMENSION);
    float[] buffer = new float[DIMENSION];
    for (int row = 0; row < DOCUMENTS; row++) {
      encoder.encode(rows.get(row), buffer);
      encoded.setRow(row, buffer);
    }
    DenseMatrix otherQueries = randomUnitRows(random, DOCUMENTS);
    OvaTrainer trainer = new OvaTrainer(OvaSettings.defaults(1).withSchedule(1, 0.5f));
    ExactSearcher searcher = new ExactSearcher(labelEmbeddings);

    OvaClassifiers plain = trainer.train(
        new FineTunedEncoder(encoder, rows), targets, labelEmbeddings, searcher, start);
    OvaClassifiers sameQueries = trainer.train(
        new FineTunedEncoder(encoder, rows), targets, labelEmbeddings, searcher, start, encoded);
    OvaClassifiers otherNegatives = trainer.train(
        new FineTunedEncoder(encoder, rows), targets, labelEmbeddings, searcher, start, otherQueries);

    assertArrayEquals(plain.weights().data(), sameQueries.weights().data(), "queries equal to the encoder's output");
    assertTrue(
        maxDifference(plain.weights().data(), otherNegatives.weights().data()) > TOLERANCE,
        "other queries must pick other negatives");
    assertThrows(IllegalArgumentException.class, () -> trainer.train(
        new FineTunedEncoder(encoder, rows), targets, labelEmbeddings, searcher, start, randomUnitRows(random, 3)));
  }
}
