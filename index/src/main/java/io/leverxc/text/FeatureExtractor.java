package io.leverxc.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Analyses a text and reports every feature occurrence to a {@link FeatureSink}: word unigrams,
 * bigrams of adjacent analysed words (a removed stop word does not break a pair), and character
 * n-grams of each analysed word with '&lt;' and '&gt;' marking its boundaries.
 *
 * <p>Not thread-safe: it keeps scratch buffers, so each thread needs its own instance. The buffers
 * grow to the longest word seen and are then reused, so extraction allocates nothing per token
 * beyond what the Lucene analysis chain does.
 */
final class FeatureExtractor {
  /** Field name passed to the analyzer; the chain is the same for every field. */
  static final String FIELD = "text";

  private static final char WORD_START = '<';
  private static final char WORD_END = '>';
  private static final char BIGRAM_SEPARATOR = ' ';
  private static final int INITIAL_BUFFER = 64;

  private final Analyzer analyzer;
  private final FeatureSettings settings;
  private char[] previousWord = new char[INITIAL_BUFFER];
  private char[] bigram = new char[2 * INITIAL_BUFFER + 1];
  private char[] markedWord = new char[INITIAL_BUFFER + 2];

  FeatureExtractor(Analyzer analyzer, FeatureSettings settings) {
    this.analyzer = analyzer;
    this.settings = settings;
  }

  /**
   * Returns the first {@code maxChars} code units of {@code text}, one fewer if the cut would split
   * a surrogate pair.
   */
  static String truncate(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = maxChars;
    if (Character.isHighSurrogate(text.charAt(end - 1)) && Character.isLowSurrogate(text.charAt(end))) {
      end--;
    }
    return text.substring(0, end);
  }

  /** Analyses the first {@link FeatureSettings#maxTextChars()} code units of {@code text}. */
  void extract(String text, FeatureSink sink) {
    Objects.requireNonNull(text, "text");
    String analysed = truncate(text, settings.maxTextChars());
    int previousLength = -1;
    try (TokenStream stream = analyzer.tokenStream(FIELD, analysed)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        char[] word = term.buffer();
        int length = term.length();
        if (length == 0) {
          continue;
        }
        emitWord(word, length, sink);
        if (settings.wordBigrams() && previousLength > 0) {
          emitBigram(previousLength, word, length, sink);
        }
        if (settings.charNgrams()) {
          emitCharNgrams(word, length, sink);
        }
        previousWord = ArrayUtil.grow(previousWord, length);
        System.arraycopy(word, 0, previousWord, 0, length);
        previousLength = length;
      }
      stream.end();
    } catch (IOException e) {
      // The analyzer reads from a String, so this only happens if a Lucene component fails.
      throw new UncheckedIOException("text analysis failed", e);
    }
  }

  private void emitWord(char[] word, int length, FeatureSink sink) {
    if (settings.wordUnigrams()) {
      long key = FeatureHash.hash(settings.hashSeed(), FeatureFamily.WORD, word, 0, length);
      sink.accept(key, FeatureFamily.WORD, word, 0, length);
    }
  }

  private void emitBigram(int previousLength, char[] word, int length, FeatureSink sink) {
    int bigramLength = previousLength + 1 + length;
    bigram = ArrayUtil.grow(bigram, bigramLength);
    System.arraycopy(previousWord, 0, bigram, 0, previousLength);
    bigram[previousLength] = BIGRAM_SEPARATOR;
    System.arraycopy(word, 0, bigram, previousLength + 1, length);
    long key = FeatureHash.hash(settings.hashSeed(), FeatureFamily.WORD_BIGRAM, bigram, 0, bigramLength);
    sink.accept(key, FeatureFamily.WORD_BIGRAM, bigram, 0, bigramLength);
  }

  private void emitCharNgrams(char[] word, int length, FeatureSink sink) {
    int markedLength = length + 2;
    markedWord = ArrayUtil.grow(markedWord, markedLength);
    markedWord[0] = WORD_START;
    System.arraycopy(word, 0, markedWord, 1, length);
    markedWord[markedLength - 1] = WORD_END;
    int seed = settings.hashSeed();
    int maxN = Math.min(settings.maxCharNgram(), markedLength);
    for (int n = settings.minCharNgram(); n <= maxN; n++) {
      for (int start = 0; start + n <= markedLength; start++) {
        long key = FeatureHash.hash(seed, FeatureFamily.CHAR_NGRAM, markedWord, start, n);
        sink.accept(key, FeatureFamily.CHAR_NGRAM, markedWord, start, n);
      }
    }
  }
}
