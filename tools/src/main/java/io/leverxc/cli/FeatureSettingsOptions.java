package io.leverxc.cli;

import io.leverxc.text.FeatureIndexing;
import io.leverxc.text.FeatureSettings;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Command-line options that override single values of the default text feature settings. */
final class FeatureSettingsOptions {
  @Option(names = "--indexing", paramLabel = "MODE", description = "VOCABULARY or HASHING.")
  FeatureIndexing indexing;

  @Option(names = "--min-df", paramLabel = "N", description = "Minimum document frequency of a vocabulary feature.")
  Integer minDocumentFrequency;

  @Option(names = "--hash-bits", paramLabel = "BITS", description = "log2 of the number of hash buckets.")
  Integer hashBits;

  @Option(names = "--stop-words", arity = "1", paramLabel = "true|false", description = "Remove English stop words: true or false.")
  String removeStopWords;

  @Option(names = "--stem", arity = "1", paramLabel = "true|false", description = "Apply the Porter stemmer: true or false.")
  String stem;

  @Option(names = "--unigrams", arity = "1", paramLabel = "true|false", description = "Word unigram features: true or false.")
  String wordUnigrams;

  @Option(names = "--bigrams", arity = "1", paramLabel = "true|false", description = "Word bigram features: true or false.")
  String wordBigrams;

  @Option(names = "--char-ngrams", arity = "1", paramLabel = "true|false", description = "Character n-gram features: true or false.")
  String charNgrams;

  @Option(names = "--min-char-ngram", paramLabel = "N", description = "Minimum character n-gram length, in UTF-16 code units.")
  Integer minCharNgram;

  @Option(names = "--max-char-ngram", paramLabel = "N", description = "Maximum character n-gram length, in UTF-16 code units.")
  Integer maxCharNgram;

  @Option(
      names = "--title-ngrams",
      arity = "1",
      paramLabel = "true|false",
      description = "Character n-grams, of the lengths of --min-char-ngram to --max-char-ngram, of each text's title:"
          + " the text before its first ': ' within the first " + FeatureSettings.MAX_TITLE_CHARS
          + " characters. true or false; default false.")
  String titleCharNgrams;

  /**
   * Parses a true-or-false option value in any case. Picocli's boolean conversion reads an empty
   * value as false, so a forgotten value would silently turn a feature off.
   */
  private static boolean flag(String option, String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(option + " must be true or false, found '" + value + "'");
    };
  }

  /** The option of each feature setting, for errors that name the setting. */
  private static final java.util.Map<String, String> OPTION_OF_SETTING = java.util.Map.of(
      "minDocumentFrequency", "--min-df",
      "hashBits", "--hash-bits",
      "minCharNgram", "--min-char-ngram",
      "maxCharNgram", "--max-char-ngram");

  /**
   * Returns the default settings with every given option applied.
   *
   * @throws IllegalArgumentException naming the options, not the settings, when a value is invalid
   */
  FeatureSettings settings() {
    try {
      return applied();
    } catch (IllegalArgumentException e) {
      throw SettingErrors.withOptionName(e, OPTION_OF_SETTING);
    }
  }

  private FeatureSettings applied() {
    FeatureSettings.Builder builder = FeatureSettings.builder();
    if (indexing != null) {
      builder.indexing(indexing);
    }
    if (minDocumentFrequency != null) {
      builder.minDocumentFrequency(minDocumentFrequency);
    }
    if (hashBits != null) {
      builder.hashBits(hashBits);
    }
    if (removeStopWords != null) {
      builder.removeStopWords(flag("--stop-words", removeStopWords));
    }
    if (stem != null) {
      builder.stem(flag("--stem", stem));
    }
    if (wordUnigrams != null) {
      builder.wordUnigrams(flag("--unigrams", wordUnigrams));
    }
    if (wordBigrams != null) {
      builder.wordBigrams(flag("--bigrams", wordBigrams));
    }
    if (charNgrams != null) {
      builder.charNgrams(flag("--char-ngrams", charNgrams));
    }
    if (minCharNgram != null) {
      builder.minCharNgram(minCharNgram);
    }
    if (maxCharNgram != null) {
      builder.maxCharNgram(maxCharNgram);
    }
    if (titleCharNgrams != null) {
      builder.titleCharNgrams(flag("--title-ngrams", titleCharNgrams));
    }
    return builder.build();
  }
}
