package io.leverxc.cli;

import io.leverxc.text.FeatureIndexing;
import io.leverxc.text.FeatureSettings;
import picocli.CommandLine.Option;

/** Command-line options that override single values of the default text feature settings. */
final class FeatureSettingsOptions {
  @Option(names = "--indexing", description = "VOCABULARY or HASHING.")
  FeatureIndexing indexing;

  @Option(names = "--min-df", description = "Minimum document frequency of a vocabulary feature.")
  Integer minDocumentFrequency;

  @Option(names = "--hash-bits", description = "log2 of the number of hash buckets.")
  Integer hashBits;

  @Option(names = "--stop-words", arity = "1", description = "Remove English stop words: true or false.")
  Boolean removeStopWords;

  @Option(names = "--stem", arity = "1", description = "Apply the Porter stemmer: true or false.")
  Boolean stem;

  @Option(names = "--unigrams", arity = "1", description = "Word unigram features: true or false.")
  Boolean wordUnigrams;

  @Option(names = "--bigrams", arity = "1", description = "Word bigram features: true or false.")
  Boolean wordBigrams;

  @Option(names = "--char-ngrams", arity = "1", description = "Character n-gram features: true or false.")
  Boolean charNgrams;

  @Option(names = "--min-char-ngram", description = "Minimum character n-gram length, in UTF-16 code units.")
  Integer minCharNgram;

  @Option(names = "--max-char-ngram", description = "Maximum character n-gram length, in UTF-16 code units.")
  Integer maxCharNgram;

  @Option(
      names = "--title-ngrams",
      arity = "1",
      paramLabel = "true|false",
      description = "Character n-grams, of the lengths of --min-char-ngram to --max-char-ngram, of each text's title:"
          + " the text before its first ': ' within the first " + FeatureSettings.MAX_TITLE_CHARS
          + " characters. true or false; default false.")
  Boolean titleCharNgrams;

  /** Returns the default settings with every given option applied. */
  FeatureSettings settings() {
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
      builder.removeStopWords(removeStopWords);
    }
    if (stem != null) {
      builder.stem(stem);
    }
    if (wordUnigrams != null) {
      builder.wordUnigrams(wordUnigrams);
    }
    if (wordBigrams != null) {
      builder.wordBigrams(wordBigrams);
    }
    if (charNgrams != null) {
      builder.charNgrams(charNgrams);
    }
    if (minCharNgram != null) {
      builder.minCharNgram(minCharNgram);
    }
    if (maxCharNgram != null) {
      builder.maxCharNgram(maxCharNgram);
    }
    if (titleCharNgrams != null) {
      builder.titleCharNgrams(titleCharNgrams);
    }
    return builder.build();
  }
}
