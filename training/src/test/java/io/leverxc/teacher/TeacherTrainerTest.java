package io.leverxc.teacher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.LabelMatrix;
import io.leverxc.eval.EvaluationResult;
import io.leverxc.eval.Propensity;
import io.leverxc.eval.PropensityConstants;
import io.leverxc.model.EmbeddingBagEncoder;
import io.leverxc.vector.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TeacherTrainerTest {
  private static final int LABELS = 16;
  private static final int DOCUMENTS_PER_LABEL = 3;
  private static final int NOISE_FEATURES = 8;
  private static final int FEATURES = 2 * LABELS + NOISE_FEATURES;

  /**
   * A separable data set whose label texts share no feature with their documents: label l's text
   * is feature l, and its documents carry feature LABELS + l plus one shared noise feature. Only a
   * trained encoder can match labels to documents; a random one ranks them by chance.
   */
  private record Toy(List<SparseVector> documents, LabelMatrix labels, List<SparseVector> labelTexts) {}

  private static Toy toy() {
    List<SparseVector> documents = new ArrayList<>();
    LabelMatrix.Builder builder = new LabelMatrix.Builder(LABELS);
    SplittableRandom random = new SplittableRandom(42);
    for (int label = 0; label < LABELS; label++) {
      for (int d = 0; d < DOCUMENTS_PER_LABEL; d++) {
        int noise = 2 * LABELS + random.nextInt(NOISE_FEATURES);
        documents.add(SparseVector.of(new int[] {LABELS + label, noise}, new float[] {0.8f, 0.6f}));
        builder.addRow(new int[] {label}, new float[] {1f}, 1);
      }
    }
    List<SparseVector> labelTexts = new ArrayList<>();
    for (int label = 0; label < LABELS; label++) {
      labelTexts.add(SparseVector.of(new int[] {label}, new float[] {1f}));
    }
    return new Toy(documents, builder.build(), labelTexts);
  }

  private static TeacherSettings.Builder smallSettings() {
    return TeacherSettings.builder()
        .dimension(16)
        .epochs(60)
        .batchSize(8)
        .negativesPerRow(3)
        .learningRate(0.1f)
        .warmupSteps(5)
        .clusterSize(4)
        .clusterStartEpoch(10)
        .clusterEvery(5)
        .validationEvery(20)
        .threads(1)
        .seed(7);
  }

  private static TeacherEvaluation trainEvaluation(Toy toy) {
    Propensity propensity = Propensity.fromTrainLabels(toy.labels(), PropensityConstants.DEFAULT);
    return new TeacherEvaluation(toy.documents(), toy.labels(), PairFilter.NONE, propensity);
  }

  @Test
  void separableDataReachesPerfectPrecisionAt1() {
    Toy toy = toy();
    TeacherEvaluation evaluation = trainEvaluation(toy);
    EmbeddingBagEncoder untrained =
        TeacherTrainer.initialEncoder(FEATURES, 16, new SplittableRandom(7));
    double before = evaluation.evaluate(untrained, toy.labelTexts(), 1).metric("P@1");
    assertTrue(before < 0.5, "a random encoder should not separate the toy set, P@1 " + before);

    TrainedTeacher trained = new TeacherTrainer(smallSettings().build())
        .fit(toy.documents(), toy.labels(), toy.labelTexts(), FEATURES, evaluation);
    EvaluationResult after = evaluation.evaluate(trained.encoder(), toy.labelTexts(), 1);
    assertEquals(1.0, after.metric("P@1"));
    assertEquals(1.0, after.metric("C@5"));
    assertEquals(60, trained.epochs().size());
    assertEquals(1.0, trained.epochs().get(59).validation().metric("P@1"));
    assertTrue(trained.epochs().get(59).meanLoss() < trained.epochs().get(0).meanLoss(), "loss should fall");
  }

  @Test
  void twoWorkerThreadsAlsoSeparate() {
    Toy toy = toy();
    TeacherEvaluation evaluation = trainEvaluation(toy);
    EmbeddingBagEncoder encoder = new TeacherTrainer(smallSettings().threads(2).build())
        .train(toy.documents(), toy.labels(), toy.labelTexts(), FEATURES);
    assertEquals(1.0, evaluation.evaluate(encoder, toy.labelTexts(), 2).metric("P@1"));
  }

  @Test
  void seededSingleThreadRunsAreBitIdentical() {
    Toy toy = toy();
    TeacherSettings settings = smallSettings().epochs(15).build();
    byte[] first = new TeacherTrainer(settings).train(toy.documents(), toy.labels(), toy.labelTexts(), FEATURES).toBytes();
    byte[] second = new TeacherTrainer(settings).train(toy.documents(), toy.labels(), toy.labelTexts(), FEATURES).toBytes();
    assertArrayEquals(first, second);

    byte[] otherSeed = new TeacherTrainer(settings.toBuilder().seed(8).build())
        .train(toy.documents(), toy.labels(), toy.labelTexts(), FEATURES).toBytes();
    assertFalse(Arrays.equals(first, otherSeed), "a different seed should give a different encoder");
  }

  @Test
  void labelWithoutDocumentsTrainsOnItsText() {
    Toy toy = toy();
    // One more label, with a text but no document: only its own text can be its positive.
    List<SparseVector> labelTexts = new ArrayList<>(toy.labelTexts());
    labelTexts.add(SparseVector.of(new int[] {2 * LABELS}, new float[] {1f}));
    LabelMatrix.Builder builder = new LabelMatrix.Builder(LABELS + 1);
    for (int row = 0; row < toy.labels().rows(); row++) {
      builder.addRow(new int[] {toy.labels().label(toy.labels().rowStart(row))}, new float[] {1f}, 1);
    }
    LabelMatrix labels = builder.build();

    LabelBatchSampler withText = new LabelBatchSampler(toy.documents(), labels, labelTexts, true);
    assertEquals(LABELS + 1, withText.trainableLabels().length);
    assertEquals(-(LABELS + 1), withText.drawPositive(LABELS, new SplittableRandom(1)));
    LabelBatchSampler withoutText = new LabelBatchSampler(toy.documents(), labels, labelTexts, false);
    assertEquals(LABELS, withoutText.trainableLabels().length);

    EmbeddingBagEncoder encoder = new TeacherTrainer(smallSettings().epochs(5).build())
        .train(toy.documents(), labels, labelTexts, FEATURES);
    assertEquals(LABELS + 1, labelTexts.size());
    assertEquals(16, encoder.dimension());
  }

  @Test
  void mismatchedInputsAreRejected() {
    Toy toy = toy();
    TeacherTrainer trainer = new TeacherTrainer(smallSettings().build());
    IllegalArgumentException rows = assertThrows(
        IllegalArgumentException.class,
        () -> trainer.train(toy.documents().subList(0, 5), toy.labels(), toy.labelTexts(), FEATURES));
    assertTrue(rows.getMessage().contains("5 document feature vectors but 48 label rows"), rows.getMessage());

    IllegalArgumentException features = assertThrows(
        IllegalArgumentException.class,
        () -> trainer.train(toy.documents(), toy.labels(), toy.labelTexts(), LABELS + 1));
    assertTrue(features.getMessage().contains("has feature index"), features.getMessage());
    assertTrue(features.getMessage().contains("not below featureDimension " + (LABELS + 1)), features.getMessage());
  }

  @Test
  void featurelessLabelTextsAreCounted() {
    Toy toy = toy();
    // Every label text but one lost its features, as when its words are all too rare for the vocabulary.
    List<SparseVector> labelTexts = new ArrayList<>();
    labelTexts.add(toy.labelTexts().get(0));
    for (int label = 1; label < LABELS; label++) {
      labelTexts.add(SparseVector.empty());
    }

    IllegalArgumentException withText = assertThrows(
        IllegalArgumentException.class,
        () -> new TeacherTrainer(smallSettings().build()).train(toy.documents(), toy.labels(), labelTexts, FEATURES));
    assertTrue(withText.getMessage().startsWith("only 1 of 16 labels can train the teacher"), withText.getMessage());
    assertTrue(withText.getMessage().contains("15 label texts have no text features."), withText.getMessage());

    IllegalArgumentException withoutText = assertThrows(
        IllegalArgumentException.class,
        () -> new TeacherTrainer(smallSettings().labelTextAsDocument(false).build())
            .train(toy.documents(), toy.labels(), labelTexts, FEATURES));
    assertTrue(
        withoutText.getMessage().contains("15 label texts have no text features, and 0 labels have no training"),
        withoutText.getMessage());
  }
}
