package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.SparseVector;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Hostile and unusual inputs: every one yields a defined vector and no exception. */
class FeaturizerRobustnessTest {
  private static final List<String> CORPUS =
      List.of(
          "substance: the real physical matter of which a person or thing consists",
          "matter: that which has mass and occupies space",
          "physical matter and substance",
          "東京タワー 東京 tower",
          "שלום עולם hello world",
          "rocket 🚀 launch and rocket science");

  private static final TfidfFeaturizer VOCABULARY =
      TfidfFeaturizer.fit(FeatureSettings.builder().charNgrams(true).stem(true).minDocumentFrequency(1).build(), CORPUS, 1);

  private static final TfidfFeaturizer HASHING =
      TfidfFeaturizer.fit(
          FeatureSettings.builder().indexing(FeatureIndexing.HASHING).charNgrams(true).hashBits(10).build(), CORPUS, 1);

  private static void assertValid(TfidfFeaturizer featurizer, SparseVector vector) {
    for (int i = 0; i < vector.size(); i++) {
      assertTrue(vector.index(i) >= 0, "index " + vector.index(i));
      assertTrue(vector.index(i) < featurizer.dimension(), "index " + vector.index(i));
      assertTrue(Float.isFinite(vector.value(i)), "value " + vector.value(i));
      assertTrue(vector.value(i) > 0, "value " + vector.value(i));
    }
    if (!vector.isEmpty()) {
      assertEquals(1.0, vector.norm(), 1e-5);
    }
  }

  @Test
  void emptyAndPunctuationGiveEmptyVector() {
    for (TfidfFeaturizer featurizer : List.of(VOCABULARY, HASHING)) {
      assertTrue(featurizer.features("").isEmpty());
      assertTrue(featurizer.features("   \t\n ").isEmpty());
      assertTrue(featurizer.features("!!! ... ??? -- ( ) ;;").isEmpty());
    }
  }

  @Test
  void megabyteTextIsCutAtMaxTextChars() {
    String unit = "physical matter substance ";
    String huge = unit.repeat(1_000_000 / unit.length() + 1);
    int maxChars = VOCABULARY.settings().maxTextChars();
    SparseVector vector = VOCABULARY.features(huge);
    assertValid(VOCABULARY, vector);
    assertEquals(VOCABULARY.features(huge.substring(0, maxChars)), vector);
  }

  @Test
  void cutKeepsSurrogatePairWhole() {
    String text = "ab\uD83D\uDE80cd";
    assertEquals("ab", FeatureExtractor.truncate(text, 3));
    assertEquals("ab\uD83D\uDE80", FeatureExtractor.truncate(text, 4));
    assertEquals(text, FeatureExtractor.truncate(text, 100));
  }

  @Test
  void loneSurrogatesAreSkipped() {
    for (TfidfFeaturizer featurizer : List.of(VOCABULARY, HASHING)) {
      SparseVector vector = featurizer.features("\uD800 matter \uDC00");
      assertValid(featurizer, vector);
      assertEquals(featurizer.features("matter"), vector);
      assertTrue(featurizer.features("\uDC00\uD800").isEmpty());
    }
  }

  @Test
  void controlCharactersSeparateWords() {
    for (TfidfFeaturizer featurizer : List.of(VOCABULARY, HASHING)) {
      SparseVector vector = featurizer.features("matter\u0001\u0007substance\u0000");
      assertValid(featurizer, vector);
      assertEquals(featurizer.features("matter substance"), vector);
    }
  }

  @Test
  void rightToLeftCjkAndEmojiGetFeatures() {
    for (String text : List.of("שלום עולם", "東京タワー", "rocket 🚀", "مرحبا بالعالم")) {
      SparseVector hashed = HASHING.features(text);
      assertValid(HASHING, hashed);
      assertFalse(hashed.isEmpty(), text);
      assertValid(VOCABULARY, VOCABULARY.features(text));
    }
    assertFalse(VOCABULARY.features("שלום").isEmpty(), "a Hebrew word seen in fitting");
    assertFalse(VOCABULARY.features("東京").isEmpty(), "CJK characters seen in fitting");
    assertFalse(VOCABULARY.features("🚀").isEmpty(), "an emoji seen in fitting");
  }

  @Provide
  Arbitrary<String> anyUtf16() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(300),
        Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(300),
        Arbitraries.of(CORPUS).list().ofMaxSize(5).map(parts -> String.join(" ", parts)));
  }

  @Property(tries = 500)
  void anyStringGivesValidVector(@ForAll("anyUtf16") String text) {
    assertValid(VOCABULARY, VOCABULARY.features(text));
    assertValid(HASHING, HASHING.features(text));
  }

  @Property(tries = 200)
  void roundTripMatchesOnAnyString(@ForAll("anyUtf16") String text) {
    assertEquals(VOCABULARY.features(text), ROUND_TRIP.features(text));
  }

  private static final TfidfFeaturizer ROUND_TRIP = TfidfFeaturizer.fromBytes(VOCABULARY.toBytes());
}
