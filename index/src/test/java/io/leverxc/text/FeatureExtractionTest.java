package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.leverxc.vector.SparseVector;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks which features a text yields, by the readable vocabulary terms of its vector. */
class FeatureExtractionTest {
  private static Set<String> featureTerms(FeatureSettings settings, String text) {
    TfidfFeaturizer featurizer = TfidfFeaturizer.fit(settings, List.of(text), 1);
    SparseVector vector = featurizer.features(text);
    Set<String> terms = new TreeSet<>();
    for (int i = 0; i < vector.size(); i++) {
      terms.add(featurizer.vocabularyTerm(vector.index(i)));
    }
    assertEquals(featurizer.dimension(), vector.size(), "a text fitted alone has every feature of the vocabulary");
    return terms;
  }

  private static FeatureSettings.Builder plain() {
    return FeatureSettings.builder()
        .removeStopWords(false)
        .stem(false)
        .wordUnigrams(true)
        .wordBigrams(true)
        .charNgrams(true)
        .minDocumentFrequency(1);
  }

  static List<Arguments> cases() {
    return List.of(
        Arguments.of(
            "words and bigrams",
            plain().charNgrams(false).build(),
            "Red car, red CAR",
            Set.of("w:red", "w:car", "b:red car", "b:car red")),
        Arguments.of(
            "char trigrams",
            plain().wordUnigrams(false).wordBigrams(false).minCharNgram(3).maxCharNgram(3).build(),
            "car",
            Set.of("c:<ca", "c:car", "c:ar>")),
        Arguments.of(
            "char 3 to 5 grams",
            plain().wordUnigrams(false).wordBigrams(false).build(),
            "cat",
            Set.of("c:<ca", "c:cat", "c:at>", "c:<cat", "c:cat>", "c:<cat>")),
        Arguments.of(
            "short word yields one whole-word gram",
            plain().wordUnigrams(false).wordBigrams(false).build(),
            "a",
            Set.of("c:<a>")),
        Arguments.of(
            "stop word removed between bigram words",
            FeatureSettings.builder().removeStopWords(true).stem(false).charNgrams(false).minDocumentFrequency(1).build(),
            "bank of england",
            Set.of("w:bank", "w:england", "b:bank england")),
        Arguments.of(
            "stemmed words",
            FeatureSettings.builder().stem(true).wordBigrams(false).charNgrams(false).minDocumentFrequency(1).build(),
            "running dogs",
            Set.of("w:run", "w:dog")),
        Arguments.of(
            "title n-grams, lower-cased and marked, beside the words",
            titleOnly().wordUnigrams(true).build(),
            "Ab-C: x",
            Set.of(
                "w:ab", "w:c", "w:x",
                "t:<ab", "t:ab-", "t:b-c", "t:-c>", "t:<ab-", "t:ab-c", "t:b-c>", "t:<ab-c", "t:ab-c>")),
        Arguments.of(
            "title ends at the first separator",
            titleOnly().minCharNgram(4).maxCharNgram(4).build(),
            "ab: cd: ef",
            Set.of("t:<ab>")),
        Arguments.of(
            "title folded to ASCII, trimmed, without a byte order mark",
            titleOnly().minCharNgram(5).maxCharNgram(5).build(),
            "\uFEFF Café : x",
            Set.of("t:<cafe", "t:cafe>")),
        Arguments.of(
            "title shorter than the n-grams yields one whole-title gram",
            titleOnly().build(),
            "q: rest",
            Set.of("t:<q>")));
  }

  private static FeatureSettings.Builder titleOnly() {
    return plain().wordUnigrams(false).wordBigrams(false).charNgrams(false).titleCharNgrams(true);
  }

  static List<Arguments> textsWithoutTitle() {
    return List.of(
        Arguments.of("no separator", "python3-yaml YAML parser"),
        Arguments.of("colon without a space", "host:port pairs"),
        Arguments.of("separator first", ": starts with the separator"),
        Arguments.of("separator after 200 characters", "a".repeat(FeatureSettings.MAX_TITLE_CHARS + 1) + ": late"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textsWithoutTitle")
  void textWithoutTitleHasNoTitleFeatures(String name, String text) {
    Set<String> terms = featureTerms(titleOnly().wordUnigrams(true).build(), text);
    assertTrue(terms.stream().noneMatch(term -> term.startsWith("t:")), terms::toString);
    assertTrue(terms.stream().anyMatch(term -> term.startsWith("w:")), terms::toString);
  }

  @Test
  void titleOfExactlyTheLongestLengthCounts() {
    String title = "b".repeat(FeatureSettings.MAX_TITLE_CHARS);
    Set<String> terms = featureTerms(titleOnly().minCharNgram(3).maxCharNgram(3).build(), title + ": tail");
    assertEquals(Set.of("t:<bb", "t:bbb", "t:bb>"), terms);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void featuresOfText(String name, FeatureSettings settings, String text, Set<String> expected) {
    assertEquals(new TreeSet<>(expected), featureTerms(settings, text));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void vectorIsNormalised(String name, FeatureSettings settings, String text, Set<String> expected) {
    SparseVector vector = TfidfFeaturizer.fit(settings, List.of(text), 1).features(text);
    assertEquals(1.0, vector.norm(), 1e-6);
    assertTrue(vector.size() > 0);
  }
}
