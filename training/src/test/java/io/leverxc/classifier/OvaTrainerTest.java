package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.leverxc.data.LabelMatrix;
import io.leverxc.model.OvaClassifiers;
import io.leverxc.vector.DenseMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OvaTrainerTest {
  private static final long DATA_SEED = 7L;
  private static final int LABELS = 12;
  private static final int DIMENSION = 16;
  private static final int DOCUMENTS_PER_LABEL = 10;

  /**
   * Documents scattered around one random centre per label, with unrelated random label
   * embeddings, so the classifiers must learn the centres instead of keeping their starting point.
   */
  private record Problem(DenseMatrix inputs, LabelMatrix targets, DenseMatrix labelEmbeddings, int[] truth) {}

  private static Problem separableProblem() {
    SplittableRandom random = new SplittableRandom(DATA_SEED);
    DenseMatrix centres = randomUnitRows(random, LABELS);
    DenseMatrix labelEmbeddings = randomUnitRows(random, LABELS);
    int documents = LABELS * DOCUMENTS_PER_LABEL;
    DenseMatrix inputs = new DenseMatrix(documents, DIMENSION);
    LabelMatrix.Builder builder = new LabelMatrix.Builder(LABELS);
    int[] truth = new int[documents];
    for (int document = 0; document < documents; document++) {
      int label = document % LABELS;
      truth[document] = label;
      for (int c = 0; c < DIMENSION; c++) {
        inputs.set(document, c, centres.get(label, c) + 0.1f * (float) random.nextGaussian());
      }
      builder.addRow(new int[] {label}, new float[] {1f}, 1);
    }
    inputs.normalizeRows();
    return new Problem(inputs, builder.build(), labelEmbeddings, truth);
  }

  private static DenseMatrix randomUnitRows(SplittableRandom random, int rows) {
    DenseMatrix matrix = new DenseMatrix(rows, DIMENSION);
    for (int i = 0; i < matrix.data().length; i++) {
      matrix.data()[i] = (float) random.nextGaussian();
    }
    matrix.normalizeRows();
    return matrix;
  }

  private static OvaSettings settings(int threads) {
    return new OvaSettings(8, 0.5f, 0.05f, 1e-5f, 1f, -1f, 3, 3, 2, 2, threads, 11L);
  }

  private static int predict(OvaClassifiers classifiers, float[] input) {
    int best = 0;
    for (int label = 1; label < classifiers.labelCount(); label++) {
      if (classifiers.logit(label, input) > classifiers.logit(best, input)) {
        best = label;
      }
    }
    return best;
  }

  @Test
  void separableProblemReachesPerfectPrecisionAt1() {
    Problem problem = separableProblem();
    OvaClassifiers classifiers = new OvaTrainer(settings(2))
        .train(problem.inputs(), problem.targets(), problem.labelEmbeddings());

    int correct = 0;
    for (int document = 0; document < problem.truth().length; document++) {
      if (predict(classifiers, problem.inputs().row(document)) == problem.truth()[document]) {
        correct++;
      }
    }
    assertEquals(problem.truth().length, correct, "documents ranked with their own label first");
  }

  @Test
  void startingWeightsAloneDoNotSolveProblem() {
    // Guards the test above: with random label embeddings, the untrained classifiers must fail.
    Problem problem = separableProblem();
    OvaClassifiers untrained = new OvaClassifiers(problem.labelEmbeddings().copy(), new float[LABELS]);
    int correct = 0;
    for (int document = 0; document < problem.truth().length; document++) {
      if (predict(untrained, problem.inputs().row(document)) == problem.truth()[document]) {
        correct++;
      }
    }
    assertEquals(true, correct < problem.truth().length / 2, "untrained correct: " + correct);
  }

  @Test
  void singleThreadTrainingIsBitIdentical() {
    Problem problem = separableProblem();
    OvaClassifiers first = new OvaTrainer(settings(1))
        .train(problem.inputs(), problem.targets(), problem.labelEmbeddings());
    OvaClassifiers second = new OvaTrainer(settings(1))
        .train(problem.inputs(), problem.targets(), problem.labelEmbeddings());

    assertArrayEquals(first.weights().data(), second.weights().data());
    assertArrayEquals(first.biases(), second.biases());
  }

  @Test
  void otherSeedGivesOtherWeights() {
    Problem problem = separableProblem();
    OvaClassifiers first = new OvaTrainer(settings(1))
        .train(problem.inputs(), problem.targets(), problem.labelEmbeddings());
    OvaClassifiers reseeded = new OvaTrainer(settings(1).withThreads(1, 12L))
        .train(problem.inputs(), problem.targets(), problem.labelEmbeddings());

    assertEquals(false, java.util.Arrays.equals(first.weights().data(), reseeded.weights().data()));
  }

  @Test
  void mismatchedShapesAreRejected() {
    Problem problem = separableProblem();
    OvaTrainer trainer = new OvaTrainer(settings(1));
    DenseMatrix tooFewInputs = new DenseMatrix(3, DIMENSION);
    assertThrows(IllegalArgumentException.class,
        () -> trainer.train(tooFewInputs, problem.targets(), problem.labelEmbeddings()));
    DenseMatrix wrongDimension = new DenseMatrix(LABELS, DIMENSION + 1);
    assertThrows(IllegalArgumentException.class,
        () -> trainer.train(problem.inputs(), problem.targets(), wrongDimension));
  }

  @Test
  void targetOutsideUnitIntervalIsRejected() {
    Problem problem = separableProblem();
    LabelMatrix bad = new LabelMatrix(1, LABELS, new int[] {0, 1}, new int[] {0}, new float[] {1.5f});
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
        () -> new OvaTrainer(settings(1)).train(
            ValidationSplit.select(problem.inputs(), new int[] {0}), bad, problem.labelEmbeddings()));
    assertEquals(true, error.getMessage().contains("1.5"), error.getMessage());
  }

  @Test
  void jointEncoderLearnsFromRandomTable() {
    // Each document has two features: one shared by its label's documents and one of its own.
    // The feature table starts random, so only a trained encoder can separate the labels.
    SplittableRandom random = new SplittableRandom(DATA_SEED);
    int documents = LABELS * DOCUMENTS_PER_LABEL;
    int featureCount = LABELS + documents;
    LabelMatrix.Builder featureBuilder = new LabelMatrix.Builder(featureCount);
    LabelMatrix.Builder targetBuilder = new LabelMatrix.Builder(LABELS);
    for (int document = 0; document < documents; document++) {
      int label = document % LABELS;
      featureBuilder.addRow(new int[] {label, LABELS + document}, new float[] {1f, 1f}, 2);
      targetBuilder.addRow(new int[] {label}, new float[] {1f}, 1);
    }
    LabelMatrix features = featureBuilder.build();
    LabelMatrix targets = targetBuilder.build();
    DenseMatrix labelEmbeddings = randomUnitRows(random, LABELS);

    BagOfEmbeddings encoder = new BagOfEmbeddings(features, randomTable(random, featureCount));
    OvaClassifiers classifiers = new OvaTrainer(settings(1).withEncoderLearningRate(0.5f))
        .train(encoder, targets, labelEmbeddings, new io.leverxc.ann.ExactSearcher(labelEmbeddings));

    DenseMatrix encoded = BagOfEmbeddings.encodeAll(features, encoder.table());
    int correct = 0;
    for (int document = 0; document < documents; document++) {
      if (predict(classifiers, encoded.row(document)) == document % LABELS) {
        correct++;
      }
    }
    assertEquals(documents, correct, "documents ranked with their own label first");
  }

  @Test
  void jointTrainingIsBitIdenticalOnOneThread() {
    SplittableRandom random = new SplittableRandom(DATA_SEED);
    LabelMatrix features = new LabelMatrix(3, 4, new int[] {0, 2, 3, 4}, new int[] {0, 1, 2, 3}, new float[] {1, 1, 1, 1});
    LabelMatrix targets = new LabelMatrix(3, LABELS, new int[] {0, 1, 2, 3}, new int[] {0, 1, 2}, new float[] {1, 1, 0.5f});
    DenseMatrix labelEmbeddings = randomUnitRows(random, LABELS);
    DenseMatrix table = randomTable(random, 4);

    BagOfEmbeddings first = new BagOfEmbeddings(features, table.copy());
    OvaClassifiers firstModel = new OvaTrainer(settings(1)).train(
        first, targets, labelEmbeddings, new io.leverxc.ann.ExactSearcher(labelEmbeddings));
    BagOfEmbeddings second = new BagOfEmbeddings(features, table.copy());
    OvaClassifiers secondModel = new OvaTrainer(settings(1)).train(
        second, targets, labelEmbeddings, new io.leverxc.ann.ExactSearcher(labelEmbeddings));

    assertArrayEquals(first.table().data(), second.table().data());
    assertArrayEquals(firstModel.weights().data(), secondModel.weights().data());
    assertEquals(false, java.util.Arrays.equals(table.data(), first.table().data()), "the table was trained");
  }

  private static DenseMatrix randomTable(SplittableRandom random, int rows) {
    DenseMatrix table = new DenseMatrix(rows, DIMENSION);
    for (int i = 0; i < table.data().length; i++) {
      table.data()[i] = (float) random.nextGaussian() * 0.1f;
    }
    return table;
  }

  @Test
  void adjacentRowsDrawIndependentNegatives() {
    int labels = 15_000;
    int overlapping = 0;
    for (int row = 0; row < 10_000; row++) {
      SplittableRandom current = new SplittableRandom(OvaTrainer.rowSeed(42L, 1, row));
      SplittableRandom next = new SplittableRandom(OvaTrainer.rowSeed(42L, 1, row + 1));
      current.nextInt(labels);
      boolean shifted = true;
      for (int draw = 0; draw < 4; draw++) {
        shifted &= current.nextInt(labels) == next.nextInt(labels);
      }
      if (shifted) {
        overlapping++;
      }
    }

    // Unrelated streams repeat four draws of 15,000 labels with probability 15,000^-4 per pair.
    assertEquals(0, overlapping);
  }
}
