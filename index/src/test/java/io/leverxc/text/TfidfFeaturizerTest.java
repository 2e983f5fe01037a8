package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfidfFeaturizerTest {
  private static final FeatureSettings WORDS_ONLY =
      FeatureSettings.builder()
          .wordBigrams(false)
          .charNgrams(false)
          .stem(false)
          .removeStopWords(false)
          .minDocumentFrequency(1)
          .build();

  private static final List<String> CORPUS =
      List.of(
          "substance: the real physical matter of which a person or thing consists",
          "food, nutrient: any substance that can be metabolized by an animal",
          "matter: that which has mass and occupies space",
          "a person's beliefs about the matter",
          "Café crème brûlée, 3.14 and 2024 numbers");

  private static int idOf(TfidfFeaturizer featurizer, String term) {
    for (int id = 0; id < featurizer.dimension(); id++) {
      if (featurizer.vocabularyTerm(id).equals(term)) {
        return id;
      }
    }
    throw new AssertionError("term " + term + " not in vocabulary");
  }

  @Test
  void weightsMatchHandComputedTfidf() {
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(WORDS_ONLY, List.of("cat dog", "cat", "bird"), 1);
    assertEquals(3, featurizer.dimension());
    assertEquals("w:cat", featurizer.vocabularyTerm(0), "most frequent word gets id 0");
    int cat = idOf(featurizer, "w:cat");
    int dog = idOf(featurizer, "w:dog");
    // idf(cat) = ln(4/3) + 1 = 1.287682, idf(dog) = ln(4/2) + 1 = 1.693147.
    assertEquals(1.287682f, featurizer.idf(cat), 1e-6f);
    assertEquals(1.693147f, featurizer.idf(dog), 1e-6f);

    // tf(cat) = 2 gives weight (1 + ln 2) * 1.287682 = 2.180245, and dog gets 1 * 1.693147.
    // Norm sqrt(2.180245^2 + 1.693147^2) = 2.760475.
    SparseVector vector = featurizer.features("Cat cat DOG");
    assertEquals(2, vector.size());
    float[] expected = new float[featurizer.dimension()];
    expected[cat] = 0.789809f;
    expected[dog] = 0.613355f;
    for (int i = 0; i < vector.size(); i++) {
      assertEquals(expected[vector.index(i)], vector.value(i), 1e-5f, "feature " + vector.index(i));
    }
  }

  @Test
  void unknownWordsGiveEmptyVector() {
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(WORDS_ONLY, List.of("cat dog", "cat", "bird"), 1);
    assertTrue(featurizer.features("zebra unicorn").isEmpty());
    assertTrue(featurizer.features("").isEmpty());
  }

  @Test
  void defaultFeaturesAreNormalised() {
    FeatureSettings settings = FeatureSettings.builder().charNgrams(true).stem(true).minDocumentFrequency(1).build();
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(settings, CORPUS, 2);
    for (String text : CORPUS) {
      SparseVector vector = featurizer.features(text);
      assertEquals(1.0, vector.norm(), 1e-5, text);
    }
  }

  @Test
  void fitDoesNotDependOnThreadCount() {
    FeatureSettings settings = FeatureSettings.builder().charNgrams(true).stem(true).minDocumentFrequency(1).build();
    TfidfFeaturizer single = TfidfFeaturizer.fit(settings, CORPUS, 1);
    TfidfFeaturizer parallel = TfidfFeaturizer.fit(settings, CORPUS, 3);
    assertArrayEquals(single.toBytes(), parallel.toBytes());
  }

  @Test
  void roundTripGivesBitIdenticalVectors() {
    for (FeatureIndexing indexing : FeatureIndexing.values()) {
      FeatureSettings settings =
          FeatureSettings.builder().indexing(indexing).charNgrams(true).hashBits(12).minDocumentFrequency(1).build();
      TfidfFeaturizer original = TfidfFeaturizer.fit(settings, CORPUS, 2);
      TfidfFeaturizer copy = TfidfFeaturizer.fromBytes(original.toBytes());
      assertEquals(original.settings(), copy.settings());
      assertEquals(original.dimension(), copy.dimension());
      assertEquals(original.documentCount(), copy.documentCount());
      for (String text : CORPUS) {
        SparseVector expected = original.features(text);
        SparseVector actual = copy.features(text);
        assertArrayEquals(expected.indices(), actual.indices(), indexing + ": " + text);
        assertArrayEquals(expected.values(), actual.values(), indexing + ": " + text);
      }
    }
  }

  @Test
  void hashingVectorsStayInsideBuckets() {
    FeatureSettings settings = FeatureSettings.builder().indexing(FeatureIndexing.HASHING).hashBits(8).build();
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(settings, CORPUS, 1);
    assertEquals(256, featurizer.dimension());
    SparseVector vector = featurizer.features("an entirely unseen sentence about zebras");
    assertTrue(vector.size() > 0);
    assertTrue(vector.index(vector.size() - 1) < 256);
    assertEquals(1.0, vector.norm(), 1e-5);
    assertThrows(IllegalStateException.class, () -> featurizer.vocabularyTerm(0));
  }

  @Test
  void corruptBytesAreRejected() {
    byte[] bytes = TfidfFeaturizer.fit(WORDS_ONLY, CORPUS, 1).toBytes();
    bytes[bytes.length / 2] ^= 1;
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> TfidfFeaturizer.fromBytes(bytes));
    assertTrue(error.getMessage().contains("corrupt"), error.getMessage());
  }

  @Test
  void fitRejectsEmptyInput() {
    assertThrows(IllegalArgumentException.class, () -> TfidfFeaturizer.fit(WORDS_ONLY, List.of(), 1));
    assertThrows(IllegalArgumentException.class, () -> TfidfFeaturizer.fit(WORDS_ONLY, CORPUS, 0));
  }

  @Test
  void extendedWithKeepsIdsAndAppendsNewWords() {
    TfidfFeaturizer parent = TfidfFeaturizer.fit(WORDS_ONLY, List.of("cat dog", "cat"), 1);
    TfidfFeaturizer refit = TfidfFeaturizer.fit(WORDS_ONLY, List.of("cat dog", "cat", "bird fish", "bird"), 1);
    int parentCat = idOf(parent, "w:cat");
    int parentDog = idOf(parent, "w:dog");

    TfidfFeaturizer extended = parent.extendedWith(refit);

    assertEquals(4, extended.dimension());
    assertEquals(parentCat, idOf(extended, "w:cat"));
    assertEquals(parentDog, idOf(extended, "w:dog"));
    assertEquals(2, idOf(extended, "w:bird"), "the more frequent new word is appended first");
    assertEquals(3, idOf(extended, "w:fish"));
    assertEquals(4, extended.documentCount());
    // Over the 4 refit texts: idf(cat) = idf(bird) = ln(5/3) + 1 = 1.510826, idf(fish) = ln(5/2) + 1.
    assertEquals(1.510826f, extended.idf(parentCat), 1e-6f);
    assertEquals(1.510826f, extended.idf(2), 1e-6f);
    assertEquals(1.916291f, extended.idf(3), 1e-6f);

    SparseVector vector = extended.features("cat bird");
    assertArrayEquals(new int[] {parentCat, 2}, new int[] {vector.index(0), vector.index(1)});
    assertEquals(0.707107f, vector.value(0), 1e-6f);
    assertEquals(0.707107f, vector.value(1), 1e-6f);
  }

  @Test
  void extendedWithKeepsIdfOfWordsRefitLacks() {
    TfidfFeaturizer parent = TfidfFeaturizer.fit(WORDS_ONLY, List.of("cat dog", "cat"), 1);
    TfidfFeaturizer refit = TfidfFeaturizer.fit(WORDS_ONLY, List.of("cat", "cat bird"), 1);

    TfidfFeaturizer extended = parent.extendedWith(refit);

    // dog keeps its parent idf ln(3/2) + 1 over the parent's 2 texts.
    assertEquals(1.405465f, extended.idf(idOf(extended, "w:dog")), 1e-6f);
    assertEquals(3, extended.dimension());
  }

  @Test
  void extendedWithStopsAtMaxVocabularySize() {
    FeatureSettings capped =
        FeatureSettings.builder()
            .wordBigrams(false)
            .charNgrams(false)
            .stem(false)
            .removeStopWords(false)
            .minDocumentFrequency(1)
            .maxVocabularySize(3)
            .build();
    TfidfFeaturizer parent = TfidfFeaturizer.fit(capped, List.of("cat dog", "cat"), 1);
    TfidfFeaturizer refit = TfidfFeaturizer.fit(capped, List.of("cat dog", "cat", "bird fish", "bird"), 1);

    TfidfFeaturizer extended = parent.extendedWith(refit);

    assertEquals(3, extended.dimension());
    assertEquals(2, idOf(extended, "w:bird"));
  }

  @Test
  void extendedWithRejectsOtherSettingsAndHashing() {
    TfidfFeaturizer parent = TfidfFeaturizer.fit(WORDS_ONLY, List.of("cat dog", "cat"), 1);
    FeatureSettings bigrams = FeatureSettings.builder().charNgrams(false).minDocumentFrequency(1).build();
    TfidfFeaturizer other = TfidfFeaturizer.fit(bigrams, List.of("cat dog", "cat"), 1);
    FeatureSettings hashing = FeatureSettings.builder().indexing(FeatureIndexing.HASHING).hashBits(8).build();
    TfidfFeaturizer hashed = TfidfFeaturizer.fit(hashing, List.of("cat dog", "cat"), 1);

    IllegalArgumentException settings = assertThrows(IllegalArgumentException.class, () -> parent.extendedWith(other));
    assertTrue(settings.getMessage().contains("settings"), settings.getMessage());
    assertThrows(IllegalArgumentException.class, () -> parent.extendedWith(hashed));
    assertThrows(IllegalArgumentException.class, () -> hashed.extendedWith(parent));
  }
}
