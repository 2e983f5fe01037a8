package io.leverxc.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * Analyses a text and collects the 64-bit key of every feature occurrence. The features are word
 * unigrams, bigrams of adjacent analysed words, and character n-grams of each analysed word with
 * '&lt;' and '&gt;' marking its boundaries, and optionally character n-grams of the text's title (see
 * {@link FeatureSettings#titleCharNgrams()}). A removed stop word does not break a bigram. A {@link
 * FeatureSink} can also receive each occurrence with its feature string.
 *
 * <p>Not thread-safe: it keeps scratch buffers, so each thread needs its own instance. The buffers
 * grow to the longest text and word seen and are then reused, so extraction allocates nothing per
 * token beyond what the Lucene analysis chain does.
 */
final class FeatureExtractor {
  /** Field name passed to the analyzer, which builds the same chain for every field. */
  static final String FIELD = "text";

  private static final char WORD_START = '<';
  private static final char WORD_END = '>';
  private static final char BIGRAM_SEPARATOR = ' ';
  private static final char BYTE_ORDER_MARK = '\uFEFF';
  private static final int INITIAL_BUFFER = 64;
  private static final int INITIAL_KEYS = 512;

  private final Analyzer analyzer;
  private final FeatureSettings settings;
  private char[] previousWord = new char[INITIAL_BUFFER];
  private char[] bigram = new char[2 * INITIAL_BUFFER + 1];
  private char[] markedWord = new char[INITIAL_BUFFER + 2];
  private char[] markedTitle = new char[INITIAL_BUFFER + 2];
  private long[] keys = new long[INITIAL_KEYS];
  private int keyCount;
  private FeatureSink sink;

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

  /**
   * Collects the feature keys of the first {@link FeatureSettings#maxTextChars()} code units of
   * {@code text} and returns how many there are. They stay at the front of {@link #keys()} until
   * the next call.
   */
  int extract(String text) {
    return extract(text, null);
  }

  /** Works like {@link #extract(String)} and also passes every occurrence to {@code sink}, if not null. */
  int extract(String text, FeatureSink sink) {
    Objects.requireNonNull(text, "text");
    this.sink = sink;
    keyCount = 0;
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
        emitWord(word, length);
        if (settings.wordBigrams() && previousLength > 0) {
          emitBigram(previousLength, word, length);
        }
        if (settings.charNgrams()) {
          emitCharNgrams(word, length);
        }
        previousWord = ArrayUtil.grow(previousWord, length);
        System.arraycopy(word, 0, previousWord, 0, length);
        previousLength = length;
      }
      stream.end();
      if (settings.titleCharNgrams()) {
        emitTitleNgrams(analysed);
      }
    } catch (IOException e) {
      // The analyzer reads from a String, so this only happens if a Lucene component fails.
      throw new UncheckedIOException("text analysis failed", e);
    } finally {
      this.sink = null;
    }
    return keyCount;
  }

  /**
   * Returns the key buffer, whose first n entries are the keys of the last text, where n is the
   * value the last {@code extract} call returned. Callers may overwrite those entries.
   */
  long[] keys() {
    return keys;
  }

  private void add(long key, FeatureFamily family, char[] chars, int offset, int length) {
    if (keyCount == keys.length) {
      keys = ArrayUtil.grow(keys, keyCount + 1);
    }
    keys[keyCount++] = key;
    if (sink != null) {
      sink.accept(key, family, chars, offset, length);
    }
  }

  private void emitWord(char[] word, int length) {
    if (settings.wordUnigrams()) {
      long key = FeatureHash.hash(settings.hashSeed(), FeatureFamily.WORD, word, 0, length);
      add(key, FeatureFamily.WORD, word, 0, length);
    }
  }

  private void emitBigram(int previousLength, char[] word, int length) {
    int bigramLength = previousLength + 1 + length;
    bigram = ArrayUtil.grow(bigram, bigramLength);
    System.arraycopy(previousWord, 0, bigram, 0, previousLength);
    bigram[previousLength] = BIGRAM_SEPARATOR;
    System.arraycopy(word, 0, bigram, previousLength + 1, length);
    long key = FeatureHash.hash(settings.hashSeed(), FeatureFamily.WORD_BIGRAM, bigram, 0, bigramLength);
    add(key, FeatureFamily.WORD_BIGRAM, bigram, 0, bigramLength);
  }

  private void emitCharNgrams(char[] word, int length) {
    int markedLength = length + 2;
    markedWord = ArrayUtil.grow(markedWord, markedLength);
    markedWord[0] = WORD_START;
    System.arraycopy(word, 0, markedWord, 1, length);
    markedWord[markedLength - 1] = WORD_END;
    emitNgrams(FeatureFamily.CHAR_NGRAM, markedWord, markedLength);
  }

  /**
   * Emits the character n-grams of the title of {@code text}, if it has one, lower-cased in the root
   * locale and folded to ASCII, so "Café" and "cafe" share n-grams. Unlike the analyzer's words, a
   * dotted capital I keeps its combining dot after lower-casing.
   */
  private void emitTitleNgrams(String text) {
    int end = FeatureSettings.titleLength(text);
    if (end < 0) {
      return;
    }
    String title = text.substring(0, end).strip();
    if (!title.isEmpty() && title.charAt(0) == BYTE_ORDER_MARK) {
      title = title.substring(1).strip();
    }
    if (title.isEmpty()) {
      return;
    }
    char[] lowered = title.toLowerCase(Locale.ROOT).toCharArray();
    // Lucene's own ASCIIFoldingFilter sizes its output to four characters per input character.
    markedTitle = ArrayUtil.grow(markedTitle, 4 * lowered.length + 2);
    markedTitle[0] = WORD_START;
    // foldToASCII returns the output position after the last character it wrote.
    int length = ASCIIFoldingFilter.foldToASCII(lowered, 0, markedTitle, 1, lowered.length);
    markedTitle[length++] = WORD_END;
    emitNgrams(FeatureFamily.TITLE_CHAR_NGRAM, markedTitle, length);
  }

  private void emitNgrams(FeatureFamily family, char[] chars, int length) {
    int seed = settings.hashSeed();
    int maxN = Math.min(settings.maxCharNgram(), length);
    for (int n = settings.minCharNgram(); n <= maxN; n++) {
      for (int start = 0; start + n <= length; start++) {
        long key = FeatureHash.hash(seed, family, chars, start, n);
        add(key, family, chars, start, n);
      }
    }
  }
}
