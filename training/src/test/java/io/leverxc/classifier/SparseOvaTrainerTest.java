package io.leverxc.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.LabelMatrix;
import io.leverxc.model.SparseClassifiers;
import io.leverxc.vector.SparseVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparseOvaTrainerTest {
  private static final int LABELS = 3;
  private static final int FEATURES = 8;
  private static final int DOCUMENTS_PER_LABEL = 6;

  /**
   * Documents of label l contain feature l (its cue word, value 0.8) and one of the shared
   * features 3 to 5 (value 0.6), so only the cue separates the labels. Feature 6 appears in label
   * texts only, and feature 7 nowhere.
   */
  private static List<SparseVector> documents() {
    List<SparseVector> documents = new ArrayList<>();
    for (int label = 0; label < LABELS; label++) {
      for (int i = 0; i < DOCUMENTS_PER_LABEL; i++) {
        documents.add(SparseVector.of(new int[] {label, 3 + i % 3}, new float[] {0.8f, 0.6f}));
      }
    }
    return documents;
  }

  private static LabelMatrix targets() {
    LabelMatrix.Builder builder = new LabelMatrix.Builder(LABELS);
    for (int label = 0; label < LABELS; label++) {
      for (int i = 0; i < DOCUMENTS_PER_LABEL; i++) {
        builder.addRow(new int[] {label}, new float[] {1f}, 1);
      }
    }
    return builder.build();
  }

  /** Returns every label as a hard negative of every document, positives included, which the trainer skips. */
  private static int[][] allLabelsAsNegatives() {
    int[][] negatives = new int[LABELS * DOCUMENTS_PER_LABEL][];
    for (int row = 0; row < negatives.length; row++) {
      negatives[row] = new int[] {0, 1, 2};
    }
    return negatives;
  }

  private static List<SparseVector> labelTexts() {
    List<SparseVector> texts = new ArrayList<>();
    for (int label = 0; label < LABELS; label++) {
      texts.add(SparseVector.of(new int[] {label, 6}, new float[] {0.6f, 0.8f}));
    }
    return texts;
  }

  private static SparseOvaSettings settings(int threads, boolean labelTexts, float pruneThreshold) {
    return new SparseOvaSettings(20, 1f, 1e-5f, pruneThreshold, 3, 1, labelTexts, 0, threads, 11L);
  }

  private static SparseClassifiers train(SparseOvaSettings settings) {
    return new SparseOvaTrainer(settings)
        .train(documents(), targets(), allLabelsAsNegatives(), labelTexts(), FEATURES);
  }

  @Test
  void separatesLabelsByTheirCueFeature() {
    SparseClassifiers classifiers = train(settings(1, false, 0f));

    for (int label = 0; label < LABELS; label++) {
      SparseVector cueOnly = SparseVector.of(new int[] {label}, new float[] {1f});
      for (int other = 0; other < LABELS; other++) {
        if (other != label) {
          assertTrue(
              classifiers.logit(label, cueOnly) > classifiers.logit(other, cueOnly) + 1f,
              "label " + label + " against " + other);
        }
      }
      // Every training document of the label is classified right on its own.
      SparseVector document = documents().get(label * DOCUMENTS_PER_LABEL);
      assertTrue(classifiers.logit(label, document) > 0f, "positive of label " + label);
      assertTrue(classifiers.logit((label + 1) % LABELS, document) < 0f, "negative of label " + label);
    }
  }

  @Test
  void weightsCoverOnlyFeaturesOfPositiveRows() {
    SparseClassifiers classifiers = train(settings(1, true, 0f));

    for (int label = 0; label < LABELS; label++) {
      int[] expected = {label, 3, 4, 5, 6};
      int start = classifiers.weights().rowStart(label);
      int[] actual = new int[classifiers.weights().rowSize(label)];
      for (int i = 0; i < actual.length; i++) {
        actual[i] = classifiers.weights().label(start + i);
      }
      assertArrayEquals(expected, actual, "label " + label);
    }
  }

  @Test
  void threadCountDoesNotChangeTheWeights() {
    SparseClassifiers one = train(settings(1, true, 0.01f));
    SparseClassifiers three = train(settings(3, true, 0.01f));

    assertArrayEquals(one.biases(), three.biases());
    assertEquals(one.nonZeros(), three.nonZeros());
    for (int position = 0; position < one.nonZeros(); position++) {
      assertEquals(one.weights().label(position), three.weights().label(position));
      assertEquals(one.weights().value(position), three.weights().value(position));
    }
  }

  @Test
  void pruningDropsSmallWeights() {
    SparseClassifiers all = train(settings(1, true, 0f));
    // The median absolute weight, so that about half the weights fall below it.
    float[] magnitudes = new float[all.nonZeros()];
    for (int position = 0; position < magnitudes.length; position++) {
      magnitudes[position] = Math.abs(all.weights().value(position));
    }
    java.util.Arrays.sort(magnitudes);
    float threshold = magnitudes[magnitudes.length / 2];
    int large = 0;
    for (int position = 0; position < all.nonZeros(); position++) {
      if (Math.abs(all.weights().value(position)) >= threshold) {
        large++;
      }
    }

    SparseClassifiers pruned = train(settings(1, true, threshold));

    assertEquals(large, pruned.nonZeros());
    assertTrue(large < all.nonZeros(), "no weight was pruned at " + threshold);
    for (int position = 0; position < pruned.nonZeros(); position++) {
      assertTrue(Math.abs(pruned.weights().value(position)) >= threshold);
    }
  }

  @Test
  void logLossIsStableForLargeLogits() {
    assertEquals(Math.log(2), SparseOvaTrainer.logLoss(0, 1f), 1e-12);
    assertEquals(1000, SparseOvaTrainer.logLoss(-1000, 1f), 1e-9);
    assertEquals(0, SparseOvaTrainer.logLoss(1000, 1f), 1e-12);
    assertEquals(Math.log1p(Math.exp(-2)), SparseOvaTrainer.logLoss(-2, 0f), 1e-12);
  }

  @Test
  void mismatchedInputsAreRejected() {
    SparseOvaTrainer trainer = new SparseOvaTrainer(settings(1, true, 0f));

    IllegalArgumentException rows =
        assertThrows(IllegalArgumentException.class,
            () -> trainer.train(documents().subList(0, 3), targets(), allLabelsAsNegatives(), labelTexts(), FEATURES));
    IllegalArgumentException texts =
        assertThrows(IllegalArgumentException.class,
            () -> trainer.train(documents(), targets(), allLabelsAsNegatives(), null, FEATURES));
    IllegalArgumentException dimension =
        assertThrows(IllegalArgumentException.class,
            () -> trainer.train(documents(), targets(), allLabelsAsNegatives(), labelTexts(), 5));
    assertEquals(
        "there are 3 documents, 18 hard-negative lists and 18 label rows; expected one of each per document",
        rows.getMessage());
    assertEquals(
        "label-text rows are on, so there must be one feature vector per label (3), found none", texts.getMessage());
    assertEquals("a positive row of label 0 has feature id 5, expected ids below 5", dimension.getMessage());
  }

  @Test
  void settingsRejectOutOfRangeValues() {
    assertThrows(IllegalArgumentException.class, () -> new SparseOvaSettings(0, 1f, 0f, 0f, 1, 1, true, 0, 1, 1L));
    assertThrows(IllegalArgumentException.class, () -> new SparseOvaSettings(1, 0f, 0f, 0f, 1, 1, true, 0, 1, 1L));
    assertThrows(IllegalArgumentException.class, () -> new SparseOvaSettings(1, 1f, -1f, 0f, 1, 1, true, 0, 1, 1L));
    assertThrows(IllegalArgumentException.class, () -> new SparseOvaSettings(1, 1f, 0f, Float.NaN, 1, 1, true, 0, 1, 1L));
    assertThrows(IllegalArgumentException.class, () -> new SparseOvaSettings(1, 1f, 0f, 0f, -1, 1, true, 0, 1, 1L));
    IllegalArgumentException threads =
        assertThrows(IllegalArgumentException.class, () -> new SparseOvaSettings(1, 1f, 0f, 0f, 1, 1, true, 0, 0, 1L));
    assertEquals("sparse threads must be in [1, 1024], got 0", threads.getMessage());
    IllegalArgumentException maxWeights =
        assertThrows(IllegalArgumentException.class, () -> new SparseOvaSettings(1, 1f, 0f, 0f, 1, 1, true, -1, 1, 1L));
    assertEquals("sparse allNegativesMaxWeights must be >= 0, got -1", maxWeights.getMessage());
  }
}
