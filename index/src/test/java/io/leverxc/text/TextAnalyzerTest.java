package io.leverxc.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextAnalyzerTest {
  private static final FeatureSettings STEMMED = FeatureSettings.builder().removeStopWords(true).stem(true).build();
  private static final FeatureSettings PLAIN =
      FeatureSettings.builder().removeStopWords(false).stem(false).build();

  static List<String> tokens(FeatureSettings settings, String text) throws IOException {
    List<String> tokens = new ArrayList<>();
    try (TextAnalyzer analyzer = new TextAnalyzer(settings);
        TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        tokens.add(term.toString());
      }
      stream.end();
    }
    return tokens;
  }

  static List<Arguments> stemmedCases() {
    return List.of(
        Arguments.of("", List.of()),
        Arguments.of("!!! ... ??? -- ()", List.of()),
        Arguments.of("The Cat's toys", List.of("cat", "toi")),
        Arguments.of("running runners ran", List.of("run", "runner", "ran")),
        Arguments.of("pi is 3.14 in 2024", List.of("pi", "3.14", "2024")),
        Arguments.of("substance: the real physical matter", List.of("substanc", "real", "physic", "matter")),
        Arguments.of("Tom’s CAFÉ", List.of("tom", "cafe")));
  }

  static List<Arguments> plainCases() {
    return List.of(
        Arguments.of("The Cat's toys", List.of("the", "cat", "toys")),
        Arguments.of("Café crème brûlée", List.of("cafe", "creme", "brulee")),
        Arguments.of("naïve Œuvre straße", List.of("naive", "oeuvre", "strasse")),
        Arguments.of("e-mail x-ray", List.of("e", "mail", "x", "ray")),
        Arguments.of("東京タワー", List.of("東", "京", "タワー")),
        Arguments.of("שלום עולם", List.of("שלום", "עולם")),
        Arguments.of("مرحبا بالعالم", List.of("مرحبا", "بالعالم")),
        Arguments.of("I love Lucene 🚀", List.of("i", "love", "lucene", "🚀")),
        Arguments.of("tab\tnew\nline\u0000null", List.of("tab", "new", "line", "null")));
  }

  @ParameterizedTest
  @MethodSource("stemmedCases")
  void chainWithStopWordsAndStemming(String text, List<String> expected) throws IOException {
    assertEquals(expected, tokens(STEMMED, text), text);
  }

  @Test
  void defaultChainKeepsStopWordsAndInflections() throws IOException {
    assertEquals(
        List.of("the", "cat", "toys", "are", "running"),
        tokens(FeatureSettings.defaults(), "The Cat's toys are running"));
  }

  @ParameterizedTest
  @MethodSource("plainCases")
  void chainWithoutStopWordsOrStemming(String text, List<String> expected) throws IOException {
    assertEquals(expected, tokens(PLAIN, text), text);
  }
}
