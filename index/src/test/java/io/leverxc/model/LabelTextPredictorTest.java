package io.leverxc.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.data.XcDataset;
import io.leverxc.model.LabelPredictor.ScoredLabel;
import io.leverxc.text.FeatureSettings;
import io.leverxc.text.TfidfFeaturizer;
import io.leverxc.vector.SparseVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelTextPredictorTest {
  private static final FeatureSettings WORDS_ONLY =
      FeatureSettings.builder()
          .wordBigrams(false)
          .charNgrams(false)
          .stem(false)
          .removeStopWords(false)
          .minDocumentFrequency(1)
          .build();

  private static final List<String> WORDS =
      List.of("dog", "cat", "bird", "fish", "pet", "wild", "small", "large", "water", "tree");

  private static LabelTextPredictor wordsOnly(List<String> labelTexts) {
    return new LabelTextPredictor(TfidfFeaturizer.fit(WORDS_ONLY, labelTexts, 1), labelTexts, "test-model");
  }

  @Test
  void scoresMatchHandComputedCosine() {
    LabelTextPredictor predictor = wordsOnly(List.of("cat dog", "cat", "bird"));

    // idf(cat) = ln(4/3) + 1 = 1.287682 and idf(dog) = ln(4/2) + 1 = 1.693147, so label 0 is
    // (1.287682, 1.693147) / 2.127175 = (0.605349, 0.795959) and label 1 is (1.0) on cat.
    List<ScoredLabel> dog = predictor.predict("dog", 10);
    assertEquals(1, dog.size(), "only label 0 contains dog");
    assertEquals(0, dog.get(0).id());
    assertEquals(0.795959f, dog.get(0).score(), 1e-5f);

    List<ScoredLabel> cat = predictor.predict("cat", 10);
    assertEquals(2, cat.size());
    assertEquals(1, cat.get(0).id(), "the label that is only 'cat' ranks first");
    assertEquals(1.0f, cat.get(0).score(), 1e-5f);
    assertEquals(0, cat.get(1).id());
    assertEquals(0.605349f, cat.get(1).score(), 1e-5f);
  }

  @Test
  void kLimitsResultCount() {
    LabelTextPredictor predictor = wordsOnly(List.of("cat dog", "cat", "cat bird"));
    assertEquals(3, predictor.predict("cat", 10).size());
    assertEquals(1, predictor.predict("cat", 1).size());
    assertEquals(1, predictor.predict("cat", 1).get(0).id());
  }

  @Test
  void tiesGoToSmallerLabelId() {
    LabelTextPredictor predictor = wordsOnly(List.of("bird", "pet dog", "pet cat"));
    List<ScoredLabel> pet = predictor.predict("pet", 10);
    assertEquals(2, pet.size());
    assertEquals(pet.get(0).score(), pet.get(1).score(), 0f);
    assertEquals(1, pet.get(0).id());
    assertEquals(2, pet.get(1).id());
  }

  @Test
  void textWithoutKnownFeaturesGivesEmptyList() {
    LabelTextPredictor predictor = wordsOnly(List.of("cat dog", "cat", "bird"));
    assertTrue(predictor.predict("", 5).isEmpty());
    assertTrue(predictor.predict("zebra unicorn", 5).isEmpty());
  }

  @Test
  void nonPositiveKIsRejected() {
    LabelTextPredictor predictor = wordsOnly(List.of("cat dog", "cat", "bird"));
    assertThrows(IllegalArgumentException.class, () -> predictor.predict("cat", 0));
    assertThrows(IllegalArgumentException.class, () -> predictor.predict("cat", -3));
  }

  @Test
  void emptyLabelListIsRejected() {
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(WORDS_ONLY, List.of("cat"), 1);
    assertThrows(IllegalArgumentException.class, () -> new LabelTextPredictor(featurizer, List.of(), "empty"));
  }

  @Test
  void labelLookupAndSummary() {
    LabelTextPredictor predictor = wordsOnly(List.of("cat dog", "cat", "bird"));
    assertEquals(3, predictor.labelCount());
    assertEquals("bird", predictor.labelText(2));
    assertEquals("test-model", predictor.modelId());
    assertEquals(LabelTextPredictor.KIND, predictor.summary().get("kind"));
    assertEquals(3, predictor.summary().get("label_count"));
    // Postings: cat twice, dog once, bird once.
    assertEquals(4, predictor.summary().get("postings"));
    assertThrows(IndexOutOfBoundsException.class, () -> predictor.labelText(3));
  }

  /** The inverted index must give exactly the brute-force dot products, best first. */
  @Property(tries = 50)
  void invertedIndexMatchesBruteForce(
      @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 1023) Integer> labelSeeds,
      @ForAll @IntRange(min = 0, max = 1023) int querySeed,
      @ForAll @IntRange(min = 1, max = 40) int k) {
    List<String> labelTexts = labelSeeds.stream().map(LabelTextPredictorTest::wordsFromBits).toList();
    // Seed 0 gives an empty label text, so fit on every word too to keep the vocabulary non-empty.
    List<String> fitTexts = new ArrayList<>(labelTexts);
    fitTexts.add(String.join(" ", WORDS));
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(WORDS_ONLY, fitTexts, 1);
    LabelTextPredictor predictor = new LabelTextPredictor(featurizer, labelTexts, "property");
    String query = wordsFromBits(querySeed);

    List<ScoredLabel> expected = bruteForce(featurizer, labelTexts, query, k);
    List<ScoredLabel> actual = predictor.predict(query, k);
    assertEquals(expected.size(), actual.size(), "result count for query '" + query + "'");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).id(), actual.get(i).id(), "rank " + i + " for query '" + query + "'");
      assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-5f, "rank " + i);
    }
  }

  @Test
  void concurrentCallsMatchSequentialOnes() throws Exception {
    List<String> labelTexts = new ArrayList<>();
    for (int seed = 1; seed < 200; seed++) {
      labelTexts.add(wordsFromBits(seed * 7 % 1024));
    }
    LabelTextPredictor predictor = wordsOnly(labelTexts);
    List<String> queries = new ArrayList<>();
    for (int seed = 0; seed < 100; seed++) {
      queries.add(wordsFromBits(seed * 13 % 1024));
    }
    List<List<ScoredLabel>> sequential = queries.stream().map(query -> predictor.predict(query, 5)).toList();

    int threads = 4;
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<List<List<ScoredLabel>>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> queries.stream().map(query -> predictor.predict(query, 5)).toList()));
      }
      for (Future<List<List<ScoredLabel>>> future : futures) {
        assertEquals(sequential, future.get());
      }
    }
  }

  @Test
  void fitIdDependsOnLabelTexts(@TempDir Path directory) throws IOException {
    Path first = writeDataset(directory.resolve("first"), List.of("cat dog", "bird fish"));
    Path second = writeDataset(directory.resolve("second"), List.of("cat dog", "bird tree"));

    LabelTextPredictor firstModel = LabelTextPredictor.fit(XcDataset.load(first), WORDS_ONLY, 1);
    LabelTextPredictor firstAgain = LabelTextPredictor.fit(XcDataset.load(first), WORDS_ONLY, 1);
    LabelTextPredictor secondModel = LabelTextPredictor.fit(XcDataset.load(second), WORDS_ONLY, 1);

    assertTrue(firstModel.modelId().startsWith(LabelTextPredictor.KIND + "-"), firstModel.modelId());
    assertEquals(firstModel.modelId(), firstAgain.modelId());
    assertNotEquals(firstModel.modelId(), secondModel.modelId());
    assertEquals(1, firstModel.predict("a small fish", 1).get(0).id());
  }

  private static Path writeDataset(Path directory, List<String> labelTexts) throws IOException {
    Files.createDirectories(directory);
    Files.write(directory.resolve("Y.txt"), labelTexts);
    Files.write(directory.resolve("trn_X.txt"), List.of("my dog and cat", "fish in water"));
    Files.write(directory.resolve("trn_X_Y.txt"), List.of("2 2", "0:1", "1:1"));
    return directory;
  }

  /** Builds a text from the words whose bit is set in {@code bits}, so seeds map to word sets. */
  private static String wordsFromBits(int bits) {
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < WORDS.size(); i++) {
      if ((bits & (1 << i)) != 0) {
        chosen.add(WORDS.get(i));
      }
    }
    return String.join(" ", chosen);
  }

  private static List<ScoredLabel> bruteForce(TfidfFeaturizer featurizer, List<String> labelTexts, String query, int k) {
    SparseVector queryFeatures = featurizer.features(query);
    List<ScoredLabel> scored = new ArrayList<>();
    for (int label = 0; label < labelTexts.size(); label++) {
      SparseVector labelFeatures = featurizer.features(labelTexts.get(label));
      if (sharesFeature(queryFeatures, labelFeatures)) {
        scored.add(new ScoredLabel(label, dot(queryFeatures, labelFeatures)));
      }
    }
    scored.sort(Comparator.comparing((ScoredLabel s) -> -s.score()).thenComparingInt(ScoredLabel::id));
    return scored.subList(0, Math.min(k, scored.size()));
  }

  private static boolean sharesFeature(SparseVector a, SparseVector b) {
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) {
        if (a.index(i) == b.index(j)) {
          return true;
        }
      }
    }
    return false;
  }

  private static float dot(SparseVector a, SparseVector b) {
    float sum = 0f;
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) {
        if (a.index(i) == b.index(j)) {
          sum += a.value(i) * b.value(j);
        }
      }
    }
    return sum;
  }
}
