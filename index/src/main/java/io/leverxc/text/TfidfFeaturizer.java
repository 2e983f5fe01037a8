package io.leverxc.text;

import io.leverxc.vector.SparseVector;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.CloseableThreadLocal;

/**
 * TF-IDF featurizer fitted on training and label texts: analysis by {@link TextAnalyzer}, features
 * from {@link FeatureExtractor}, ids from a vocabulary or from feature hashing, weights {@code (1 +
 * ln tf) * idf} with smoothed {@code idf = ln((1 + N) / (1 + df)) + 1}, then L2 normalisation.
 *
 * <p>Instances are immutable and thread-safe. Each calling thread keeps its own Lucene TokenStream
 * and scratch buffers, so {@link #features} allocates only the returned vector beyond what Lucene's
 * analysis chain allocates. The weights use {@link StrictMath}, so a featurizer read back by {@link
 * #fromBytes} yields bit-identical vectors on any JVM.
 */
public final class TfidfFeaturizer implements TextFeaturizer {
  /** Term counts below this use a precomputed sublinear tf table. */
  private static final int TF_TABLE_SIZE = 64;

  private static final float[] SUBLINEAR_TF = sublinearTfTable();

  private final FeatureSettings settings;
  private final Vocabulary vocabulary;
  private final float[] idf;
  private final int documentCount;
  private final int hashShift;
  private final TextAnalyzer analyzer;
  private final CloseableThreadLocal<Scratch> scratch =
      new CloseableThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
          return new Scratch();
        }
      };

  /**
   * Creates a featurizer from fitted state.
   *
   * @param vocabulary the vocabulary, or null in hashing mode
   * @param idf inverse document frequency of every feature id; owned by the featurizer
   * @param documentCount number of texts the featurizer was fitted on
   */
  TfidfFeaturizer(FeatureSettings settings, Vocabulary vocabulary, float[] idf, int documentCount) {
    this.settings = Objects.requireNonNull(settings, "settings");
    boolean hashing = settings.indexing() == FeatureIndexing.HASHING;
    if (hashing != (vocabulary == null)) {
      throw new IllegalArgumentException(
          "indexing " + settings.indexing() + " needs " + (hashing ? "no vocabulary" : "a vocabulary"));
    }
    int expectedDimension = hashing ? settings.hashBuckets() : vocabulary.size();
    if (idf.length != expectedDimension) {
      throw new IllegalArgumentException(
          "idf table has " + idf.length + " entries, expected " + expectedDimension);
    }
    this.vocabulary = vocabulary;
    this.idf = idf;
    this.documentCount = documentCount;
    this.hashShift = Long.SIZE - settings.hashBits();
    this.analyzer = new TextAnalyzer(settings);
  }

  /**
   * Fits a featurizer on {@code texts}; pass the training texts and the label texts together so
   * that label-only words get features too.
   *
   * @param threads number of worker threads, at least 1
   * @throws IllegalArgumentException if {@code texts} is empty, or no feature reaches the minimum
   *     document frequency
   */
  public static TfidfFeaturizer fit(FeatureSettings settings, List<String> texts, int threads) {
    return new FeaturizerFitter(settings, threads).fit(texts);
  }

  /** Reads a featurizer written by {@link #toBytes()}. */
  public static TfidfFeaturizer fromBytes(byte[] bytes) {
    return FeaturizerFormat.read(bytes);
  }

  /** Writes the settings and the fitted state in a versioned, checksummed layout. */
  public byte[] toBytes() {
    return FeaturizerFormat.write(this);
  }

  @Override
  public SparseVector features(String text) {
    Scratch state = scratch.get();
    state.count = 0;
    state.extractor.extract(text, state);
    return weigh(state.ids, state.count);
  }

  @Override
  public int dimension() {
    return idf.length;
  }

  public FeatureSettings settings() {
    return settings;
  }

  /** Number of texts the featurizer was fitted on. */
  public int documentCount() {
    return documentCount;
  }

  /** Returns the inverse document frequency of {@code featureId}. */
  public float idf(int featureId) {
    Objects.checkIndex(featureId, idf.length);
    return idf[featureId];
  }

  /**
   * Returns the readable form of a vocabulary feature, for debugging: "w:" and a word, "b:" and two
   * words, or "c:" and a character n-gram such as "c:&lt;sub".
   *
   * @throws IllegalStateException in hashing mode, which keeps no vocabulary
   */
  public String vocabularyTerm(int featureId) {
    if (vocabulary == null) {
      throw new IllegalStateException("a featurizer with HASHING indexing has no vocabulary");
    }
    Objects.checkIndex(featureId, vocabulary.size());
    return vocabulary.term(featureId);
  }

  Vocabulary vocabulary() {
    return vocabulary;
  }

  float[] idfTable() {
    return idf;
  }

  private int featureId(long key) {
    return vocabulary != null ? vocabulary.id(key) : (int) (key >>> hashShift);
  }

  /** Turns the feature ids of one text, with repeats, into its normalised TF-IDF vector. */
  private SparseVector weigh(int[] ids, int count) {
    if (count == 0) {
      return SparseVector.empty();
    }
    Arrays.sort(ids, 0, count);
    int distinct = 1;
    for (int i = 1; i < count; i++) {
      if (ids[i] != ids[i - 1]) {
        distinct++;
      }
    }
    int[] indices = new int[distinct];
    float[] values = new float[distinct];
    double sumOfSquares = 0;
    int position = 0;
    int runStart = 0;
    for (int i = 1; i <= count; i++) {
      if (i == count || ids[i] != ids[runStart]) {
        int id = ids[runStart];
        float weight = sublinearTf(i - runStart) * idf[id];
        indices[position] = id;
        values[position] = weight;
        sumOfSquares += (double) weight * weight;
        position++;
        runStart = i;
      }
    }
    float scale = (float) (1.0 / Math.sqrt(sumOfSquares));
    for (int i = 0; i < distinct; i++) {
      values[i] *= scale;
    }
    return SparseVector.of(indices, values);
  }

  private static float sublinearTf(int termCount) {
    return termCount < TF_TABLE_SIZE ? SUBLINEAR_TF[termCount] : (float) (1 + StrictMath.log(termCount));
  }

  private static float[] sublinearTfTable() {
    float[] table = new float[TF_TABLE_SIZE];
    for (int count = 1; count < TF_TABLE_SIZE; count++) {
      table[count] = (float) (1 + StrictMath.log(count));
    }
    return table;
  }

  /** Per-thread state of {@link #features}: the extractor and the feature ids of the current text. */
  private final class Scratch implements FeatureSink {
    private static final int INITIAL_CAPACITY = 256;

    final FeatureExtractor extractor = new FeatureExtractor(analyzer, settings);
    int[] ids = new int[INITIAL_CAPACITY];
    int count;

    @Override
    public void accept(long key, FeatureFamily family, char[] chars, int offset, int length) {
      int id = featureId(key);
      if (id >= 0) {
        if (count == ids.length) {
          ids = ArrayUtil.grow(ids, count + 1);
        }
        ids[count++] = id;
      }
    }
  }
}
