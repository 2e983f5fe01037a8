package io.leverxc.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.classifier.ValidationSplit;
import io.leverxc.data.FilterPairs;
import io.leverxc.data.LabelMatrix;
import io.leverxc.text.FeatureSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TitleFeatureChoiceTest {
  private static final String[] SUFFIXES = {"dev", "doc", "data", "utils"};
  private static final String[] FILLER = {
    "fast", "small", "tool", "for", "the", "system", "with", "support", "and", "files", "simple", "new"
  };
  private static final int DOCUMENTS_PER_LABEL = 100;

  /** Documents whose label shows only in the spelling of their title, glued to a unique name. */
  static List<String> titledTexts(Random random) {
    List<String> texts = new ArrayList<>();
    for (int label = 0; label < SUFFIXES.length; label++) {
      for (int i = 0; i < DOCUMENTS_PER_LABEL; i++) {
        texts.add("pkg" + label + "x" + i + SUFFIXES[label] + ": " + filler(random));
      }
    }
    return texts;
  }

  /** Documents whose label shows only in their description, under a random title. */
  private static List<String> describedTexts(Random random) {
    List<String> texts = new ArrayList<>();
    for (int label = 0; label < SUFFIXES.length; label++) {
      for (int i = 0; i < DOCUMENTS_PER_LABEL; i++) {
        StringBuilder title = new StringBuilder();
        for (int c = 0; c < 8; c++) {
          title.append((char) ('a' + random.nextInt(26)));
        }
        texts.add(title + ": topic" + SUFFIXES[label] + " " + filler(random));
      }
    }
    return texts;
  }

  private static String filler(Random random) {
    StringBuilder words = new StringBuilder();
    for (int w = 0; w < 6; w++) {
      words.append(w == 0 ? "" : " ").append(FILLER[random.nextInt(FILLER.length)]);
    }
    return words.toString();
  }

  static LabelMatrix labels() {
    LabelMatrix.Builder labels = new LabelMatrix.Builder(SUFFIXES.length);
    for (int label = 0; label < SUFFIXES.length; label++) {
      for (int i = 0; i < DOCUMENTS_PER_LABEL; i++) {
        labels.addRow(new int[] {label}, new float[] {1f}, 1);
      }
    }
    return labels.build();
  }

  private static TitleFeatureChoice.Outcome choose(List<String> texts) {
    ValidationSplit split = ValidationSplit.carve(texts.size(), 0.25, 7);
    return TitleFeatureChoice.choose(
        FeatureSettings.defaults(), texts, labels(), List.of("dev: a", "doc: b", "data: c", "utils: d"), split,
        FilterPairs.none(), 1);
  }

  @Test
  void keepsTitlesThatNameLabels() {
    TitleFeatureChoice.Outcome outcome = choose(titledTexts(new Random(1)));
    assertTrue(outcome.settings().titleCharNgrams());
    assertTrue(outcome.precisionWith() > 0.9, () -> "with titles " + outcome.precisionWith());
    assertTrue(outcome.precisionWithout() < 0.6, () -> "without titles " + outcome.precisionWithout());
  }

  @Test
  void dropsTitlesThatAddNoise() {
    TitleFeatureChoice.Outcome outcome = choose(describedTexts(new Random(2)));
    assertFalse(outcome.settings().titleCharNgrams());
    assertTrue(outcome.precisionWithout() > 0.7, () -> "without titles " + outcome.precisionWithout());
  }

  @Test
  void keepsEveryOtherSetting() {
    FeatureSettings base = FeatureSettings.builder().minDocumentFrequency(2).wordBigrams(false).build();
    List<String> texts = titledTexts(new Random(3));
    TitleFeatureChoice.Outcome outcome =
        TitleFeatureChoice.choose(
            base, texts, labels(), List.of("dev: a", "doc: b", "data: c", "utils: d"),
            ValidationSplit.carve(texts.size(), 0.25, 7), FilterPairs.none(), 1);
    assertTrue(outcome.settings().equals(base.toBuilder().titleCharNgrams(true).build()));
  }

  @Test
  void tooFewValidationDocumentsLeaveTitlesOut() {
    List<String> texts = titledTexts(new Random(4));
    TitleFeatureChoice.Outcome outcome =
        TitleFeatureChoice.choose(
            FeatureSettings.defaults(), texts, labels(), List.of("dev: a", "doc: b", "data: c", "utils: d"),
            ValidationSplit.carve(texts.size(), 0.2, 7), FilterPairs.none(), 1);
    assertFalse(outcome.settings().titleCharNgrams());
    assertTrue(Double.isNaN(outcome.precisionWith()));
  }

  @Test
  void textsWithoutTitlesSkipTheProbe() {
    List<String> texts = titledTexts(new Random(6)).stream().map(text -> text.replace(": ", " - ")).toList();
    TitleFeatureChoice.Outcome outcome = choose(texts);
    assertFalse(outcome.settings().titleCharNgrams());
    assertTrue(Double.isNaN(outcome.precisionWithout()));
    assertTrue(outcome.reason().startsWith("no training text has a title"), outcome.reason());
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "rise {0}, changed {1}, of {2}: {3}")
  @org.junit.jupiter.params.provider.CsvSource({
    // One point of 1,000 documents is 10, and two standard deviations of 25 changed are 10.
    "10, 25, 1000, true",
    "9, 25, 1000, false",
    "10, 26, 1000, false",
    // 1% of 100 is one document, so two standard deviations decide.
    "2, 1, 100, true",
    "1, 1, 100, false",
    "3, 2, 300, true",
    "0, 0, 1000, false",
    "-12, 30, 1000, false",
    "11, 0, 1028, true"
  })
  void decisionRuleBoundaries(int rise, int changed, int probed, boolean expectedKeep) {
    assertEquals(expectedKeep, TitleFeatureChoice.keeps(rise, changed, probed));
  }

  @Test
  void minimumRiseIsOnePercentRoundedUp() {
    assertEquals(1, TitleFeatureChoice.minimumRise(100));
    assertEquals(3, TitleFeatureChoice.minimumRise(300));
    assertEquals(11, TitleFeatureChoice.minimumRise(1028));
    assertEquals(30, TitleFeatureChoice.minimumRise(3000));
  }

  @Test
  void exactlyMinimumValidationDocumentsAreProbed() {
    List<String> texts = titledTexts(new Random(8));
    ValidationSplit split = ValidationSplit.carve(texts.size(), 0.25, 7);
    assertEquals(TitleFeatureChoice.MIN_PROBE_DOCUMENTS, split.validationRows().length);
    TitleFeatureChoice.Outcome outcome =
        TitleFeatureChoice.choose(
            FeatureSettings.defaults(), texts, labels(), List.of("dev: a", "doc: b", "data: c", "utils: d"), split,
            FilterPairs.none(), 2);
    assertFalse(Double.isNaN(outcome.precisionWith()));
  }
}
