package io.leverxc.text;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of the text pipeline: analysis, feature families and feature indexing.
 *
 * <p>The compact constructor validates every value, so an instance is always usable. {@link
 * #toMap()} and {@link #fromMap(Map)} store the settings in a model bundle as string pairs, with a
 * {@value #VERSION_KEY} entry so that a bundle written by a newer release fails to load with a clear
 * message instead of producing different features.
 *
 * @param removeStopWords drop Lucene's English stop words ("the", "of", "and", ...)
 * @param stem apply the Porter stemmer to every word
 * @param wordUnigrams emit one feature per analysed word
 * @param wordBigrams emit one feature per pair of adjacent analysed words
 * @param charNgrams emit character n-grams of each analysed word, marked with '&lt;' and '&gt;' at its
 *     boundaries
 * @param minCharNgram minimum character n-gram length, in UTF-16 code units
 * @param maxCharNgram maximum character n-gram length, in UTF-16 code units
 * @param titleCharNgrams emit character n-grams, of the same lengths, of the text's title: the
 *     text before its first {@value #TITLE_SEPARATOR} separator, when that comes within the first
 *     {@value #MAX_TITLE_CHARS} characters, without surrounding white space or a byte order mark,
 *     lower-cased in the root locale and folded to ASCII, marked with '&lt;' and '&gt;' at its ends. The
 *     data sets of the extreme classification repository write "title: description", and a title
 *     such as a package or entity name carries signal in its spelling ("lib", "-dev", "python3-")
 *     that word features cut apart or never see twice
 * @param indexing vocabulary or feature hashing
 * @param minDocumentFrequency minimum number of fitting texts a feature must occur in to enter the
 *     vocabulary (vocabulary indexing only)
 * @param maxVocabularySize maximum number of features kept, the most frequent first (vocabulary
 *     indexing only)
 * @param hashBits log2 of the number of hash buckets (hashing indexing only)
 * @param hashSeed seed of the feature hash, used by both indexing modes
 * @param maxTextChars number of leading UTF-16 code units of a text that are analysed. The rest is
 *     ignored, so a very long text costs no more than this many characters
 */
public record FeatureSettings(
    boolean removeStopWords,
    boolean stem,
    boolean wordUnigrams,
    boolean wordBigrams,
    boolean charNgrams,
    int minCharNgram,
    int maxCharNgram,
    boolean titleCharNgrams,
    FeatureIndexing indexing,
    int minDocumentFrequency,
    int maxVocabularySize,
    int hashBits,
    int hashSeed,
    int maxTextChars) {

  /**
   * Newest settings layout this release reads. Version 2 added titleCharNgrams. {@link #toMap()}
   * writes the oldest version that holds the settings, so settings without title n-grams still
   * load in a release that reads only version 1, and settings with them fail there with a message
   * that names the version.
   */
  public static final int VERSION = 2;

  /** Layout version before titleCharNgrams existed. */
  private static final int VERSION_WITHOUT_TITLES = 1;

  /** Map key of the settings layout version. */
  public static final String VERSION_KEY = "settingsVersion";

  /** Maximum allowed character n-gram length. Longer n-grams are nearly whole words and add little. */
  public static final int MAX_CHAR_NGRAM = 10;

  /** Separator that ends a text's title, as in "title: description". */
  public static final String TITLE_SEPARATOR = ": ";

  /** Maximum title length, in UTF-16 code units. A text whose separator comes later has no title features. */
  public static final int MAX_TITLE_CHARS = 200;

  /**
   * Returns the length of the title of {@code text}: the position of its first {@value
   * #TITLE_SEPARATOR} when that is above 0 and at most {@value #MAX_TITLE_CHARS}, otherwise -1.
   */
  public static int titleLength(String text) {
    int end = text.indexOf(TITLE_SEPARATOR);
    return end > 0 && end <= MAX_TITLE_CHARS ? end : -1;
  }

  /** Maximum allowed vocabulary size: 2^24 features keep the lookup table at 512 MiB. */
  public static final int MAX_VOCABULARY_SIZE = 1 << 24;

  /** Maximum allowed hashBits: 2^26 buckets take a 256 MiB idf table. */
  public static final int MAX_HASH_BITS = 26;

  public FeatureSettings {
    Objects.requireNonNull(indexing, "indexing");
    if (!wordUnigrams && !wordBigrams && !charNgrams && !titleCharNgrams) {
      throw new IllegalArgumentException(
          "no feature family is enabled: enable word unigrams, word bigrams, character n-grams or title"
              + " n-grams");
    }
    checkRange("minCharNgram", minCharNgram, 1, MAX_CHAR_NGRAM);
    checkRange("maxCharNgram", maxCharNgram, minCharNgram, MAX_CHAR_NGRAM);
    checkRange("minDocumentFrequency", minDocumentFrequency, 1, Integer.MAX_VALUE);
    checkRange("maxVocabularySize", maxVocabularySize, 1, MAX_VOCABULARY_SIZE);
    checkRange("hashBits", hashBits, 1, MAX_HASH_BITS);
    checkRange("maxTextChars", maxTextChars, 1, Integer.MAX_VALUE);
  }

  private static void checkRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be in [" + min + ", " + max + "], found " + value);
    }
  }

  /**
   * Returns the default settings: word unigrams and bigrams that occur in at least 3 fitting texts,
   * with no stop-word removal, stemming or character n-grams.
   *
   * <p>They were chosen on LF-WordNetHierarchy-15K with {@code lever bench feature-quality}, which
   * labels the 2,845 documents of the training run's validation split from their 10 nearest other
   * training documents. These defaults reach P@1 0.729 with 85,089 features. Adding character
   * n-grams 3 to 5 lowered P@1 to 0.680, dropping the bigrams to 0.701, stemming to 0.705, and
   * stop-word removal to 0.712. A minimum document frequency of 2 gave 0.729 with twice the
   * features. On LF-Debtags-554 every one of these variants came within 0.7 points of the
   * defaults' 0.660 on 1,028 validation documents. On noisier text, such as product titles with
   * misspellings, character n-grams may pay off, so measure before reusing these defaults elsewhere.
   * Title n-grams are off here because they help some data sets and hurt others: lever train
   * decides them on each data set's validation split.
   */
  public static FeatureSettings defaults() {
    return builder().build();
  }

  /** Returns a builder that starts from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Returns the number of feature ids that a featurizer with these settings can emit in hashing mode. */
  public int hashBuckets() {
    return 1 << hashBits;
  }

  /**
   * Returns the settings as string pairs in a fixed order, including {@value #VERSION_KEY}, for a
   * model bundle manifest. titleCharNgrams appears only when true (see {@link #VERSION}).
   */
  public Map<String, String> toMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put(VERSION_KEY, Integer.toString(titleCharNgrams ? VERSION : VERSION_WITHOUT_TITLES));
    map.put("removeStopWords", Boolean.toString(removeStopWords));
    map.put("stem", Boolean.toString(stem));
    map.put("wordUnigrams", Boolean.toString(wordUnigrams));
    map.put("wordBigrams", Boolean.toString(wordBigrams));
    map.put("charNgrams", Boolean.toString(charNgrams));
    map.put("minCharNgram", Integer.toString(minCharNgram));
    map.put("maxCharNgram", Integer.toString(maxCharNgram));
    if (titleCharNgrams) {
      map.put("titleCharNgrams", Boolean.toString(titleCharNgrams));
    }
    map.put("indexing", indexing.name());
    map.put("minDocumentFrequency", Integer.toString(minDocumentFrequency));
    map.put("maxVocabularySize", Integer.toString(maxVocabularySize));
    map.put("hashBits", Integer.toString(hashBits));
    map.put("hashSeed", Integer.toString(hashSeed));
    map.put("maxTextChars", Integer.toString(maxTextChars));
    return map;
  }

  /**
   * Parses settings written by {@link #toMap()}. A key that is absent takes its default, so
   * settings written before a key existed still load.
   *
   * @throws IllegalArgumentException if {@value #VERSION_KEY} is missing or newer than {@link
   *     #VERSION}, a key is unknown, or a value is malformed or out of range
   */
  public static FeatureSettings fromMap(Map<String, String> map) {
    String version = map.get(VERSION_KEY);
    if (version == null) {
      throw new IllegalArgumentException("feature settings have no " + VERSION_KEY + " entry");
    }
    int parsedVersion = SettingsValues.parseInt(VERSION_KEY, version);
    if (parsedVersion < 1 || parsedVersion > VERSION) {
      throw new IllegalArgumentException(
          "feature settings have version "
              + parsedVersion
              + ", but this release reads versions 1 to "
              + VERSION
              + "; load the bundle with the release that wrote it");
    }
    Builder builder = builder();
    for (Map.Entry<String, String> entry : map.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue();
      switch (key) {
        case VERSION_KEY -> {}
        case "removeStopWords" -> builder.removeStopWords(SettingsValues.parseBoolean(key, value));
        case "stem" -> builder.stem(SettingsValues.parseBoolean(key, value));
        case "wordUnigrams" -> builder.wordUnigrams(SettingsValues.parseBoolean(key, value));
        case "wordBigrams" -> builder.wordBigrams(SettingsValues.parseBoolean(key, value));
        case "charNgrams" -> builder.charNgrams(SettingsValues.parseBoolean(key, value));
        case "minCharNgram" -> builder.minCharNgram(SettingsValues.parseInt(key, value));
        case "maxCharNgram" -> builder.maxCharNgram(SettingsValues.parseInt(key, value));
        case "titleCharNgrams" -> builder.titleCharNgrams(SettingsValues.parseBoolean(key, value));
        case "indexing" -> builder.indexing(SettingsValues.parseIndexing(key, value));
        case "minDocumentFrequency" -> builder.minDocumentFrequency(SettingsValues.parseInt(key, value));
        case "maxVocabularySize" -> builder.maxVocabularySize(SettingsValues.parseInt(key, value));
        case "hashBits" -> builder.hashBits(SettingsValues.parseInt(key, value));
        case "hashSeed" -> builder.hashSeed(SettingsValues.parseInt(key, value));
        case "maxTextChars" -> builder.maxTextChars(SettingsValues.parseInt(key, value));
        default ->
            throw new IllegalArgumentException(
                "unknown feature setting '"
                    + key
                    + "' (settings version "
                    + parsedVersion
                    + "); known settings are "
                    + String.join(", ", builder().titleCharNgrams(true).build().toMap().keySet()));
      }
    }
    return builder.build();
  }

  /** Parsers of setting values with messages that name the setting. */
  private static final class SettingsValues {
    private SettingsValues() {}

    static int parseInt(String key, String value) {
      try {
        return Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "feature setting " + key + " must be an integer, found '" + value + "'", e);
      }
    }

    static boolean parseBoolean(String key, String value) {
      return switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new IllegalArgumentException(
                "feature setting " + key + " must be true or false, found '" + value + "'");
      };
    }

    static FeatureIndexing parseIndexing(String key, String value) {
      try {
        return FeatureIndexing.valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "feature setting " + key + " must be VOCABULARY or HASHING, found '" + value + "'", e);
      }
    }
  }

  /** Mutable builder of {@link FeatureSettings}, whose {@link #build()} validates the values. */
  public static final class Builder {
    private boolean removeStopWords = false;
    private boolean stem = false;
    private boolean wordUnigrams = true;
    private boolean wordBigrams = true;
    private boolean charNgrams = false;
    private int minCharNgram = 3;
    private int maxCharNgram = 5;
    private boolean titleCharNgrams = false;
    private FeatureIndexing indexing = FeatureIndexing.VOCABULARY;
    private int minDocumentFrequency = 3;
    private int maxVocabularySize = 1 << 20;
    private int hashBits = 20;
    private int hashSeed = 0;
    private int maxTextChars = 10_000;

    private Builder() {}

    private Builder(FeatureSettings settings) {
      removeStopWords = settings.removeStopWords;
      stem = settings.stem;
      wordUnigrams = settings.wordUnigrams;
      wordBigrams = settings.wordBigrams;
      charNgrams = settings.charNgrams;
      minCharNgram = settings.minCharNgram;
      maxCharNgram = settings.maxCharNgram;
      titleCharNgrams = settings.titleCharNgrams;
      indexing = settings.indexing;
      minDocumentFrequency = settings.minDocumentFrequency;
      maxVocabularySize = settings.maxVocabularySize;
      hashBits = settings.hashBits;
      hashSeed = settings.hashSeed;
      maxTextChars = settings.maxTextChars;
    }

    public Builder removeStopWords(boolean value) {
      removeStopWords = value;
      return this;
    }

    public Builder stem(boolean value) {
      stem = value;
      return this;
    }

    public Builder wordUnigrams(boolean value) {
      wordUnigrams = value;
      return this;
    }

    public Builder wordBigrams(boolean value) {
      wordBigrams = value;
      return this;
    }

    public Builder charNgrams(boolean value) {
      charNgrams = value;
      return this;
    }

    public Builder minCharNgram(int value) {
      minCharNgram = value;
      return this;
    }

    public Builder maxCharNgram(int value) {
      maxCharNgram = value;
      return this;
    }

    public Builder titleCharNgrams(boolean value) {
      titleCharNgrams = value;
      return this;
    }

    public Builder indexing(FeatureIndexing value) {
      indexing = value;
      return this;
    }

    public Builder minDocumentFrequency(int value) {
      minDocumentFrequency = value;
      return this;
    }

    public Builder maxVocabularySize(int value) {
      maxVocabularySize = value;
      return this;
    }

    public Builder hashBits(int value) {
      hashBits = value;
      return this;
    }

    public Builder hashSeed(int value) {
      hashSeed = value;
      return this;
    }

    public Builder maxTextChars(int value) {
      maxTextChars = value;
      return this;
    }

    public FeatureSettings build() {
      return new FeatureSettings(
          removeStopWords,
          stem,
          wordUnigrams,
          wordBigrams,
          charNgrams,
          minCharNgram,
          maxCharNgram,
          titleCharNgrams,
          indexing,
          minDocumentFrequency,
          maxVocabularySize,
          hashBits,
          hashSeed,
          maxTextChars);
    }
  }
}
